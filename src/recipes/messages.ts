/**
 * Message keys used by the recipe catalogue: keys of public/_locales/en/messages.json (a type-only
 * import, so this module stays pure and free of chrome.*).
 *
 * Validation messages: placeholder `$FIELD$` is always substitution 1 (the field's label, already
 * translated); the values of `ParamIssue.substitutions` follow as 2, 3, … Use `formatIssue`.
 */
import type en from '../../public/_locales/en/messages.json';

export type RecipeMessageKey = keyof typeof en;

/** A translator with chrome.i18n.getMessage's shape (src/shared/i18n.ts `t`). */
export type Translate = (key: RecipeMessageKey, substitutions?: string | string[]) => string;
