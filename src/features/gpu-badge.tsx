/**
 * The accelerator badge: which accelerator the runtime really has, and a warning when it is not
 * the one the notebook asks for. Sources are combined in src/colab/accelerator.ts; this file keeps
 * them current (connect-button changes, the page API after each change, GPU check outputs) and
 * renders the badge with a details popover. Nothing polls: it reacts to the connect button only.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { assignedChanged, badgeOf, machineOf, nextEpoch, type AcceleratorFacts, type Badge, type ObservedGpu } from '../colab/accelerator';
import { request } from '../colab/bridge';
import type { AcceleratorSetting } from '../colab/bridge-protocol';
import { readConnectionState, watchConnection, type ConnectionState } from '../colab/connection';
import { watchGpuLimit, type GpuLimitReading } from '../colab/gpu-limit';
import { highRamOf, type HighRamReading } from '../colab/high-ram';
import { t } from '../shared/i18n';
import { Icon, type IconName } from '../ui/icons';
import { byUser } from '../ui/user-action';
import { BadgeDetails, parseGpuCheckOutput } from './on-demand-imports';

const RUNTIME_INFO_TIMEOUT_MS = 3_000;

export interface AcceleratorTracker {
  readonly badge: Badge;
  /** What the notebook asks for (page API); undefined when it could not be asked. */
  readonly requested: AcceleratorSetting | undefined;
  /** Whether the connected runtime is High-RAM, by its RAM total. */
  readonly highRam: HighRamReading;
  /** Colab's "Cannot connect to GPU backend" dialog is open (never answered by Launchpad). */
  readonly gpuLimit: GpuLimitReading;
  /** Asks the page API again (after Launchpad changed the setting in Colab's dialog). */
  refresh(): void;
  /** Feeds the output of a GPU check that ran in this notebook. */
  recordGpuCheck(stdout: string): void;
}

/** Keeps the facts current for the life of `signal` (a new signal per notebook). */
export function useAccelerator(signal: AbortSignal): AcceleratorTracker {
  const [facts, setFacts] = useState<AcceleratorFacts>(() => ({ connection: readConnectionState(), epoch: 0 }));
  const refreshRef = useRef<() => void>(() => undefined);
  const [gpuLimit, setGpuLimit] = useState<GpuLimitReading>(null);

  useEffect(() => {
    let previous: ConnectionState | undefined;
    let epoch = 0;
    let shape = '';
    let lastAssigned: AcceleratorSetting | undefined;
    const limitContext = { connected: false, gpuRequested: false };
    const recheckLimit = watchGpuLimit(() => limitContext, setGpuLimit, signal);
    const refresh = () =>
      request('runtime-info', {}, { timeoutMs: RUNTIME_INFO_TIMEOUT_MS, signal }).then(
        (info) => {
          if (assignedChanged(lastAssigned, info.assigned ?? undefined)) epoch += 1;
          lastAssigned = info.assigned ?? undefined;
          limitContext.gpuRequested = info.requested?.accelerator.toUpperCase() === 'GPU';
          recheckLimit();
          setFacts((f) => ({ ...f, requested: info.requested, assigned: info.assigned, epoch }));
        },
        () => setFacts((f) => (signal.aborted ? f : { ...f, requested: undefined, assigned: undefined })),
      );
    setFacts({ connection: readConnectionState(), epoch: 0 });
    refreshRef.current = () => void refresh();
    watchConnection((state) => {
      epoch = nextEpoch(previous, state, epoch);
      previous = state;
      limitContext.connected = state.status === 'connected';
      recheckLimit();
      setFacts((f) => ({ ...f, connection: state, epoch }));
      // RAM use in the tooltip changes all the time; only another machine needs the page API.
      const next = machineOf(state);
      if (next !== shape) {
        shape = next;
        void refresh();
      }
    }, signal);
  }, [signal]);

  return {
    badge: badgeOf(facts),
    requested: facts.requested ?? undefined,
    highRam: highRamOf(facts.connection),
    gpuLimit,
    refresh: () => refreshRef.current(),
    recordGpuCheck(stdout) {
      // The parser comes with the on-demand parts: it is needed only after a GPU check ran.
      void parseGpuCheckOutput(stdout).then((info) => {
        if (info.kind === 'unknown') return;
        const gpu: ObservedGpu =
          info.kind === 'gpu'
            ? { kind: 'gpu', model: info.model === 'other' ? info.name : info.model, ...(info.memoryMiB ? { memoryMiB: info.memoryMiB } : {}) }
            : { kind: 'none' };
        setFacts((f) => ({ ...f, observed: { epoch: f.epoch, gpu } }));
      });
    },
  };
}

export function badgeText(badge: Badge): string {
  switch (badge.kind) {
    case 'not-connected': return t('badgeNotConnected');
    case 'disconnected': return t('badgeDisconnected');
    case 'connected': return t('badgeConnected');
    case 'connecting': return t('badgeConnecting');
    case 'unknown': return t('badgeUnknown');
    case 'no-gpu': return t('badgeNoGpu');
    case 'tpu': return badge.version ? `TPU ${badge.version}` : 'TPU';
    case 'gpu':
      if (!badge.model) return t('badgeGpu');
      return badge.memoryGb ? `${badge.model} · ${badge.memoryGb} GB` : badge.model;
  }
}

const ICON: Record<Badge['kind'], IconName> = {
  'not-connected': 'offline', disconnected: 'offline', connected: 'chip', connecting: 'running', unknown: 'warning', 'no-gpu': 'chip', gpu: 'chip', tpu: 'chip',
};

function mismatchText(badge: Badge): string | undefined {
  if (!('mismatch' in badge) || !badge.mismatch) return undefined;
  return t('badgeMismatch', [badge.mismatch.requested, badge.mismatch.assigned || t('badgeNoAccelerator')]);
}

export function GpuBadge(props: { badge: Badge; tabIndex: number; onGpuCheck: () => void }) {
  const { badge, tabIndex, onGpuCheck } = props;
  const [open, setOpen] = useState(false);
  /** The details are rendered from their first opening on. */
  const [opened, setOpened] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const ids = useRef(Math.random().toString(36).slice(2)).current;
  const text = badgeText(badge);
  const mismatch = mismatchText(badge);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  // The popover sits outside the live region, so opening it is not announced as a status change.
  return (
    <>
    <span role="status" aria-label={t('badgeAccessibleName', text)} aria-describedby={mismatch ? `lp-badge-${ids}-warn` : undefined}>
      <button
        ref={buttonRef}
        type="button"
        class="badge"
        data-kind={badge.kind}
        data-warning={mismatch ? 'true' : undefined}
        tabIndex={tabIndex}
        aria-haspopup="dialog"
        aria-expanded={open ? 'true' : 'false'}
        onClick={byUser(() => (open ? close() : (setOpened(true), setOpen(true))))}
      >
        <Icon name={mismatch ? 'warning' : ICON[badge.kind]} class={badge.kind === 'connecting' ? 'icon spin' : 'icon'} />
        <span>{text}</span>
      </button>
      {mismatch && (
        <span id={`lp-badge-${ids}-warn`} class="sr-only">
          {mismatch}
        </span>
      )}
    </span>
      {opened && <BadgeDetails open={open} anchor={buttonRef} badge={badge} text={text} mismatch={mismatch} onGpuCheck={onGpuCheck} onClose={close} onClosed={() => setOpen(false)} />}
    </>
  );
}
