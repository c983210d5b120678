/**
 * The Launchpad toolbar: recipe buttons, the "More recipes" menu and parameter dialogs, rendered
 * by Preact in an open shadow root right after Colab's own toolbar, following Colab's theme.
 * Exactly one per page: it is torn down with the content script's life and re-placed when Colab
 * re-renders around it.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { watchNotebook } from '../colab/location';
import { notebookIdentity, type NotebookIdentity } from '../colab/notebook-key';
import { watchTheme } from '../colab/theme';
import { keepNextToColabToolbar, type Placement } from '../colab/toolbar-slot';
import type { PageLife } from '../content/life';
import { TOOLBAR_ENTRIES, entrySteps, retrySteps, type DialogEntry, type RetryKind, type ToolbarEntry, type ValidStep } from '../recipes';
import { t } from '../shared/i18n';
import { onMessageToContent } from '../shared/messages';
import { copyText } from '../ui/clipboard';
import { Icon } from '../ui/icons';
import { MenuButton, type MenuButtonHandle } from '../ui/menu-button';
import { RecipeButton, stateLabel, type ButtonState } from '../ui/recipe-button';
import { RecipeDialog } from '../ui/recipe-dialog';
import { createShadowHost } from '../ui/shadow-host';
import { GpuBadge, useAccelerator } from './gpu-badge';
import { cellCode, runInNewCell, type RunResult } from './run-recipe';
import { RunSetup } from './run-setup';
import { SaveAsPresetDialog, withRunSteps } from './save-as-preset';
import css from './toolbar.css?inline';

/** How long Colab may take to show its toolbar before ours floats on its own. */
const ANCHOR_TIMEOUT_MS = 10_000;
const DIRECT = TOOLBAR_ENTRIES.filter((entry) => entry.placement === 'direct');
const MENU = TOOLBAR_ENTRIES.filter((entry) => entry.placement === 'menu');

interface Problem {
  readonly recipe: string;
  readonly detail: string;
  /** The code the user can run by hand, when there is code (the worker may not have answered). */
  readonly code?: string;
  readonly copied: boolean;
}

const SAVE_AS_PRESET = 'save-as-preset';
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
  /** What ran successfully in this notebook, for Save as preset. */
  const [history, setHistory] = useState<readonly ValidStep[]>([]);
  const [focusIndex, setFocusIndex] = useState(0);
  // Runs belong to the notebook they started in: a notebook change abandons their state.
  const [notebook, setNotebook] = useState(() => notebookLife(life.signal, notebookIdentity(location.href)));
  const accelerator = useAccelerator(notebook.signal);
  const running = useRef(new Set<string>());
  const barRef = useRef<HTMLDivElement>(null);
  const menu = useRef<MenuButtonHandle>(null);

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
      if (message.type === 'open-recipe-menu') menu.current?.openMenu();
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
    const code = await cellCode(steps);
    const result: RunResult = code.ok
      ? await runInNewCell(code.code, signal, { endsRuntime: entry.endsRuntime })
      : { kind: 'unavailable', detail: code.detail };
    running.current.delete(entry.id);
    if (signal.aborted || result.kind === 'abandoned') return;
    setState(entry.id, result.kind);
    if (result.kind === 'done') setHistory((current) => withRunSteps(current, steps));
    if (result.kind === 'done' && runsGpuCheck(entry)) accelerator.recordGpuCheck(result.stdout);
    setStatus(entry.endsRuntime && result.kind === 'done' ? statusText(label, 'restarting') : statusText(label, result));
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
    const steps = entrySteps(entry);
    if (steps.ok) void run(entry, steps.steps);
  };

  // role=toolbar keyboard pattern: one tab stop, arrow keys move between the buttons.
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(barRef.current?.querySelectorAll<HTMLButtonElement>('button.badge, button.recipe') ?? [])];
    const current = buttons.indexOf(root.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + buttons.length) % buttons.length;
    setFocusIndex(index);
    buttons[index]?.focus();
  };

  const menuRunning = MENU.some((entry) => states[entry.id] === 'running');

  return (
    <div class="bar" role="toolbar" aria-label={t('toolbarLabel')} ref={barRef} onKeyDown={onKeyDown}>
      <span class="brand">
        <Icon name="launch" />
        <span aria-hidden="true">{t('toolbarBrand')}</span>
      </span>
      <GpuBadge badge={accelerator.badge} tabIndex={focusIndex === 0 ? 0 : -1} onGpuCheck={() => GPU_CHECK && activate(GPU_CHECK)} />
      {DIRECT.map((entry, index) => (
        <RecipeButton
          key={entry.id}
          id={entry.id}
          label={t(entry.title)}
          description={t(entry.description)}
          state={states[entry.id] ?? 'idle'}
          tabIndex={index + 1 === focusIndex ? 0 : -1}
          onRun={() => activate(entry)}
        />
      ))}
      <MenuButton
        handle={menu}
        tabIndex={focusIndex === DIRECT.length + 1 ? 0 : -1}
        label={
          <>
            <Icon name={menuRunning ? 'running' : 'more'} class={menuRunning ? 'icon spin' : 'icon'} />
            <span>{t('toolbarMoreRecipes')}</span>
          </>
        }
        menuLabel={t('toolbarRecipeMenuLabel')}
        items={[
          ...MENU.map((entry) => {
            const state = states[entry.id] ?? 'idle';
            return {
              id: entry.id,
              label: menuLabel(entry),
              hint: stateLabel(state),
              state,
              disabled: state === 'running',
            };
          }),
          {
            id: SAVE_AS_PRESET,
            label: `${t('saveAsPreset')}…`,
            hint: notebook.key === null ? t('saveAsPresetNoNotebook') : history.length === 0 ? t('saveAsPresetNothingRun') : '',
            disabled: notebook.key === null || history.length === 0,
          },
        ]}
        onSelect={(id) => {
          if (id === SAVE_AS_PRESET) {
            setSaving(true);
            return;
          }
          const entry = MENU.find((e) => e.id === id);
          if (entry) activate(entry);
        }}
      />
      <RunSetup
        notebook={notebook.key}
        signal={notebook.signal}
        checkAlive={life.checkAlive}
        tabIndex={focusIndex === DIRECT.length + 2 ? 0 : -1}
        announce={setStatus}
      />
      <span class="status" role="status" aria-live="polite" title={status}>
        {status}
      </span>
      {retry && (
        <div class="alert">
          <p>{retry.text}</p>
          {retry.kind !== 'none' && (
            <button type="button" onClick={() => void run(retry.entry, retry.steps)}>
              {t(retry.kind === 'force' ? 'driveRetryForce' : 'driveRetry')}
            </button>
          )}
          <button type="button" onClick={() => setRetry(null)}>
            {t('alertDismiss')}
          </button>
        </div>
      )}
      {placement?.kind === 'floating' && <p class="notice">{t('toolbarFloating')}</p>}
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
  const container = document.createElement('div');
  root.append(container);
  let placement: Placement | undefined;
  const draw = () => render(<Toolbar root={root} placement={placement} life={life} />, container);

  watchTheme((theme) => (host.dataset.theme = theme), life.signal);
  keepNextToColabToolbar(host, {
    anchorTimeoutMs: ANCHOR_TIMEOUT_MS,
    signal: life.signal,
    onPlacement: (next) => {
      placement = next;
      host.dataset.placement = next.kind;
      draw();
    },
  });
  life.signal.addEventListener('abort', () => render(null, container), { once: true });
}
