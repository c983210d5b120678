/**
 * "Colab changed under this preset's lock" (issue 19 part 2), in the Run setup panel: on connect
 * (what moved: src/features/connect-drift.ts), and after a run, what it means for the preset (the
 * release moved; preinstalled packages it overrides moved; a lock made on another Python was not
 * applied, and which of its packages have no wheel for this Python). Then the choice: Update lock
 * (the next run resolves again, as of the lock's date first) or keep the lock.
 */
import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { askBackground } from '../shared/messages';
import type { LockDrift } from '../shared/python-lock';
import { byUser } from '../ui/user-action';

/** One sentence per thing that moved, in the user's language. */
export function lockDriftText(drift: LockDrift): string {
  const parts: string[] = [];
  if (drift.release) parts.push(t('lockDriftRelease', [drift.release[0], drift.release[1]]));
  if (drift.release && drift.kept?.length) parts.push(t('lockDriftKept', drift.kept.map((pin) => pin.replace('==', ' ')).join(', ')));
  if (drift.moved.length > 0) parts.push(t('lockDriftMoved', drift.moved.map(([name, was, now]) => `${name} ${was} → ${now}`).join(', ')));
  if (drift.python) parts.push(t('lockDriftPython', [drift.python[0], drift.python[1]]));
  if (drift.python && drift.noWheel?.length) parts.push(t('lockDriftNoWheel', [drift.python[1], drift.noWheel.join(', ')]));
  return parts.join(' ');
}

/**
 * `text`: what moved; `lockKey`: the lock Update lock marks. `canUpdate`: false when the lock was
 * made on another Python (this runtime's key has none to update). `onKeep`: Keep the lock also hides the note.
 */
export function LockDriftNote(props: { presetId: string; lockKey: string; text: string; canUpdate: boolean; announce: (text: string) => void; onKeep?: () => void }) {
  const { presetId, lockKey, text, canUpdate, announce, onKeep } = props;
  const [choice, setChoice] = useState<'' | 'update' | 'keep'>('');
  const update = async () => {
    const answer = await askBackground({ type: 'lock-update', presetId, key: lockKey }).catch(() => ({ asked: false }));
    setChoice('update');
    announce(t(answer.asked ? 'lockDriftUpdateAsked' : 'lockDriftUpdateFailed'));
  };
  return (
    <div class="lock-drift">
      <p class="warn">{text}</p>
      {canUpdate && choice === '' && (
        <div class="actions">
          <button type="button" onClick={byUser(() => void update())}>
            {t('editorLockUpdate')}
          </button>
          <button
            type="button"
            onClick={byUser(() => {
              setChoice('keep');
              onKeep?.();
            })}
          >
            {t('lockDriftKeep')}
          </button>
        </div>
      )}
      {choice === 'update' && <p role="status">{t('lockDriftUpdateAsked')}</p>}
    </div>
  );
}
