/**
 * Run setup: on a notebook with a preset, the toolbar's `Run setup` button replays the preset's
 * steps (setup-runner.ts) with a status list per step, says "Setup needed" after the runtime
 * (re)connects, and runs the preset by itself on connect when the user chose that. The presets
 * and their cells come from the service worker, which also says when they change. A preset shown
 * on the toolbar (issue 13) is the same component given that one plan: a button with its name, run
 * only when clicked. Only the user's own click starts a run (src/ui/user-action.ts); the only
 * other start is the automatic run on connect that the user switched on. On any saved notebook the
 * panel also binds one of the user's presets to it, or to its whole GitHub repository
 * (bind-preset.tsx), opened from More recipes when nothing applies yet.
 */
import type { Ref } from 'preact';
import { useEffect, useImperativeHandle, useRef, useState } from 'preact/hooks';
import { checkRequirement, requirementMet, type HighRamReading, type RequirementCheck } from '../colab/high-ram';
import type { RuntimeChoice } from '../colab/runtime-dialog';
import { watchConnection, type ConnectionState } from '../colab/connection';
import { RECIPES, isRecipeId, stepSummary } from '../recipes';
import { t } from '../shared/i18n';
import { BackgroundError, askBackground, onMessageToContent, type SetupPlan } from '../shared/messages';
import { modelLabel, requirementTarget, type RuntimeRequirement } from '../shared/runtime-requirement';
import { useAnchoredPopover } from '../ui/anchored-popover';
import { Icon, type IconName } from '../ui/icons';
import { MenuButton } from '../ui/menu-button';
import { byUser } from '../ui/user-action';
import { request } from '../colab/bridge';
import { blockPrefix } from '../shared/cell-keys';
import { forwardInstallDigests } from './install-digests';
import { watchConnectDrift, type ConnectDrift } from './connect-drift';
import { LockDriftNote, lockDriftText } from './lock-drift';
import { forgetRunLocks, keepLockDrift, lockRun, settleRunLocks, takeLockDrift } from './preset-lock';
import type { LockDrift } from '../shared/python-lock';
import { BindPreset } from './bind-preset';
import { badgeText, type AcceleratorTracker } from './gpu-badge';
import type { Badge } from '../colab/accelerator';
import { cellCode, failureText, placedNote, runCell } from './run-recipe';
import { switchAccelerator } from './runtime-change';
import { HeldPackages, heldText } from './held-packages';
import { pinRuntimeVersion } from './runtime-version-pin';
import { runLockLines, runSetup, runWasGreen, type CellProgress, type CellState, type Resume, type SetupDeps, type SetupOutcome } from './setup-runner';

/** How long Run setup waits for Colab to bring the runtime back after a restart step. */
const RESTART_WAIT_MS = 120_000;

/** One setup at a time in a page: Run setup and the presets shown on the toolbar write cells into the same notebook. */
let setupRunning = false;

export function stepLabel(step: { readonly recipe: string; readonly params: unknown }): string {
  const title = isRecipeId(step.recipe) ? t(RECIPES[step.recipe].title) : step.recipe;
  const summary = stepSummary(step.recipe, step.params);
  return summary ? `${title}: ${summary}` : title;
}

/** The plans for a notebook, refreshed when the worker says the stored presets changed. */
export function usePlans(notebook: string | null, signal: AbortSignal): { plans: readonly SetupPlan[]; problem: string } {
  const [state, setState] = useState<{ plans: readonly SetupPlan[]; problem: string }>({ plans: [], problem: '' });
  useEffect(() => {
    if (notebook === null) {
      setState({ plans: [], problem: '' });
      return;
    }
    const load = () => {
      askBackground({ type: 'setup-plans', notebook }).then(
        (answer) => !signal.aborted && setState({ plans: answer.plans, problem: answer.problems.join(' ') }),
        (error: unknown) => {
          if (signal.aborted) return;
          // An orphaned content script (extension reloaded) cannot reach the worker; it is retiring anyway.
          if (error instanceof BackgroundError) setState({ plans: [], problem: error.message });
        },
      );
    };
    load();
    // The worker, the only writer of presets, tells every Colab tab after each write (options page, sync, Save as preset).
    const stop = new AbortController();
    onMessageToContent((message) => message.type === 'presets-changed' && load(), AbortSignal.any([signal, stop.signal]));
    return () => stop.abort();
  }, [notebook, signal]);
  return state;
}

