/**
 * The Launchpad toolbar: recipe buttons, the "More recipes" menu and parameter dialogs, rendered
 * by Preact in an open shadow root right after Colab's own toolbar, following Colab's theme.
 * Exactly one per page: it is torn down with the content script's life and re-placed when Colab
 * re-renders around it. The user picks the direct buttons and adds presets to it (options page,
 * toolbar-config.ts); buttons that do not fit on one line move into More recipes. Colab's page
 * can reach this open shadow root, so every control that runs, saves or notifies acts only on the
 * user's own input (src/ui/user-action.ts).
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { request } from '../colab/bridge';
import { watchNotebook } from '../colab/location';
import { notebookIdentity, type NotebookIdentity } from '../colab/notebook-key';
import { watchTheme } from '../colab/theme';
import { probePageApi } from '../colab/probes';
import { keepNextToColabToolbar, type Placement } from '../colab/toolbar-slot';
import type { PageLife } from '../shared/page-life';
import { TOOLBAR_ENTRIES, fixedSteps, retrySteps, type DialogEntry, type RetryKind, type ToolbarEntry, type ValidStep } from '../recipes';
import { FEATURE_NAMES } from '../shared/compat-features';
import { t } from '../shared/i18n';
import { onMessageToContent, type SetupPlan } from '../shared/messages';
import { copyText } from '../ui/clipboard';
import { Icon } from '../ui/icons';
import { MenuButton, type MenuButtonHandle } from '../ui/menu-button';
import { RecipeButton, stateLabel, type ButtonState } from '../ui/recipe-button';
import { createShadowHost } from '../ui/shadow-host';
import { byUser, isUserInput } from '../ui/user-action';
import { GpuBadge, useAccelerator } from './gpu-badge';
import { GpuLimitNotice } from './gpu-limit-notice';
import { cellCode, placedNote, runCell, type RunResult } from './run-recipe';
import { projectRepoOf } from '../recipes/project-repo';
import { AddToSetup } from './add-to-setup';
import { CarrySetup } from './carry-setup';
import { loadOnDemand, styleOnDemand, useOnDemand } from './on-demand';
import { RecipeDialog, SaveAsPresetDialog } from './on-demand-imports';
import { usePlans, type RunSetupHandle } from './run-setup';
import { RuntimeMenu } from './runtime-menu';
import { withRunSteps } from './run-history';
import { useToolbarConfig } from './toolbar-config';
import css from './toolbar.css?inline';

/** How long Colab may take to show its toolbar before ours floats on its own. */
const ANCHOR_TIMEOUT_MS = 10_000;
/** Until the worker says what the user chose: the catalogue's own direct buttons. */
const DEFAULT_DIRECT = TOOLBAR_ENTRIES.filter((entry) => entry.placement === 'direct').map((entry) => entry.id);
const PRESET = 'preset:';

interface Problem {
  readonly recipe: string;
  readonly detail: string;
  /** The code the user can run by hand, when there is code (the worker may not have answered). */
  readonly code?: string;
  readonly copied: boolean;
}

const SAVE_AS_PRESET = 'save-as-preset';
const BIND_PRESET = 'bind-preset';
const SAVE_IN_NOTEBOOK = 'save-setup-in-notebook';
const keyOf = (identity: NotebookIdentity | null) => (identity?.kind === 'persistent' ? identity.key : null);

function statusText(label: string, result: RunResult | 'running' | 'restarting'): string {
  if (result === 'running') return t('runStatusRunning', label);
  if (result === 'restarting') return t('runStatusRestarting', label);
  switch (result.kind) {
    case 'done': return t('runStatusDone', label);
    case 'failed': return t('runStatusFailed', [label, result.error]);
    case 'unverified': return t('runStatusUnverified', [label, result.reason]);
    case 'unavailable': return t('runStatusFailed', [label, result.detail]);
    case 'abandoned': return '';
  }
}

/** A life per notebook: runs, readings and the steps run belong to the notebook they started in. */
function notebookLife(pageSignal: AbortSignal, identity: NotebookIdentity | null) {
  const controller = new AbortController();
  return { controller, signal: AbortSignal.any([controller.signal, pageSignal]), key: keyOf(identity) };
}

