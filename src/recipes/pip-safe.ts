/**
 * Generation side of Colab-safe pip installs (python-pip-safe.ts): the arguments a pip-install
 * step's call gets when the user confirmed held packages or when it may restart the runtime.
 */
import { DIST_NAME } from '../shared/dist-name';
import { pyStrList } from './quote';

/** `, held_ok=[…], restart=True` as needed ('' for neither). Names that are not distribution names are dropped. */
export function pipSafeArgs(heldOk: readonly string[], restartIfNeeded: boolean): string {
  const names = [...new Set(heldOk.filter((name) => DIST_NAME.test(name)))].sort();
  return (names.length ? `, held_ok=${pyStrList(names)}` : '') + (restartIfNeeded ? ', restart=True' : '');
}
