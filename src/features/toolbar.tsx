/**
 * The Launchpad toolbar: a row of recipe buttons rendered by Preact in an open shadow root right
 * after Colab's own toolbar, following Colab's theme. Exactly one per page: it is torn down with
 * the content script's life and re-placed when Colab re-renders around it.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { watchNotebook } from '../colab/location';
import { watchTheme } from '../colab/theme';
import { keepNextToColabToolbar, type Placement } from '../colab/toolbar-slot';
import { mountDrive } from '../recipes/mount-drive';
import { t, type MessageKey } from '../shared/i18n';
import { copyText } from '../ui/clipboard';
import { Icon } from '../ui/icons';
import { RecipeButton, type ButtonState } from '../ui/recipe-button';
import { createShadowHost } from '../ui/shadow-host';
import type { PageLife } from '../content/life';
import { runInNewCell, type RunResult } from './run-recipe';
import css from './toolbar.css?inline';

/** How long Colab may take to show its toolbar before ours floats on its own. */
const ANCHOR_TIMEOUT_MS = 10_000;

interface ToolbarEntry {
  readonly id: string;
  readonly label: MessageKey;
  readonly code: () => string;
}

const ENTRIES: readonly ToolbarEntry[] = [{ id: mountDrive.id, label: 'recipeMountDrive', code: () => mountDrive.code({}) }];

interface Problem {
  readonly recipe: string;
  readonly detail: string;
  readonly code: string;
  readonly copied: boolean;
}

function statusText(label: string, result: RunResult | 'running'): string {
  if (result === 'running') return t('runStatusRunning', label);
  switch (result.kind) {
    case 'done': return t('runStatusDone', label);
    case 'failed': return t('runStatusFailed', [label, result.error]);
    case 'unverified': return t('runStatusUnverified', [label, result.reason]);
    case 'unavailable': return t('runStatusFailed', [label, result.detail]);
    case 'abandoned': return '';
  }
}

function Toolbar(props: { root: ShadowRoot; placement: Placement | undefined; life: PageLife }) {
  const { root, placement, life } = props;
  const lifeSignal = life.signal;
  const [states, setStates] = useState<Record<string, ButtonState>>({});
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  // Runs belong to the notebook they started in: a notebook change abandons their state.
  const notebookLife = useRef(new AbortController());
  const barRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    watchNotebook(() => {
      notebookLife.current.abort();
      notebookLife.current = new AbortController();
      setStates({});
      setStatus('');
      setProblem(null);
    }, lifeSignal);
    return () => notebookLife.current.abort();
  }, [lifeSignal]);

  const run = async (entry: ToolbarEntry) => {
    if (!life.checkAlive()) return; // an orphaned copy removes itself instead of acting
    const label = t(entry.label);
    const signal = AbortSignal.any([notebookLife.current.signal, lifeSignal]);
    const code = entry.code();
    setStates((s) => ({ ...s, [entry.id]: 'running' }));
    setStatus(statusText(label, 'running'));
    setProblem(null);
    const result = await runInNewCell(code, signal);
    if (signal.aborted || result.kind === 'abandoned') return;
    setStates((s) => ({ ...s, [entry.id]: result.kind }));
    setStatus(statusText(label, result));
    if (result.kind === 'unavailable') {
      const copied = await copyText(code, root);
      setProblem({ recipe: label, detail: result.detail, code, copied });
    }
  };

  // role=toolbar keyboard pattern: one tab stop, arrow keys move between buttons.
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(barRef.current?.querySelectorAll<HTMLButtonElement>('button.recipe') ?? [])];
    const current = buttons.indexOf(root.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const last = buttons.length - 1;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + buttons.length) % buttons.length;
    setFocusIndex(index);
    buttons[index]?.focus();
  };

  return (
    <div class="bar" role="toolbar" aria-label={t('toolbarLabel')} ref={barRef} onKeyDown={onKeyDown}>
      <span class="brand">
        <Icon name="launch" />
        <span aria-hidden="true">{t('toolbarBrand')}</span>
      </span>
      {ENTRIES.map((entry, index) => (
        <RecipeButton
          key={entry.id}
          label={t(entry.label)}
          state={states[entry.id] ?? 'idle'}
          tabIndex={index === focusIndex ? 0 : -1}
          onRun={() => void run(entry)}
        />
      ))}
      <span class="status" role="status" aria-live="polite" title={status}>
        {status}
      </span>
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
          {!problem.copied && <pre>{problem.code}</pre>}
        </div>
      )}
    </div>
  );
}

export function startToolbar(life: PageLife): void {
  const lifeSignal = life.signal;
  const { host, root } = createShadowHost('toolbar', css);
  const container = document.createElement('div');
  root.append(container);
  let placement: Placement | undefined;
  const draw = () => render(<Toolbar root={root} placement={placement} life={life} />, container);

  watchTheme((theme) => (host.dataset.theme = theme), lifeSignal);
  keepNextToColabToolbar(host, {
    anchorTimeoutMs: ANCHOR_TIMEOUT_MS,
    signal: lifeSignal,
    onPlacement: (next) => {
      placement = next;
      host.dataset.placement = next.kind;
      draw();
    },
  });
  lifeSignal.addEventListener('abort', () => render(null, container), { once: true });
}
