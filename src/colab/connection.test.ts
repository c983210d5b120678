import { describe, expect, it } from 'vitest';
import { parseConnectButton, type ConnectButtonReading } from './connection';

const reading = (r: Partial<ConnectButtonReading>): ConnectButtonReading => ({
  tooltip: null, text: '', disabled: false, hasSparklines: false, ...r,
});

// Tooltip texts as recorded in colab-dom.md §1.2 (S1 2026-03 page, S9, S5).
const CPU = 'Connected to\nPython 3 Google Compute Engine backend\nRAM: 1.08 GB/12.67 GB\nDisk: 21.20 GB/107.72 GB';

describe('parseConnectButton', () => {
  it('reads a connected CPU runtime with RAM and disk', () => {
    expect(parseConnectButton(reading({ tooltip: CPU, hasSparklines: true }))).toEqual({
      status: 'connected', backend: 'cpu', busy: false,
      ram: { usedGb: 1.08, totalGb: 12.67 }, disk: { usedGb: 21.2, totalGb: 107.72 },
    });
  });
  it('reads GPU and TPU backends from the backend line', () => {
    const gpu = CPU.replace('backend', 'backend (GPU)');
    const tpu = CPU.replace('backend', 'backend (TPU)');
    expect(parseConnectButton(reading({ tooltip: gpu }))).toMatchObject({ status: 'connected', backend: 'gpu' });
    expect(parseConnectButton(reading({ tooltip: tpu }))).toMatchObject({ status: 'connected', backend: 'tpu' });
  });
  it('reads busy while a cell executes', () => {
    const busy = `Waiting to finish the current execution.\n${CPU}`;
    expect(parseConnectButton(reading({ tooltip: busy }))).toMatchObject({ status: 'connected', busy: true });
  });
  it('treats sparklines alone as connected (S9 uses them as the connected test)', () => {
    expect(parseConnectButton(reading({ hasSparklines: true }))).toMatchObject({ status: 'connected', backend: 'cpu' });
  });
  it('reads never connected, disconnected and connecting', () => {
    expect(parseConnectButton(reading({ text: 'Connect', tooltip: 'Connect to a new runtime' }))).toEqual({ status: 'not-connected' });
    expect(parseConnectButton(reading({ text: ' Reconnect ', tooltip: 'Click to connect' }))).toEqual({ status: 'disconnected' });
    expect(parseConnectButton(reading({ text: 'Connecting', disabled: true }))).toEqual({ status: 'connecting' });
    expect(parseConnectButton(reading({ text: 'Initializing' }))).toEqual({ status: 'connecting' });
  });
  it('says what it saw when the button is not recognised', () => {
    const state = parseConnectButton(reading({ text: 'Verbinden', tooltip: 'Mit Laufzeit verbinden' }));
    expect(state).toMatchObject({ status: 'unknown' });
    expect(state.status === 'unknown' && state.reason).toContain('Verbinden');
  });
});
