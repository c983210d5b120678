/**
 * The preset's locks in the preset editor (issue 19): one line per runtime key, "Locked 2026-12-07 ·
 * Python 3.13 · T4 · 12 packages" (the accelerator build, cu128, when no GPU model is known; then
 * the runtime version the preset's pin applied, if any), with Update lock (the next run on that runtime resolves again
 * and replaces the lock). Nothing is shown before a first run has recorded one.
 */
import { useState } from 'preact/hooks';
import type { Preset, PresetStore } from '../presets';
import { lockLine, requestLockUpdate } from '../presets/locks';
import { t } from '../shared/i18n';
import { byUser } from '../ui/user-action';
import { Alert } from './alert';
import { writePreset } from './store-writes';

export function PresetLocks(props: { preset: Preset; onStore: (store: PresetStore) => void }) {
  const { preset, onStore } = props;
  const [messages, setMessages] = useState<readonly string[]>([]);
  const locks = preset.locks ?? [];
  if (locks.length === 0) return null;

  const update = async (key: string) => {
    // Re-resolving on purpose: as of today (the toolbar's drift note asks as of the lock's date).
    const result = await writePreset(preset.id, (stored) => requestLockUpdate(stored, key, 'today'));
    setMessages(result.ok ? [] : result.messages);
    if (result.ok) onStore(result.store);
  };

  return (
    <fieldset class="preset-locks">
      <legend>{t('editorLocks')}</legend>
      <ul>
        {locks.map((lock) => {
          return (
            <li key={lock.key} title={[lock.key, lock.colabRelease ?? ''].filter(Boolean).join(' · ')}>
              <span>{lockLine(lock, t)}</span>{' '}
              {lock.updateRequested ? (
                <span class="muted">{t('editorLockUpdateAsked')}</span>
              ) : (
                <button type="button" onClick={byUser(() => void update(lock.key))}>
                  {t('editorLockUpdate')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <p class="muted">{t('editorLocksHint')}</p>
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
    </fieldset>
  );
}
