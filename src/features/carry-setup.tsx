/**
 * The setup travels with the notebook (issue 18 part 4). Save setup in notebook (More recipes)
 * writes the preset that covers this notebook into it as Launchpad's carried-setup cell, without
 * running anything. A notebook that carries a setup, opened where no preset covers it, shows
 * Review setup: a dialog listing every step (those that run code marked), with Run (once) and
 * Save as preset. Nothing runs by itself; a setup the worker finds invalid is shown as not
 * runnable, with the reason, and cannot be run or saved.
 */
import { useEffect, useState } from 'preact/hooks';
import { request } from '../colab/bridge';
import { CARRIED_SETUP_KEY } from '../shared/cell-keys';
import { t } from '../shared/i18n';
import { BackgroundError, askBackground, type BackgroundResponse, type SetupPlan } from '../shared/messages';
import { Icon } from '../ui/icons';
import { CarriedReview } from './on-demand-imports';

export type Review = NonNullable<BackgroundResponse<'carried-review'>['review']>;

/** How often, and how many times, the notebook is asked for a carried setup until its page API answers. */
const LOOK_MS = 1_500;
const LOOKS = 10;

export const problemText = (error: unknown) => {
  if (error instanceof BackgroundError) return error.message;
  return error instanceof Error ? error.message : String(error);
};

export function CarrySetup(props: {
  notebook: string | null;
  signal: AbortSignal;
  announce: (text: string) => void;
  /** Counts the user's "Save setup in notebook" choices: each writes the cell once. */
  saveRequest: number;
  /** Run the reviewed setup once, as Run setup runs a preset. */
  onRun: (plan: SetupPlan) => void;
  tabIndex: number;
}) {
  const { notebook, signal, announce, saveRequest, onRun, tabIndex } = props;
  const [review, setReview] = useState<Review | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    setReview(null);
    setOpen(false);
    if (notebook === null) return;
    let looks = 0;
    const look = async () => {
      try {
        const { text } = await request('carried-setup', {}, { timeoutMs: 3_000, signal });
        clearInterval(timer);
        if (!text) return;
        const answer = await askBackground({ type: 'carried-review', notebook, text });
        if (!signal.aborted) setReview(answer.review);
      } catch {
        // Colab still booting, or no worker: look again, a few times.
      }
      if (++looks >= LOOKS) clearInterval(timer);
    };
    const timer = setInterval(() => void look(), LOOK_MS);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
    return () => clearInterval(timer);
  }, [notebook, signal]);

  useEffect(() => {
    if (saveRequest === 0 || notebook === null) return;
    void (async () => {
      try {
        const cell = await askBackground({ type: 'carried-cell', notebook });
        if (!cell.ok) return announce(cell.problems.join(' '));
        await request('write-cell', { address: location.href, key: CARRIED_SETUP_KEY, code: cell.code }, { timeoutMs: 5_000, signal });
        if (!signal.aborted) announce(t('carrySaved', cell.name));
      } catch (error) {
        if (!signal.aborted) announce(t('carrySaveFailed', problemText(error)));
      }
    })();
  }, [saveRequest]);

  if (notebook === null || review === null) return null;

  const runnable = review.plan;

  return (
    <>
      <button type="button" class="recipe" data-entry="review-setup" title={t('carryReviewTitle')} tabIndex={tabIndex} onClick={() => setOpen(true)}>
        <Icon name={runnable ? 'launch' : 'warning'} />
        <span>{t('carryReview')}</span>
      </button>
      {open && <CarriedReview review={review} notebook={notebook} announce={announce} onClose={(saved) => { setOpen(false); if (saved) setReview(null); }} onRun={onRun} />}
    </>
  );
}