/**
 * Calls `onFreshRuntime` each time the runtime becomes connected after it was not (a connect, a
 * reconnect after a disconnect or a VM reset) — not for the state found when the page loads.
 */
function watchFreshRuntime(onFreshRuntime: () => void, signal: AbortSignal): void {
  let previous: ConnectionState['status'] | undefined;
  watchConnection((state) => {
    if (state.status === 'unknown') return;
    if (state.status === 'connected' && previous !== undefined && previous !== 'connected') onFreshRuntime();
    previous = state.status;
  }, signal);
}

/** Resolves once Colab shows the runtime connected again (or with why not, after RESTART_WAIT_MS). */
function runtimeBack(signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = new AbortController();
    const finish = (result: string | undefined) => {
      done.abort();
      resolve(result);
    };
    const timer = setTimeout(() => finish(t('setupRuntimeNotBack', String(RESTART_WAIT_MS / 60_000))), RESTART_WAIT_MS);
    done.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    signal.addEventListener('abort', () => finish(undefined), { signal: done.signal });
    watchConnection((state) => state.status === 'connected' && finish(undefined), AbortSignal.any([done.signal, signal]));
  });
}

const STATE_ICON: Record<CellState, IconName> = {
  pending: 'play', running: 'running', done: 'done', skipped: 'done', unverified: 'warning', failed: 'failed', 'not-run': 'play',
};

function stateText(progress: CellProgress): string {
  const text = stateWords(progress);
  return progress.ms === undefined ? text : `${text} · ${t('setupStepTook', (progress.ms / 1000).toFixed(1))}`;
}

function stateWords(progress: CellProgress): string {
  switch (progress.state) {
    case 'pending': return t('setupStepPending');
    case 'running': return t('setupStepRunning');
    case 'done': return t('setupStepDone');
    case 'skipped': return t('setupStepSkipped');
    case 'unverified': return t('setupStepUnverified', progress.detail ?? '');
    case 'failed': return t('setupStepFailed', progress.detail ?? '');
    case 'not-run': return progress.detail ?? t('setupStepNotRun');
  }
}

/** What a preset needs, in words: "T4 GPU", "any GPU", "A100 GPU with High-RAM". */
function requirementText(requirement: RuntimeRequirement): string {
  const accelerator = requirement.model ? modelLabel(requirement.accelerator, requirement.model) : t(requirement.accelerator === 'GPU' ? 'setupAnyGpu' : 'setupAnyTpu');
  return requirement.highRam ? t('setupWithHighRam', accelerator) : accelerator;
}

/**
 * What Switch to … changes for a requirement that is not met, in one Save of Colab's dialog: the
 * accelerator (with the High-RAM switch on when High-RAM is needed too), or the High-RAM switch
 * alone. Null when only High-RAM is unknown: nothing known is wrong, so only Run anyway is offered.
 */
function switchTarget(requirement: RuntimeRequirement, check: RequirementCheck): (RuntimeChoice & { readonly label: string }) | null {
  if (check.accelerator !== 'yes') {
    const { value, label } = requirementTarget(requirement);
    return requirement.highRam ? { value, highRam: true, label: t('setupWithHighRam', label) } : { value, label };
  }
  return check.highRam === 'no' ? { highRam: true, label: t('editorRuntimeHighRam') } : null;
}

/** What the runtime has, in the requirement's terms: "T4", or "T4 with 12.67 GB RAM" when High-RAM matters. */
function runtimeText(requirement: RuntimeRequirement, badge: Badge, highRam: HighRamReading): string {
  const accelerator = badgeText(badge);
  return requirement.highRam && highRam.kind !== 'unknown' ? t('setupHasRam', [accelerator, String(highRam.totalGb)]) : accelerator;
}

