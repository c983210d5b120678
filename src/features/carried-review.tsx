/**
 * Review setup's dialog (issue 18 part 4), loaded on demand (./on-demand.tsx): every step and check
 * of the setup a notebook carries, those that run code marked, and its locked versions (issue 19),
 * with Run (once) and Save as preset (which keeps its runtime, version pin, locks and checks); a setup
 * the worker found invalid is shown as not runnable, with the reason. The carried cell is found by
 * ./carry-setup.tsx in the content script.
 */
import { t } from '../shared/i18n';
import { askBackground, type SetupPlan } from '../shared/messages';
import { Dialog } from '../ui/dialog';
import { LockList } from '../ui/lock-list';
import { byUser } from '../ui/user-action';
import { problemText, type Review } from './carry-setup';
import { stepLabel } from './run-setup';

export function CarriedReview(props: {
  review: Review;
  notebook: string;
  announce: (text: string) => void;
  /** Closed; `saved`: kept as a preset, so the notebook no longer needs a review. */
  onClose: (saved: boolean) => void;
  /** Run the reviewed setup once, as Run setup runs a preset. */
  onRun: (plan: SetupPlan) => void;
}) {
  const { review, notebook, announce, onClose, onRun } = props;
  const save = async () => {
    try {
      const { runtime, runtimeVersion, locks, checkValues } = review;
      const steps = review.steps.map(({ recipe, params }) => ({ recipe, params }));
      const answer = await askBackground({ type: 'save-preset', notebook, name: review.name, steps, ...(runtime ? { runtime } : {}), ...(runtimeVersion ? { runtimeVersion } : {}), ...(locks ? { locks } : {}), ...(checkValues ? { checkValues } : {}) });
      if (!answer.ok) return announce(answer.problems.join(' '));
      onClose(true);
      announce(t('saveStatusSaved', answer.name));
    } catch (error) {
      announce(problemText(error));
    }
  };
  const runnable = review.plan;

  return (
    <Dialog title={review.name ? t('carryDialogTitle', review.name) : t('carryReview')} onClose={() => onClose(false)}>
      <p class="dialog-desc">{t(runnable ? 'carryDialogDesc' : 'carryNotRunnable')}</p>
      {review.problems.length > 0 && (
        <div class="dialog-alert" role="alert">
          {review.problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <ol class="carried-steps">
        {review.steps.map((step, index) => (
          <li key={index}>
            {stepLabel(step)}
            {step.runsCode && <strong class="runs-code"> {t('carriedRunsCode')}</strong>}
          </li>
        ))}
      </ol>
      {review.checks && (
        <>
          <p>{t('checksHeading')}</p>
          <ul class="carried-checks">
            {review.checks.map((check, index) => (
              <li key={index}>
                {check.text}
                {check.runsCode && <strong class="runs-code"> {t('carriedRunsCode')}</strong>}
              </li>
            ))}
          </ul>
        </>
      )}
      {review.locks && <LockList locks={review.locks} />}
      <div class="actions">
        <button type="button" onClick={() => onClose(false)}>
          {t('dialogCancel')}
        </button>
        {runnable && (
          <>
            <button type="button" onClick={byUser(() => void save())}>
              {t('carrySaveAsPreset')}
            </button>
            <button
              type="button"
              class="primary"
              onClick={byUser(() => {
                onClose(false);
                onRun(runnable);
              })}
            >
              {t('carryRun')}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
