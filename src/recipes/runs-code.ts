/**
 * Recipes that run code the user did not see in the step itself: Python, a script, a cloned
 * repository, a downloaded file. Reviews (import, a notebook's carried setup) mark them.
 */
import type { RecipeId } from './recipe';

export const RUNS_CODE: ReadonlySet<string> = new Set<RecipeId>(['python', 'run-script', 'git-clone', 'download']);