const runsGpuCheck = (entry: ToolbarEntry) => entry.kind === 'run' && entry.steps.some((step) => step.recipe === 'gpu-check');
const GPU_CHECK = TOOLBAR_ENTRIES.find(runsGpuCheck);

/** How long after Colab's toolbar appears its page API is given to finish booting. */
const PROBE_DELAY_MS = 2_000;

/**
 * The page-API probes of "Check compatibility", run once per notebook when the page starts: a
 * missing member names the features it breaks, visibly, before the user meets the failure.
 */
function useStartupProbes(placement: Placement | undefined, signal: AbortSignal): string {
  const [problem, setProblem] = useState('');
  const placed = placement !== undefined;
  useEffect(() => {
    setProblem('');
    if (!placed) return;
    const timer = setTimeout(() => {
      probePageApi({ timeoutMs: 3_000, signal }).then(
        (results) => {
          const missing = results.filter((r) => r.result === 'missing');
          const features = [...new Set(missing.map((r) => t(FEATURE_NAMES[r.feature])))];
          if (!signal.aborted && missing.length > 0) setProblem(t('compatStartupProblem', [features.join(', '), missing.slice(0, 3).map((r) => r.path).join(', ')]));
        },
        () => undefined, // the page script did not answer: every request says so when it is made
      );
    }, PROBE_DELAY_MS);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    return () => clearTimeout(timer);
  }, [placed, signal]);
  return problem;
}

/** Roving tab stops: the badge is 0, Change runtime… 1, the foldable buttons from here. */
const FIRST_FOLDABLE = 2;

const menuLabel = (entry: ToolbarEntry) => (entry.kind === 'dialog' ? `${t(entry.title)}…` : t(entry.title));

