/**
 * Answers the content scripts' requests (src/shared/messages.ts): code generation, which carries
 * the Python helpers the content script is too small to hold, the presets that apply to a
 * notebook, Save as preset, Bind a preset (issue 18), the notification at the end of a Run setup,
 * the digests of installs kept on Drive (stored with the preset, under the presets lock), and the
 * toolbar's configuration (direct buttons, presets shown on the toolbar), and the injection of the
 * toolbar's on-demand parts into the asking frame. Registered at top level by
 * index.ts; every answer is computed from storage, nothing is kept in the worker between requests.
 */
import * as v from 'valibot';
import {
  checksSchema,
  defaultKeepInstalls,
  issuesToProblems,
  bindPreset,
  formatProblem,
  isLive,
  isNotebookKey,
  presetNameProblem,
  presetsForNotebook,
  repositoryBinding,
  toolbarPresets,
  uniqueName,
  type Preset,
  type Problem,
} from '../presets';
import { recordInstallDigests } from '../presets/install-digests';
import { readLocks, recordLocks, requestLockUpdate, withLocks } from '../presets/locks';
import { fileLock } from '../presets/file-format';
import { setupPlan } from '../presets/setup-plan';
import { loadPresetStore, updatePresets } from '../presets/storage';
import { RecipeParamsError, formatIssue, validateSteps } from '../recipes';
import { recipeCell } from '../recipes/cell';
import { explainFailure, failureText } from '../recipes/drive-failures';
import { directEntryIds } from '../recipes/toolbar-settings';
import { projectProposal } from './project-proposal';
import { addToSetup, captureCellOffer, captureOff } from './add-to-setup';
import { carriedCell, carriedReview } from './carried-setup';
import { loadToolbarSettings } from '../recipes/toolbar-storage';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import { onBackgroundRequest } from '../shared/messages';
import { ON_DEMAND_FILE } from '../shared/on-demand';
import { notify } from './notifications';

const texts = (problems: readonly Problem[]) => problems.map((p) => formatProblem(p, t));

/** Ends an `updatePresets` change without writing: the binding asked for is not made, and why. */
class BindRefusal extends Error {}

/** `github:owner/repo` → `owner/repo`, as the panel shows it. */
const repositoryName = (binding: string) => binding.slice('github:'.length);

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

    'held-plan': async ({ presetId, heldOk }) => {
      const read = await loadPresetStore();
      const preset = read.ok ? read.store.presets.find((p) => p.id === presetId && isLive(p)) : undefined;
      return { plan: preset ? setupPlan(preset, t, heldOk) : null };
    },

    'save-preset': async ({ notebook, name, steps, runtime, runtimeVersion, locks, checkValues }) => {
      const nameProblem = presetNameProblem(name);
      if (nameProblem) return { ok: false, problems: texts([nameProblem]) };
      const valid = validateSteps(steps);
      if (!valid.ok) return { ok: false, problems: valid.issues.map((issue) => formatIssue(issue, t)) };
      const checks = checkValues === undefined ? undefined : v.safeParse(checksSchema, checkValues);
      if (checks && !checks.success) return { ok: false, problems: texts(issuesToProblems(checks.issues, 'checks')) };
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
          // Review setup's Save as preset keeps the carried runtime, version pin, locks and checks (read as stored ones are).
          ...(runtime ? { runtime } : {}),
          ...(runtimeVersion ? { runtimeVersion } : {}),
          ...(checks?.success && checks.output.length > 0 ? { checks: checks.output } : {}),
        };
        added = withLocks(preset, readLocks(locks).map(fileLock));
        return [...presets, added];
      });
      return result.ok && added ? { ok: true, name: saved, plan: setupPlan(added, t) } : { ok: false, problems: result.ok ? [] : texts(result.problems) };
    },

    'install-digests': async ({ presetId, digests }) => {
      let recorded = false;
      const result = await updatePresets((presets) => {
        const next = recordInstallDigests(presets, presetId, digests, Date.now());
        recorded = next.recorded;
        return next.presets;
      });
      return { recorded: result.ok && recorded };
    },

    'preset-lock': async ({ presetId, lines, run }) => {
      let recorded = false;
      const result = await updatePresets((presets) => {
        const next = recordLocks(presets, presetId, lines, Date.now(), run);
        recorded = next.recorded;
        return next.presets;
      });
      return { recorded: result.ok && recorded };
    },

    'lock-update': async ({ presetId, key }) => {
      let asked = false;
      const result = await updatePresets((presets) =>
        presets.map((preset) => {
          if (preset.id !== presetId || preset.deletedAt !== undefined) return preset;
          // The toolbar's lock-drift note: Colab moved underneath, so as of the lock's date first.
          const next = requestLockUpdate(preset, key, 'as-of-lock');
          asked = next !== preset;
          return next;
        }),
      );
      return { asked: result.ok && asked };
    },

    'bind-targets': async ({ notebook }) => {
      const repository = isNotebookKey(notebook) ? repositoryBinding(notebook) : null;
      const shown = repository === null ? null : repositoryName(repository);
      const read = await loadPresetStore();
      if (!read.ok) return { presets: [], repository: shown, problems: texts(read.problems) };
      return { presets: read.store.presets.filter(isLive).map(({ id, name }) => ({ id, name })), repository: shown, problems: [] };
    },

    'bind-preset': async ({ notebook, presetId, scope }) => {
      if (!isNotebookKey(notebook)) return { ok: false, problems: [t('presetInvalidNotebookKey', notebook.slice(0, 200))] };
      const binding = scope === 'notebook' ? notebook : repositoryBinding(notebook);
      if (binding === null) return { ok: false, problems: [t('bindNoRepository')] };
      let name = '';
      try {
        // updatePresets validates the whole store again (at most 200 notebooks…) before anything is written.
        const result = await updatePresets((presets) => {
          const bound = bindPreset(presets, presetId, binding, Date.now());
          if (bound.kind === 'gone') throw new BindRefusal(t('bindPresetGone'));
          if (bound.kind === 'already') throw new BindRefusal(t('bindAlready', bound.name));
          name = bound.name;
          return bound.presets;
        });
        if (!result.ok) return { ok: false, problems: texts(result.problems) };
        const done = scope === 'notebook' ? t('bindDoneNotebook', name) : t('bindDoneRepository', [name, repositoryName(binding)]);
        // A repository binding does not replace a preset bound to this very notebook: say which one Run setup offers.
        const offered = presetsForNotebook(result.store.presets, notebook).some((preset) => preset.id === presetId);
        return { ok: true, text: offered ? done : `${done} ${t('bindOutranked')}` };
      } catch (error) {
        if (error instanceof BindRefusal) return { ok: false, problems: [error.message] };
        throw error;
      }
    },
    'project-proposal': async (request) => projectProposal(request),
    'add-to-setup': async (request) => addToSetup(request),
    'capture-off': async (request) => captureOff(request),
    'capture-cell': async (request) => captureCellOffer(request),
    'carried-cell': async (request) => carriedCell(request),
    'carried-review': async (request) => carriedReview(request),

    'explain-failure': async ({ ename, evalue }) => {
      const failure = explainFailure(ename, evalue);
      return failure ? { explained: true, text: failureText(failure, t), retry: failure.retry } : { explained: false };
    },

    // Only into the frame that asked, in its isolated world (the default): Colab's page never sees it.
    'load-on-demand': async (_request, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false, problem: 'no tab' };
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [ON_DEMAND_FILE] });
        return { ok: true };
      } catch (error) {
        return { ok: false, problem: error instanceof Error ? error.message : String(error) };
      }
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
