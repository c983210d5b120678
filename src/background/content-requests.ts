/**
 * Answers the content scripts' requests (src/shared/messages.ts): code generation, which carries
 * the Python helpers the content script is too small to hold, the presets that apply to a
 * notebook, Save as preset, the notification at the end of a Run setup, and the toolbar's
 * configuration (direct buttons, presets shown on the toolbar). Registered at top level by index.ts; every answer is computed from storage, nothing
 * is kept in the worker between requests.
 */
import { defaultKeepInstalls, formatProblem, isLive, presetNameProblem, presetsForNotebook, toolbarPresets, uniqueName, type Preset, type Problem } from '../presets';
import { setupPlan } from '../presets/setup-plan';
import { loadPresetStore, updatePresets } from '../presets/storage';
import { RecipeParamsError, formatIssue, validateSteps } from '../recipes';
import { recipeCell } from '../recipes/cell';
import { explainFailure, failureText } from '../recipes/drive-failures';
import { directEntryIds } from '../recipes/toolbar-settings';
import { projectProposal } from './project-proposal';
import { loadToolbarSettings } from '../recipes/toolbar-storage';
import { t } from '../shared/i18n';
import { onBackgroundRequest } from '../shared/messages';
import { notify } from './notifications';

const texts = (problems: readonly Problem[]) => problems.map((p) => formatProblem(p, t));

export function registerContentRequests(): void {
  onBackgroundRequest({
    ping: async () => ({ pong: true }),

    'cell-code': async ({ steps, entry }) => {
      try {
        return { ok: true, ...recipeCell(steps, t, entry) };
      } catch (error) {
        if (error instanceof RecipeParamsError) return { ok: false, problems: error.issues.map((issue) => formatIssue(issue, t)) };
        return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
      }
    },

    'setup-plans': async ({ notebook }) => {
      const read = await loadPresetStore();
      if (!read.ok) return { plans: [], problems: texts(read.problems) };
      return { plans: presetsForNotebook(read.store.presets, notebook).map((preset) => setupPlan(preset, t)), problems: [] };
    },

    'save-preset': async ({ notebook, name, steps }) => {
      const nameProblem = presetNameProblem(name);
      if (nameProblem) return { ok: false, problems: texts([nameProblem]) };
      const valid = validateSteps(steps);
      if (!valid.ok) return { ok: false, problems: valid.issues.map((issue) => formatIssue(issue, t)) };
      let saved = name.trim();
      let added: Preset | undefined;
      // updatePresets validates the whole store again before anything is written.
      const result = await updatePresets((presets) => {
        saved = uniqueName(saved, new Set(presets.filter(isLive).map((p) => p.name)));
        const preset: Preset = {
          id: crypto.randomUUID(),
          name: saved,
          notebooks: [notebook],
          steps: valid.steps.map((step) => ({ recipe: step.recipe, params: { ...step.params } })),
          autoRun: false,
          oneCell: false,
          keepInstalls: defaultKeepInstalls(valid.steps),
          updatedAt: Date.now(),
        };
        added = preset;
        return [...presets, preset];
      });
      return result.ok && added ? { ok: true, name: saved, plan: setupPlan(added, t) } : { ok: false, problems: result.ok ? [] : texts(result.problems) };
    },

    'project-proposal': async (request) => projectProposal(request),

    'explain-failure': async ({ ename, evalue }) => {
      const failure = explainFailure(ename, evalue);
      return failure ? { explained: true, text: failureText(failure, t), retry: failure.retry } : { explained: false };
    },

    'setup-result': async ({ ok, text }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { shown: false };
      return { shown: (await notify(ok ? 'setup-finished' : 'setup-failed', { tabId, detail: text })) !== null };
    },

    // Unreadable settings or presets: the defaults and no preset buttons (the options page says why).
    'toolbar-config': async () => {
      const [settings, read] = await Promise.all([loadToolbarSettings(), loadPresetStore()]);
      return { direct: directEntryIds(settings.settings), presets: read.ok ? toolbarPresets(read.store.presets).map((preset) => setupPlan(preset, t)) : [] };
    },
  });
}
