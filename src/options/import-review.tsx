/**
 * The review of a presets file before anything is written (issue 17, L6): per preset its name,
 * the notebooks it binds, its steps, and every step that runs arbitrary code (Run Python, Run
 * script, Git clone, Download) marked "Runs code" with its code or address in full; its checks,
 * a command check marked "Runs code" too. Show on the toolbar and Run automatically on connect
 * arrive off. Its locked versions (issue 19) are listed per runtime key. Import writes; Cancel (or
 * Escape) changes nothing. A modal <dialog> (src/ui/dialog.tsx): focus moves into it and back to
 * the file input.
 */
import type { ImportedPreset, PresetStep } from '../presets';
import { RECIPES, labelledStepSummary, recipeFields } from '../recipes';
import { RUNS_CODE } from '../recipes/runs-code';
import { t } from '../shared/i18n';
import { checkLabel } from '../shared/setup-checks';
import { Dialog } from '../ui/dialog';
import { LockList } from '../ui/lock-list';

/** Steps whose effect is whatever their code, script or fetched file does: shown in full. */

function paramText(value: unknown): string {
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function ReviewStep({ step }: { step: PresetStep }) {
  const title = t(RECIPES[step.recipe].title);
  if (!RUNS_CODE.has(step.recipe)) {
    const summary = labelledStepSummary(step, t);
    return (
      <li>
        <span class="step-title">{title}</span>
        {summary && <span class="muted step-summary"> {summary}</span>}
      </li>
    );
  }
  const fields = recipeFields(step.recipe).filter((field) => step.params[field.name] !== undefined && step.params[field.name] !== '');
  return (
    <li class="runs-code">
      <span class="step-title">{title}</span> <span class="tag warn">{t('importReviewRunsCode')}</span>
      {fields.map((field) => {
        const value = step.params[field.name];
        if (typeof value === 'boolean') return value ? <div key={field.name} class="review-param muted">{t(field.label)}</div> : null;
        return (
          <div key={field.name} class="review-param">
            <span class="muted">{t(field.label)}</span>
            <pre class="code">{paramText(value)}</pre>
          </div>
        );
      })}
    </li>
  );
}

export function ImportReview(props: { presets: readonly ImportedPreset[]; onImport: () => void; onCancel: () => void }) {
  const { presets, onImport, onCancel } = props;
  return (
    <Dialog title={t('importReviewTitle')} onClose={onCancel} describedBy="import-review-intro">
      <p id="import-review-intro">{t('importReviewIntro')}</p>
      <ul class="review" aria-label={t('importReviewTitle')}>
        {presets.map((preset, index) => (
          <li key={index}>
            <h3>{preset.name}</h3>
            {preset.notebooks.length === 0 ? (
              <p class="muted">{t('importReviewNoNotebooks')}</p>
            ) : (
              <>
                <p>{t('importReviewNotebooks')}</p>
                <ul class="notebooks">
                  {preset.notebooks.map((key) => (
                    <li key={key} class="notebook">
                      {key}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>{t('importReviewSteps')}</p>
            <ol class="steps">
              {preset.steps.map((step, stepIndex) => (
                <ReviewStep key={stepIndex} step={step} />
              ))}
            </ol>
            {preset.checks && (
              <>
                <p>{t('checksHeading')}</p>
                <ul class="checks">
                  {preset.checks.map((check, checkIndex) =>
                    check.kind === 'command' ? (
                      <li key={checkIndex} class="runs-code">
                        {checkLabel(check, t)} <span class="tag warn">{t('importReviewRunsCode')}</span>
                      </li>
                    ) : (
                      <li key={checkIndex}>{checkLabel(check, t)}</li>
                    ),
                  )}
                </ul>
              </>
            )}
            {preset.locks && <LockList locks={preset.locks} />}
            <p class="muted">{t('importReviewSwitchesOff')}</p>
            {preset.showOnToolbar && <p class="note">{t('importReviewToolbarAsked')}</p>}
          </li>
        ))}
      </ul>
      <div class="row dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('dialogCancel')}
        </button>
        <button type="button" class="primary" data-action="import" onClick={onImport}>
          {t('importReviewImport')}
        </button>
      </div>
    </Dialog>
  );
}
