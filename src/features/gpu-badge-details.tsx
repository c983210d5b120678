/**
 * The GPU badge's details popover: what the runtime is, the mismatch if any, and GPU check and
 * Change runtime type, from the badge's first opening on (./gpu-badge.tsx).
 */
import { useEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import type { Badge } from '../colab/accelerator';
import { runColabMenuCommand } from '../colab/commands';
import { t } from '../shared/i18n';
import { useAnchoredPopover } from '../ui/anchored-popover';
import { byUser } from '../ui/user-action';

export function BadgeDetails(props: {
  open: boolean;
  anchor: MutableRef<HTMLButtonElement | null>;
  badge: Badge;
  text: string;
  mismatch: string | undefined;
  onGpuCheck: () => void;
  onClose: () => void;
  /** Closed by the browser (Escape, a click outside). */
  onClosed: () => void;
}) {
  const { open, anchor, badge, text, mismatch, onGpuCheck, onClose: close, onClosed } = props;
  const [hint, setHint] = useState('');
  const popoverRef = useRef<HTMLDivElement>(null);
  useAnchoredPopover({ open, anchor, popover: popoverRef, width: 320, focusTarget: (popover) => popover.querySelector('button'), deps: [] });
  // Each opening starts without the previous one's hint.
  useEffect(() => {
    if (open) setHint('');
  }, [open]);

  return (
    <div
      ref={popoverRef}
      class="popover"
      popover="auto"
      role="dialog"
      aria-label={t('badgeDetailsTitle')}
      onToggle={(event) => {
        if (event.newState === 'closed' && open) onClosed();
      }}
    >
      <h2>{t('badgeDetailsTitle')}</h2>
      <p>{t('badgeDetailsRuntime', text)}</p>
      {mismatch && <p class="warn">{mismatch} {t('badgeMismatchAdvice')}</p>}
      {badge.kind === 'unknown' && <p>{t('badgeUnknownDetail', badge.reason)}</p>}
      <p class="muted">{t('badgeSources')}</p>
      {hint && (
        <p class="warn" role="alert">
          {hint}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={byUser(() => (close(), onGpuCheck()))}>
          {t('recipeGpuCheck')}
        </button>
        <button
          type="button"
          onClick={() => {
            void runColabMenuCommand('change-runtime-type').then((opened) => (opened ? close() : setHint(t('badgeChangeRuntimeManually'))));
          }}
        >
          {t('badgeChangeRuntime')}
        </button>
        <button type="button" class="primary" onClick={close}>
          {t('badgeClose')}
        </button>
      </div>
    </div>
  );
}