/**
 * A preset whose runtime requirement is not met waits here for the user: Switch to … (Colab's
 * dialog, then the steps run by themselves once the new runtime meets it) or Run anyway.
 */
interface Gate {
  readonly plan: SetupPlan & { readonly runtime: RuntimeRequirement };
  readonly automatic: boolean;
  readonly phase: 'ask' | 'switching' | 'waiting';
  /** The switch's latest news (Colab waits for the user, a greyed-out accelerator…). */
  readonly news: string;
}

interface Run {
  readonly plan: SetupPlan;
  readonly cells: readonly CellProgress[];
  /** Edited cells of steps the preset no longer has, left in the notebook. */
  readonly staleEdited?: number;
  readonly outcome?: SetupOutcome;
  /** Colab moved under the preset's lock during this run (issue 19). */
  readonly drift?: LockDrift | null;
  /** What happened to the preset's pinned runtime version before the steps. */
  readonly versionNote?: string;
}

/**
 * The preset's block in the notebook at `address`: its cells re-run in place; new ones go after
 * the block's cell before them, the first at the top of the notebook. With `runtimeBack`, what
 * `runSetup` needs to run a plan (anything that runs a preset uses these).
 */
export function blockDeps(plan: SetupPlan, address: string): Omit<SetupDeps, 'runtimeBack'> {
  return {
    prune: (signal) =>
      request('prune-cells', { address, prefix: blockPrefix(plan.presetId), keep: plan.cells.map((cell) => cell.key).join(' ') }, { signal, timeoutMs: 6_000 }).catch(
        (error: unknown) => ({ error: failureText(error) }),
      ),
    runCell: async (cell, after, signal) => {
      const result = await runCell(cell, { at: 'top', after: after ?? '' }, address, signal, { endsRuntime: cell.endsRuntime, awaitRestart: true });
      if (result.kind === 'done') {
        keepLockDrift(plan.presetId, result.stdout);
        await forwardInstallDigests(plan.presetId, result.stdout);
      }
      return result;
    },
  };
}

function outcomeText(run: Run): string {
  const { plan, outcome, cells } = run;
  if (!outcome) {
    const current = cells.findIndex((cell) => cell.state === 'running');
    return t('setupStatusRunning', [plan.name, String(Math.max(current, 0) + 1), String(cells.length)]);
  }
  switch (outcome.kind) {
    case 'done': {
      const done = t('setupStatusDone', [plan.name, String(outcome.ran + outcome.unverified), String(outcome.skipped)]);
      const { ready } = outcome;
      return ready ? `${done} ${t('setupReady', [String(Math.round(ready.ms / 1000)), String(ready.passed), String(ready.total)])}` : done;
    }
    case 'failed':
      return t('setupStatusFailed', [plan.name, String(outcome.cell + 1), cellLabel(plan, outcome.cell), outcome.detail]);
    case 'abandoned':
      return '';
  }
}

function cellLabel(plan: SetupPlan, index: number): string {
  const cell = plan.cells[index];
  if (!cell) return '';
  if (cell.checks) return t('setupChecksCell', String(cell.checks));
  if (cell.steps.length > 1) return t('setupOneCell', String(cell.steps.length));
  const step = plan.steps[cell.steps[0] ?? -1];
  return step ? stepLabel(step) : '';
}

export interface RunSetupHandle {
  /** What a click on the button does: start the preset, or show its panel while it runs. */
  run(): void;
}

