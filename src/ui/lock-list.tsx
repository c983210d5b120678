/**
 * A preset's locked versions in a review (the import review, Review setup): one line per runtime
 * key, "Locked 2026-12-07 · Python 3.13 · T4 · 12 packages" and the key, under "Locked versions".
 */
import { lockLine, type PresetLock } from '../presets/locks';
import { t } from '../shared/i18n';

export function LockList(props: { locks: readonly PresetLock[] }) {
  return (
    <>
      <p>{t('editorLocks')}</p>
      <ul class="locks">
        {props.locks.map((lock) => (
          <li key={lock.key}>
            {lockLine(lock, t)} <code>{lock.key}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
