/**
 * Run setup's answer to a pip step held before it changed a package Colab's runtime depends on
 * (python-pip-safe.ts): names the packages with Colab's own warning, and offers Install anyway
 * (the step again, with those packages confirmed for this run only) or Skip (the steps after it).
 */
import type { HeldPackage } from '../recipes';
import { t } from '../shared/i18n';
import { byUser } from '../ui/user-action';

/** "ipython 8.5.0 → 7.34.0": what the step would have changed. */
export function heldText(held: readonly HeldPackage[]): string {
  return held.map((p) => `${p.name} ${p.installed ?? '?'} → ${p.wanted ?? '?'}`).join(', ');
}

/** `onSkip` absent: nothing can be skipped alone (a preset run as one cell). */
export function HeldPackages(props: { held: readonly HeldPackage[]; onInstall: () => void; onSkip?: () => void }) {
  const { held, onInstall, onSkip } = props;
  return (
    <div class="held" role="alert">
      <p class="warn">{t('setupHeld', heldText(held))}</p>
      <p>{t('setupHeldColabWarning')}</p>
      <div class="actions">
        <button type="button" onClick={byUser(onInstall)}>{t('setupHeldInstallAnyway')}</button>
        {onSkip && <button type="button" onClick={byUser(onSkip)}>{t('setupHeldSkip')}</button>}
      </div>
    </div>
  );
}