function Toolbar(props: { root: ShadowRoot; placement: Placement | undefined; life: PageLife }) {
  const { root, placement, life } = props;
  const [states, setStates] = useState<Record<string, ButtonState>>({});
  const [status, setStatus] = useState('');
  /** After an explained Drive failure: its text (shown in full, the status line is one line) and what Retry runs. */
  const [retry, setRetry] = useState<{ text: string; entry: ToolbarEntry; steps: readonly ValidStep[]; kind: RetryKind } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [dialog, setDialog] = useState<DialogEntry | null>(null);
  const [saving, setSaving] = useState(false);
  /** Counts "Bind a preset" choices; Run setup opens its panel on the bind control for each. */
  const [bindRequest, setBindRequest] = useState(0);
  /** Counts "Save setup in notebook" choices (issue 18). */
  const [carryRequest, setCarryRequest] = useState(0);
  const [startPlan, setStartPlan] = useState<SetupPlan | null>(null);
  /** What ran successfully in this notebook, for Save as preset. */
  const [history, setHistory] = useState<readonly ValidStep[]>([]);
  const [focusIndex, setFocusIndex] = useState(0);
  // Runs belong to the notebook they started in: a notebook change abandons their state.
  const [notebook, setNotebook] = useState(() => notebookLife(life.signal, notebookIdentity(location.href)));
  const accelerator = useAccelerator(notebook.signal);
  const compatProblem = useStartupProbes(placement, notebook.signal);
  const running = useRef(new Set<string>());
  const barRef = useRef<HTMLDivElement>(null);
  const menu = useRef<MenuButtonHandle>(null);
  /** Each toolbar preset's button, so a folded one runs from More recipes exactly as its button does. */
  const presetButtons = useRef(new Map<string, RunSetupHandle>());
  const config = useToolbarConfig(life.signal);
  // Run setup, Set up this project and the dialogs come on demand (./on-demand.tsx): as soon as
  // one must show, or at the user's first pointer or key on the toolbar.
  const plans = usePlans(notebook.key, notebook.signal);
  const onDemand = useOnDemand(
    bindRequest > 0 || startPlan !== null || config.presets.length > 0 || plans.plans.length > 0 || plans.problem !== '' ||
      (notebook.key !== null && projectRepoOf(notebook.key) !== undefined),
  );
  const { parts } = onDemand;
  const intent = byUser(onDemand.load);
  const directIds = config.direct ?? DEFAULT_DIRECT;
  const DIRECT = TOOLBAR_ENTRIES.filter((entry) => directIds.includes(entry.id));
  const MENU = TOOLBAR_ENTRIES.filter((entry) => !directIds.includes(entry.id));
  // How many of the foldable buttons (direct recipes, then presets) fit on one line; the rest go into More recipes.
  const [shown, setShown] = useState(Infinity);
  const observer = useRef<ResizeObserver>();

  const fit = () => {
    const bar = barRef.current;
    if (!bar) return;
    const style = getComputedStyle(bar);
    const gap = parseFloat(style.columnGap) || 0;
    let room = bar.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + gap - 1;
    const foldable: number[] = [];
    for (const child of bar.children) {
      const width = child.getBoundingClientRect().width;
      if (child.classList.contains('fold')) foldable.push(width);
      else if (width > 0 && !child.matches('.status, .alert, .notice, [popover], dialog')) room -= width + gap;
    }
    let count = 0;
    while (count < foldable.length && (foldable[count] as number) + gap <= room) room -= (foldable[count++] as number) + gap;
    setShown(count);
  };
  // After every render (labels change width) and whenever the bar or a button is resized; the
  // observer's work waits for the next frame, so it never resizes what it observes mid-callback.
  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    observer.current ??= new ResizeObserver(() => requestAnimationFrame(fit));
    observer.current.observe(bar);
    for (const child of bar.children) observer.current.observe(child);
    fit();
  });
  useEffect(() => () => observer.current?.disconnect(), []);

  useEffect(() => {
    watchNotebook((identity) => {
      setNotebook((previous) => {
        previous.controller.abort();
        return notebookLife(life.signal, identity);
      });
      running.current.clear();
      setStates({});
      setStatus('');
      setRetry(null);
      setProblem(null);
      setDialog(null);
      setSaving(false);
      setHistory([]);
    }, life.signal);
    onMessageToContent((message) => {
      if (message.type !== 'open-recipe-menu') return;
      // The user's shortcut is intent too: the parts load first, so the toolbar does not change
      // under the open menu's focus; a failure shows on the toolbar and the menu opens all the same.
      void loadOnDemand()
        .catch(() => undefined)
        .then(() => menu.current?.openMenu());
    }, life.signal);
  }, [life]);

  const setState = (id: string, state: ButtonState) => setStates((s) => ({ ...s, [id]: state }));

  /** Runs an entry's (validated) steps in a new cell; one run per entry at a time. */
  const run = async (entry: ToolbarEntry, steps: readonly ValidStep[]) => {
    if (!life.checkAlive() || running.current.has(entry.id)) return; // an orphaned copy removes itself instead
    running.current.add(entry.id);
    const label = t(entry.title);
    const { signal } = notebook;
    setState(entry.id, 'running');
    setStatus(statusText(label, 'running'));
    setRetry(null);
    setProblem(null);
    const address = location.href;
    const code = await cellCode(steps, entry.id);
    const result: RunResult = code.ok
      ? await runCell(code, { at: 'focus', after: '' }, address, signal, { endsRuntime: entry.endsRuntime })
      : { kind: 'unavailable', detail: code.detail };
    running.current.delete(entry.id);
    if (signal.aborted || result.kind === 'abandoned') return;
    setState(entry.id, result.kind);
    if (result.kind === 'done') setHistory((current) => withRunSteps(current, steps));
    if (result.kind === 'done' && runsGpuCheck(entry)) accelerator.recordGpuCheck(result.stdout);
    setStatus(`${entry.endsRuntime && result.kind === 'done' ? statusText(label, 'restarting') : statusText(label, result)} ${result.kind === 'unavailable' ? '' : placedNote(result.placed)}`.trim());
    if (result.kind === 'failed' && result.retry) setRetry({ text: result.error, entry, steps: retrySteps(steps, result.retry), kind: result.retry });
    if (result.kind === 'unavailable') {
      const copied = code.ok && (await copyText(code.code, root));
      setProblem({ recipe: label, detail: result.detail, code: code.ok ? code.code : undefined, copied });
    }
  };

  const activate = (entry: ToolbarEntry) => {
    if (entry.kind === 'dialog') {
      setDialog(entry);
      return;
    }
    void run(entry, fixedSteps(entry));
  };

  // role=toolbar keyboard pattern: one tab stop, arrow keys move between the buttons.
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(barRef.current?.querySelectorAll<HTMLButtonElement>('button.badge, button.recipe') ?? [])].filter((b) => !b.closest('.folded'));
    const current = buttons.indexOf(root.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + buttons.length) % buttons.length;
    setFocusIndex(index);
    buttons[index]?.focus();
  };

  const foldedEntries = DIRECT.slice(shown);
  const shownDirect = DIRECT.length - foldedEntries.length;
  const shownPresets = Math.max(0, Math.min(config.presets.length, shown - DIRECT.length));
  const menuIndex = shownDirect + shownPresets + FIRST_FOLDABLE;
  const menuRunning = [...foldedEntries, ...MENU].some((entry) => states[entry.id] === 'running');
  const entryItem = (entry: ToolbarEntry) => {
    const state = states[entry.id] ?? 'idle';
    return { id: entry.id, label: menuLabel(entry), hint: stateLabel(state), state, disabled: state === 'running' };
  };

  return (
    <div class="bar" role="toolbar" aria-label={t('toolbarLabel')} ref={barRef} onKeyDown={onKeyDown} onPointerEnter={intent} onKeyUp={intent}>
      <span class="brand">
        <Icon name="launch" />
        <span aria-hidden="true">{t('toolbarBrand')}</span>
      </span>
      <GpuBadge badge={accelerator.badge} tabIndex={focusIndex === 0 ? 0 : -1} onGpuCheck={() => GPU_CHECK && activate(GPU_CHECK)} />
      <RuntimeMenu accelerator={accelerator} tabIndex={focusIndex === 1 ? 0 : -1} signal={notebook.signal} announce={setStatus} />
      {DIRECT.map((entry, index) => (
        <span key={entry.id} class={index < shown ? 'fold' : 'fold folded'}>
          <RecipeButton
            id={entry.id}
            label={menuLabel(entry)}
            description={t(entry.description)}
            state={states[entry.id] ?? 'idle'}
            tabIndex={index < shown && index + FIRST_FOLDABLE === focusIndex ? 0 : -1}
            onRun={() => activate(entry)}
          />
        </span>
      ))}
      {config.presets.map((plan, index) => (
        <span key={PRESET + plan.presetId} class={index < shownPresets ? 'fold' : 'fold folded'}>
          {parts && <parts.RunSetup
            preset={plan}
            notebook={null}
            signal={notebook.signal}
            checkAlive={life.checkAlive}
            tabIndex={index < shownPresets && shownDirect + index + FIRST_FOLDABLE === focusIndex ? 0 : -1}
            announce={setStatus}
            handle={(button: RunSetupHandle | null) => {
              if (button) presetButtons.current.set(plan.presetId, button);
              else presetButtons.current.delete(plan.presetId);
            }}
            accelerator={accelerator}
          />}
        </span>
      ))}
      <MenuButton
        handle={menu}
        tabIndex={focusIndex === menuIndex || (focusIndex > menuIndex + 1) ? 0 : -1}
        label={
          <>
            <Icon name={menuRunning ? 'running' : 'more'} class={menuRunning ? 'icon spin' : 'icon'} />
            <span>{t('toolbarMoreRecipes')}</span>
          </>
        }
        menuLabel={t('toolbarRecipeMenuLabel')}
        items={[
          ...foldedEntries.map(entryItem),
          ...config.presets.slice(shownPresets).map((plan) => ({ id: PRESET + plan.presetId, label: plan.name })),
          ...MENU.map(entryItem),
          {
            id: SAVE_AS_PRESET,
            label: `${t('saveAsPreset')}…`,
            hint: notebook.key === null ? t('saveAsPresetNoNotebook') : history.length === 0 ? t('saveAsPresetNothingRun') : '',
            disabled: notebook.key === null || history.length === 0,
          },
          { id: BIND_PRESET, label: `${t('bindMenuItem')}…`, hint: notebook.key === null ? t('saveAsPresetNoNotebook') : '', disabled: notebook.key === null },
          { id: SAVE_IN_NOTEBOOK, label: t('carrySaveInNotebook'), hint: notebook.key === null ? t('saveAsPresetNoNotebook') : '', disabled: notebook.key === null },
        ]}
        onSelect={(id, event) => {
          if (id === SAVE_AS_PRESET) {
            setSaving(true);
            return;
          }
          if (id === BIND_PRESET) {
            setBindRequest((n) => n + 1);
            return;
          }
          if (id === SAVE_IN_NOTEBOOK) {
            if (isUserInput(event)) setCarryRequest((n) => n + 1);
            return;
          }
          // A folded preset runs through its own (hidden) button's handle, so its panel and runner are the same.
          if (id.startsWith(PRESET)) presetButtons.current.get(id.slice(PRESET.length))?.run();
          const entry = TOOLBAR_ENTRIES.find((e) => e.id === id);
          if (entry) activate(entry);
        }}
      />
      {parts && <parts.RunSetup
        notebook={notebook.key}
        signal={notebook.signal}
        checkAlive={life.checkAlive}
        tabIndex={focusIndex === menuIndex + 1 ? 0 : -1}
        announce={setStatus}
        bindRequest={bindRequest}
        accelerator={accelerator}
        startPlan={startPlan}
      />}
      {parts && <parts.ProjectSetup
        notebook={notebook.key}
        signal={notebook.signal}
        checkAlive={life.checkAlive}
        tabIndex={focusIndex === menuIndex + 1 ? 0 : -1}
        announce={setStatus}
        onSaved={setStartPlan}
      />}
      <AddToSetup notebook={notebook.key} signal={notebook.signal} announce={setStatus} />
      <CarrySetup notebook={notebook.key} signal={notebook.signal} announce={setStatus} saveRequest={carryRequest} onRun={setStartPlan} tabIndex={focusIndex === menuIndex + 1 ? 0 : -1} />
      <span class="status" role="status" aria-live="polite" title={status}>
        {status}
      </span>
      {retry && (
        <div class="alert">
          <p>{retry.text}</p>
          {retry.kind !== 'none' && (
            <button type="button" onClick={byUser(() => void run(retry.entry, retry.steps))}>
              {t(retry.kind === 'force' ? 'driveRetryForce' : 'driveRetry')}
            </button>
          )}
          <button type="button" onClick={() => setRetry(null)}>
            {t('alertDismiss')}
          </button>
        </div>
      )}
      {placement?.kind === 'floating' && <p class="notice">{t('toolbarFloating')}</p>}
      {compatProblem && <p class="notice">{compatProblem}</p>}
      <GpuLimitNotice reading={accelerator.gpuLimit} />
      {onDemand.error && <p class="notice" role="alert">{onDemand.error}</p>}
      {problem && (
        <div class="alert" role="alert">
          <p>
            {t('alertRecipeUnavailable', [problem.recipe, problem.detail])}{' '}
            {problem.copied ? t('alertCodeCopied') : t('alertCodeNotCopied')}
          </p>
          <button type="button" onClick={() => setProblem(null)}>
            {t('alertDismiss')}
          </button>
          {!problem.copied && problem.code && <pre>{problem.code}</pre>}
        </div>
      )}
      {dialog && (
        <RecipeDialog
          key={dialog.id}
          entry={dialog}
          onClose={() => setDialog(null)}
          onRun={(steps) => {
            setDialog(null);
            void run(dialog, steps);
          }}
        />
      )}
      {saving && notebook.key !== null && (
        <SaveAsPresetDialog
          notebook={notebook.key}
          steps={history}
          onClose={() => setSaving(false)}
          onSaved={(name) => {
            setSaving(false);
            setStatus(t('saveStatusSaved', name));
          }}
        />
      )}
    </div>
  );
}

export function startToolbar(life: PageLife): void {
  const { host, root } = createShadowHost('toolbar', css);
  styleOnDemand(root, life.signal);
  const container = document.createElement('div');
  root.append(container);
  let placement: Placement | undefined;
  const draw = () => render(<Toolbar root={root} placement={placement} life={life} />, container);

  watchTheme((theme) => (host.dataset.theme = theme), life.signal);
  keepNextToColabToolbar(host, {
    anchorTimeoutMs: ANCHOR_TIMEOUT_MS,
    isNotebookPage: () => request('kernel-state', {}, { timeoutMs: 3_000, signal: life.signal }).then((state) => state.notebook, () => false),
    signal: life.signal,
    onPlacement: (next) => {
      placement = next;
      host.dataset.placement = next.kind;
      draw();
    },
  });
  life.signal.addEventListener('abort', () => render(null, container), { once: true });
}