export function RunSetup(props: {
  notebook: string | null;
  signal: AbortSignal;
  checkAlive: () => boolean;
  tabIndex: number;
  /** The toolbar's live region. */
  announce: (text: string) => void;
  /** A preset shown on the toolbar: its button (named after it) runs it on any notebook, never by itself. */
  preset?: SetupPlan;
  /** For More recipes, when the preset's button is folded into it: the menu item the user chose runs it. */
  handle?: Ref<RunSetupHandle>;
  /** Counts the user's "Bind a preset" choices: each opens the panel on its bind control. */
  bindRequest?: number;
  /** The runtime's accelerator, checked against a preset's requirement before its steps. */
  accelerator: AcceleratorTracker;
  /** A plan to run now, once per new value: the user just chose Save and run for it (Set up this project). */
  startPlan?: SetupPlan | null;
}) {
  const { notebook, signal, checkAlive, tabIndex, announce, preset, handle, bindRequest = 0, accelerator, startPlan = null } = props;
  const [gate, setGate] = useState<Gate | null>(null);
  const acceleratorRef = useRef(accelerator);
  acceleratorRef.current = accelerator;
  const verdict = (requirement: RuntimeRequirement) => checkRequirement(requirement, acceleratorRef.current.badge, acceleratorRef.current.requested, acceleratorRef.current.highRam);
  /** The runtime is there to judge: connecting is where Colab may refuse a GPU (its GPU limits). */
  const connected = () => !['not-connected', 'disconnected', 'connecting'].includes(acceleratorRef.current.badge.kind);
  const loaded = usePlans(preset ? null : notebook, signal);
  const { plans, problem } = preset ? { plans: [preset], problem: '' } : loaded;
  const [run, setRun] = useState<Run | null>(null);
  const [needed, setNeeded] = useState(false);
  const [open, setOpen] = useState(false);
  const running = useRef(false);
  const plansRef = useRef(plans);
  plansRef.current = plans;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const anchorRef = useRef<HTMLSpanElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useAnchoredPopover({ open, anchor: anchorRef, popover: panelRef, width: 360, focusTarget: () => null });
  const bindable = !preset && notebook !== null;
  const [bindFocus, setBindFocus] = useState(false);
  useEffect(() => {
    if (bindRequest === 0) return;
    setOpen(true);
    setBindFocus(true);
  }, [bindRequest]);

  /**
   * `anyway`: the user chose Run anyway, or the requirement is met; otherwise it is checked first.
   * `resume`: go on with a run from a step (after Install anyway or Skip for held packages).
   */
  const start = async (plan: SetupPlan, automatic: boolean, anyway = false, resume?: Resume) => {
    if (running.current || !checkAlive()) return;
    if (setupRunning) return announce(t('setupAnotherRunning'));
    const { runtime } = plan;
    const check = runtime ? verdict(runtime) : null;
    // High-RAM is known only once connected (by the RAM total): not connected, it is checked after the connect below.
    if (runtime && check && !anyway && (check.accelerator !== 'yes' || (connected() && !requirementMet(check)))) {
      setGate({ plan: { ...plan, runtime }, automatic, phase: 'ask', news: '' });
      setOpen(true);
      announce(t('setupNeedsRuntime', [plan.name, requirementText(runtime)]));
      return;
    }
    // Not connected: the first step would connect, and Colab, out of GPUs, could offer a CPU
    // runtime for it. Connect first and check what Colab gave before any step runs.
    if (runtime && !anyway && !connected()) {
      setGate({ plan: { ...plan, runtime }, automatic, phase: 'waiting', news: '' });
      setOpen(true);
      announce(t('setupConnectingFirst', requirementText(runtime)));
      request('reconnect', {}, { timeoutMs: 5_000, signal }).catch(() => announce(t('setupConnectYourself')));
      return;
    }
    setGate(null);
    running.current = true;
    setupRunning = true;
    if (!automatic) setOpen(true);
    // Colab forgets the runtime version across sessions: choose it again before the steps.
    const pinned = plan.runtimeVersion ? await pinRuntimeVersion(plan.runtimeVersion, signal, announce) : undefined;
    const versionNote = [pinned?.text, plan.lockNote].filter(Boolean).join(' ') || undefined;
    if (pinned) {
      setRun({ plan, cells: [], ...(versionNote ? { versionNote } : {}) });
      await runtimeBack(signal);
    }
    let lastCells: readonly CellProgress[] = resume?.cells ?? [];
    const onProgress = (cells: readonly CellProgress[], staleEdited: number) => {
      lastCells = cells;
      const next = { plan, cells, staleEdited, ...(versionNote ? { versionNote } : {}) };
      setRun(next);
      announce(outcomeText(next));
    };
    const outcome = await runSetup(plan, { ...blockDeps(plan, location.href), runtimeBack }, onProgress, signal, resume);
    // Only a wholly green run records its lock, with the runtime version the pin applied in it.
    const green = runWasGreen(outcome, lastCells);
    await settleRunLocks(plan.presetId, green, runLockLines(lastCells), lockRun(acceleratorRef.current.badge, pinned?.applied ? plan.runtimeVersion : undefined));
    running.current = false;
    setupRunning = false;
    if (outcome.kind === 'abandoned' || signal.aborted) return;
    const drift = takeLockDrift(plan.presetId);
    setRun((current) => (current ? { ...current, outcome, drift } : current));
    const text = [outcomeText({ plan, cells: [], outcome }), drift ? lockDriftText(drift) : ''].join(' ').trim();
    announce(text);
    // Someone watching the toolbar needs no notification; after an automatic run, or with the tab
    // in the background, the worker raises one (if that kind is on) that brings the tab back.
    if (automatic || document.hidden) {
      askBackground({ type: 'setup-result', ok: outcome.kind === 'done', text }).catch(() => undefined);
    }
    if (outcome.kind === 'done') setNeeded(false);
    if (outcome.kind !== 'done' || drift) setOpen(true);
  };

  /** Retry after an explained Drive failure: mount again with force_remount=True first if that is the fix. */
  const retrySetup = async (plan: SetupPlan, forceMount: boolean) => {
    if (forceMount) {
      const code = await cellCode([{ recipe: 'mount-drive', params: { force: true } }], 'mount-drive');
      if (code.ok) await runCell(code, { at: 'focus', after: '' }, location.href, signal);
    }
    void start(plan, false);
  };

  /** Install anyway: the held step again, with its packages confirmed for this run; Skip: the steps after it. */
  const answerHeld = async (current: Run, install: boolean) => {
    const { outcome } = current;
    if (outcome?.kind !== 'failed' || !outcome.held) return;
    const cells = current.cells.map((cell, index) => (index === outcome.cell && !install ? { state: 'not-run' as const, detail: t('setupHeldSkipped', heldText(outcome.held ?? [])) } : cell));
    if (!install) return void start(current.plan, false, true, { from: outcome.cell + 1, cells });
    const answer = await askBackground({ type: 'held-plan', presetId: current.plan.presetId, heldOk: outcome.held.map((p) => p.name) }).catch((error: unknown) => {
      announce(failureText(error));
      return undefined;
    });
    if (answer?.plan) void start(answer.plan, false, true, { from: outcome.cell, cells });
  };

  // After a switch, the steps start by themselves once the runtime meets the requirement.
  useEffect(() => {
    if (gate?.phase !== 'waiting' || !connected() || !requirementMet(verdict(gate.plan.runtime))) return;
    void start(gate.plan, gate.automatic, true);
  }, [gate, accelerator.badge, accelerator.requested, accelerator.highRam.kind]);

  // Colab cannot give a GPU now: the gate asks again and says why; the steps never run on the CPU
  // runtime "Connect without GPU" would give (the requirement is checked again), unless Run anyway.
  useEffect(() => {
    if (!accelerator.gpuLimit) return;
    setGate((g) => (g && g.plan.runtime.accelerator === 'GPU' ? { ...g, phase: 'ask', news: t('setupGpuLimit') } : g));
  }, [accelerator.gpuLimit]);

  // Called through byUser: only the user's own click switches Colab's runtime.
  const switchRuntime = (current: Gate, target: RuntimeChoice & { readonly label: string }) => {
    setGate({ ...current, phase: 'switching', news: '' });
    const report = (news: string) => {
      announce(news);
      setGate((g) => (g && g.plan === current.plan ? { ...g, news } : g));
    };
    void switchAccelerator(target, report, signal).then((result) => {
      acceleratorRef.current.refresh();
      // Saved for the next connection: connect now, so the steps run on the runtime Colab then gives.
      if (result === 'switched' && !connected()) request('reconnect', {}, { timeoutMs: 5_000, signal }).catch(() => report(t('setupConnectYourself')));
      setGate((g) => (g && g.plan === current.plan ? { ...g, phase: result === 'switched' ? 'waiting' : 'ask' } : g));
    });
  };

  useEffect(() => {
    if (startPlan) void start(startPlan, false);
  }, [startPlan]);

  // On connect, Colab moved under a preset's lock: the panel says so before any run (issue 19 part 2).
  const [connectDrift, setConnectDrift] = useState<ConnectDrift | null>(null);
  const driftWatch = useRef<{ recheck: () => void } | null>(null);
  useEffect(() => {
    if (preset) return;
    driftWatch.current = watchConnectDrift(() => plansRef.current, () => setupRunning, (drift) => {
      setConnectDrift(drift);
      setOpen(true);
      announce(drift.text);
    }, signal);
  }, [signal]);
  useEffect(() => driftWatch.current?.recheck(), [plans]);

  useEffect(() => {
    if (preset) return;
    watchFreshRuntime(() => {
      if (running.current) return; // a restart step of our own run
      forgetRunLocks();
      setNeeded(true);
      const auto = plansRef.current.find((plan) => plan.autoRun);
      if (auto) void start(auto, true);
    }, signal);
  }, [signal]);

  const busy = running.current || (run !== null && !run.outcome);
  const gateTarget = gate && switchTarget(gate.plan.runtime, verdict(gate.plan.runtime));
  const first = plans[0];
  const click = () => first && (busy ? setOpen(true) : void start(first, false));
  useImperativeHandle(handle ?? null, () => ({ run: click }));

  if (!first && !bindable) {
    return problem ? (
      <span class="setup-problem" role="note" title={problem}>
        <Icon name="warning" />
        <span class="sr-only">{t('setupProblem', problem)}</span>
      </span>
    ) : null;
  }

  const label = (
    <>
      <Icon name={busy ? 'running' : 'launch'} class={busy ? 'icon spin' : 'icon'} />
      {preset ? <span class="name">{preset.name}</span> : <span>{t('toolbarRunSetup')}</span>}
      {needed && !busy && <span class="needed">{t('setupNeeded')}</span>}
    </>
  );

  return (
    <span ref={anchorRef} class="setup" data-needed={needed ? 'true' : undefined}>
      {!first ? (
        problem && (
          <span class="setup-problem" role="note" title={problem}>
            <Icon name="warning" />
            <span class="sr-only">{t('setupProblem', problem)}</span>
          </span>
        )
      ) : plans.length === 1 ? (
        <button
          ref={buttonRef}
          type="button"
          class="recipe setup-button"
          data-entry={preset ? `preset:${preset.presetId}` : 'run-setup'}
          title={t('setupButtonTitle', first.name)}
          aria-disabled={busy ? 'true' : undefined}
          aria-busy={busy ? 'true' : undefined}
          tabIndex={tabIndex}
          onClick={byUser(click)}
        >
          {label}
        </button>
      ) : (
        <MenuButton
          tabIndex={tabIndex}
          buttonClass="recipe setup-button"
          label={label}
          menuLabel={t('setupMenuLabel')}
          items={plans.map((plan) => ({ id: plan.presetId, label: plan.name, disabled: busy }))}
          onSelect={(id) => {
            const plan = plans.find((p) => p.presetId === id);
            if (plan) void start(plan, false);
          }}
        />
      )}
      <div
        ref={panelRef}
        class="popover setup-panel"
        popover="manual"
        role="region"
        aria-label={gate || run ? t('setupPanelTitle', (gate ?? run)?.plan.name ?? '') : t('toolbarRunSetup')}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          setOpen(false);
          setBindFocus(false);
          buttonRef.current?.focus();
        }}
      >
        {gate && (
          <div class="runtime-gate">
            <h2>{t('setupPanelTitle', gate.plan.name)}</h2>
            <p class="warn">{t('setupRuntimeMismatch', [requirementText(gate.plan.runtime), runtimeText(gate.plan.runtime, accelerator.badge, accelerator.highRam)])}</p>
            {gate.plan.runtime.highRam && connected() && accelerator.highRam.kind === 'unknown' && <p>{t('setupHighRamUnknown')}</p>}
            {gate.news && <p role="status">{gate.news}</p>}
            {gate.phase === 'waiting' && <p>{t('setupWaitingForRuntime', requirementText(gate.plan.runtime))}</p>}
            <div class="actions">
              {gateTarget && (
                <button type="button" class="primary" disabled={gate.phase === 'switching'} onClick={byUser(() => switchRuntime(gate, gateTarget))}>
                  {t('setupSwitchTo', gateTarget.label)}
                </button>
              )}
              <button type="button" onClick={byUser(() => void start(gate.plan, gate.automatic, true))}>
                {t('setupRunAnyway')}
              </button>
            </div>
          </div>
        )}
        {run && !gate && (
          <>
            <h2>{t('setupPanelTitle', run.plan.name)}</h2>
            {run.versionNote && <p class="version-note">{run.versionNote}</p>}
            <ol class="steps">
              {run.plan.cells.map((cell, index) => {
                const progress = run.cells[index] ?? { state: 'pending' };
                return (
                  <li key={index} data-state={progress.state}>
                    <Icon name={STATE_ICON[progress.state]} class={progress.state === 'running' ? 'icon spin' : 'icon'} />
                    <span class="label">{cellLabel(run.plan, index)}</span>
                    <span class="state">{`${stateText(progress)} ${placedNote(progress.placed)}`.trim()}</span>
                  </li>
                );
              })}
            </ol>
            {!!run.staleEdited && <p>{t('setupNoteStaleEdited', String(run.staleEdited))}</p>}
            {run.outcome && run.outcome.kind !== 'abandoned' && <p class="outcome">{outcomeText(run)}</p>}
            {run.drift && (
              // A lock of another Python was not applied: this run made this runtime's; nothing to choose.
              <LockDriftNote presetId={run.plan.presetId} lockKey={run.drift.key} text={lockDriftText(run.drift)} canUpdate={run.drift.python === null} announce={announce} />
            )}
            {run.outcome?.kind === 'failed' && run.outcome.held && (
              <HeldPackages held={run.outcome.held} onInstall={() => void answerHeld(run, true)} onSkip={run.plan.oneCell ? undefined : () => void answerHeld(run, false)} />
            )}
          </>
        )}
        {connectDrift && !run && !gate && (
          <>
            <h2>{t('setupPanelTitle', connectDrift.plan.name)}</h2>
            <LockDriftNote
              presetId={connectDrift.plan.presetId}
              lockKey={connectDrift.lockKey}
              text={connectDrift.text}
              canUpdate={!connectDrift.python}
              announce={announce}
              onKeep={() => {
                setConnectDrift(null);
                setOpen(false);
              }}
            />
          </>
        )}
        {open && bindable && <BindPreset notebook={notebook} focus={bindFocus} announce={announce} />}
        <div class="actions">
          {run?.outcome?.kind === 'failed' && run.outcome.retry && run.outcome.retry !== 'none' && (
            <button
              type="button"
              class="retry"
              onClick={byUser(() => {
                const forced = run.outcome?.kind === 'failed' && run.outcome.retry === 'force';
                void retrySetup(run.plan, forced);
              })}
            >
              {t(run.outcome.retry === 'force' ? 'driveRetryForce' : 'driveRetry')}
            </button>
          )}
          <button
            type="button"
            class="primary"
            onClick={() => {
              setOpen(false);
              setBindFocus(false);
              buttonRef.current?.focus();
            }}
          >
            {t('setupClose')}
          </button>
        </div>
      </div>
    </span>
  );
}
