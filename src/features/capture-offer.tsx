/**
 * Add to setup's offer (issue 18 part 3), loaded on demand (./on-demand.tsx): the steps a finished
 * cell of the user's installed, what was not carried over and why, and Add to setup / Dismiss /
 * Turn off for this notebook. The watching stays in the content script (./add-to-setup.tsx).
 */
import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { BackgroundError, askBackground } from '../shared/messages';
import { byUser } from '../ui/user-action';
import type { Offer } from './add-to-setup';
import { stepLabel } from './run-setup';

const REASONS = {
  option: 'captureReasonOption',
  url: 'captureReasonUrl',
  path: 'captureReasonPath',
  invalid: 'captureReasonInvalid',
  shell: 'captureReasonShell',
} as const;

export function CaptureOffer(props: {
  offer: Offer;
  notebook: string;
  signal: AbortSignal;
  announce: (text: string) => void;
  /** The offer is done: added, dismissed, or (`turnedOff`) Add to setup turned off for this notebook. */
  onClose: (turnedOff: boolean) => void;
}) {
  const { offer, notebook, signal, announce, onClose } = props;
  const [problem, setProblem] = useState('');

  const add = async () => {
    setProblem('');
    try {
      const answer = await askBackground({ type: 'add-to-setup', notebook, steps: offer.steps });
      if (signal.aborted) return;
      if (!answer.ok) {
        setProblem(answer.problems.join(' '));
        return;
      }
      onClose(false);
      announce(answer.added === 0 ? t('captureAlreadyThere', answer.name) : t(answer.created ? 'captureAddedNew' : 'captureAdded', answer.name));
    } catch (error) {
      if (!(error instanceof BackgroundError)) throw error;
      setProblem(error.message);
    }
  };

  const turnOff = async () => {
    onClose(true);
    try {
      await askBackground({ type: 'capture-off', notebook, off: true });
      announce(t('captureTurnedOff'));
    } catch (error) {
      if (!(error instanceof BackgroundError)) throw error;
    }
  };

  const notCarried = offer.notCarried.map((item) => `${item.text} (${t(REASONS[item.reason])})`).join(', ');
  return (
    <div class="alert capture" role="group" aria-label={t('captureTitle')}>
      <p>
        {offer.steps.length > 0 && (offer.target !== null ? t('captureOfferPreset', offer.target) : t('captureOfferNew'))}
        {offer.steps.map((step) => (
          <span key={stepLabel(step)} class="capture-step">
            {'\n'}
            {stepLabel(step)}
          </span>
        ))}
        {notCarried && `\n${t('captureNotCarried', notCarried)}`}
        {problem && `\n${problem}`}
      </p>
      {offer.steps.length > 0 && (
        <button type="button" class="primary" onClick={byUser(() => void add())}>
          {t('captureAdd')}
        </button>
      )}
      <button type="button" onClick={() => onClose(false)}>
        {t('alertDismiss')}
      </button>
      <button type="button" onClick={byUser(() => void turnOff())}>
        {t('captureOffForNotebook')}
      </button>
    </div>
  );
}
