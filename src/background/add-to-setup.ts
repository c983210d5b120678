/**
 * Add to setup (issue 18 part 3): steps captured from what the user installed are appended to the
 * preset that covers the notebook (the most specific binding; of presets that tie, the first by
 * name, as Run setup's menu lists them), or to a new preset bound to it. What the preset already installs is not added twice. Also keeps the
 * notebooks for which the user turned the offer off (storage.local, worker only). The cell's text
 * is parsed here (src/recipes/install-capture.ts), not in the content script, which stays small.
 */
import { defaultKeepInstalls, formatProblem, isLive, isNotebookKey, presetsForNotebook, uniqueName, type Preset } from '../presets';
import { nextStamp } from '../presets/stamps';
import { loadPresetStore, updatePresets } from '../presets/storage';
import { formatIssue, validateSteps } from '../recipes';
import { captureCell, withoutPresent, type CapturedStep } from '../recipes/install-capture';
import browser from '../shared/browser';
import { readMarker } from '../shared/cell-marker';
import { t } from '../shared/i18n';
import type { BackgroundRequest, BackgroundResponse } from '../shared/messages';
import { CAPTURE_OFF_KEY } from '../shared/storage-keys';

/** The newest notebooks kept (the oldest are forgotten first). */
const MAX_OFF = 500;

export async function addToSetup({ notebook, steps }: Extract<BackgroundRequest, { type: 'add-to-setup' }>): Promise<BackgroundResponse<'add-to-setup'>> {
  if (!isNotebookKey(notebook)) return { ok: false, problems: [t('presetInvalidNotebookKey', notebook.slice(0, 200))] };
  const valid = validateSteps(steps);
  if (!valid.ok) return { ok: false, problems: valid.issues.map((issue) => formatIssue(issue, t)) };
  let name = '';
  let created = false;
  let added = 0;
  const result = await updatePresets((presets) => {
    const now = Date.now();
    const target = presetsForNotebook(presets, notebook)[0];
    const fresh = withoutPresent(valid.steps as readonly CapturedStep[], target?.steps ?? []).map((step) => ({ recipe: step.recipe, params: { ...step.params } }));
    added = fresh.length;
    if (fresh.length === 0) return presets;
    if (target) {
      name = target.name;
      const grown: Preset = { ...target, steps: [...target.steps, ...fresh], updatedAt: nextStamp(target.updatedAt, now) };
      return presets.map((preset) => (preset === target ? grown : preset));
    }
    created = true;
    name = uniqueName(t('captureNewPresetName'), new Set(presets.filter(isLive).map((p) => p.name)));
    const preset: Preset = { id: crypto.randomUUID(), name, notebooks: [notebook], steps: fresh, autoRun: false, oneCell: false, keepInstalls: defaultKeepInstalls(fresh), updatedAt: now };
    return [...presets, preset];
  });
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => formatProblem(p, t)) };
  return { ok: true, name, created, added };
}

/** What Add to setup offers for a finished cell: its install steps that the notebook's preset does not have yet. */
export async function captureCellOffer({ notebook, text, output }: Extract<BackgroundRequest, { type: 'capture-cell' }>): Promise<BackgroundResponse<'capture-cell'>> {
  // Launchpad's own cells (a marker, intact or edited) are never offered.
  const capture = isNotebookKey(notebook) && !readMarker(text) ? captureCell(text, output) : null;
  if (!capture) return { offer: null };
  const read = await loadPresetStore();
  const target = read.ok && isNotebookKey(notebook) ? presetsForNotebook(read.store.presets, notebook)[0] : undefined;
  const steps = withoutPresent(capture.steps, target?.steps ?? []).map((step) => ({ recipe: step.recipe, params: { ...step.params } }));
  if (steps.length === 0 && capture.notCarried.length === 0) return { offer: null };
  return { offer: { steps, notCarried: [...capture.notCarried], target: target?.name ?? null } };
}

async function offList(): Promise<string[]> {
  const stored = (await browser.storage.local.get(CAPTURE_OFF_KEY))[CAPTURE_OFF_KEY];
  return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
}

/** Whether Add to setup is off for this notebook; `off` given: set it first. */
export async function captureOff({ notebook, off }: Extract<BackgroundRequest, { type: 'capture-off' }>): Promise<BackgroundResponse<'capture-off'>> {
  const list = await offList();
  if (off === undefined) return { off: list.includes(notebook) };
  const next = [...list.filter((key) => key !== notebook), ...(off ? [notebook] : [])].slice(-MAX_OFF);
  await browser.storage.local.set({ [CAPTURE_OFF_KEY]: next });
  return { off };
}
