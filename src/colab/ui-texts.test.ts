import { describe, expect, it } from 'vitest';
import { readsAs } from './ui-texts';

describe('readsAs: the per-language table of evidenced strings', () => {
  it('reads each language’s own strings', () => {
    expect(readsAs('connectedTo', 'Connected to\nPython 3 Google Compute Engine backend')).toBe(true);
    expect(readsAs('connectedTo', 'Conectado a\ndel backend de Google Compute Engine en Python 3')).toBe(true);
    expect(readsAs('backendCpu', 'Conectado a\ndel backend de Google Compute Engine en Python 3\nRAM: 1.26 GB/12.67 GB')).toBe(true);
    expect(readsAs('disconnectHeading', 'Runtime disconnected')).toBe(true);
  });
  it('reads a connect label that carries the accelerator (colab-dom-2026-12 row 15), never a longer text', () => {
    expect(readsAs('disconnected', 'Reconnect T4')).toBe(true);
    expect(readsAs('disconnected', ' Reconnect v5e-1 ')).toBe(true);
    expect(readsAs('notConnected', 'Connect T4')).toBe(true);
    expect(readsAs('disconnected', 'Reconnect to the T4 runtime')).toBe(false);
    expect(readsAs('notConnected', 'Connected')).toBe(false);
  });
  it('never matches another language’s or an invented string', () => {
    // Spanish "Conectar" is not English "Connect"; a GPU line in Spanish is not evidenced.
    expect(readsAs('notConnected', 'Conectar')).toBe(false);
    expect(readsAs('backendCpu', 'del backend de Google Compute Engine en Python 3 (GPU)')).toBe(false);
    expect(readsAs('backendGpu', 'del backend de Google Compute Engine en Python 3 (GPU)')).toBe(false);
    expect(readsAs('stillThere', '你还在吗？')).toBe(false);
    expect(readsAs('reconnectButton', 'Reconnecting')).toBe(false);
    expect(readsAs('connectedTo', '')).toBe(false);
    expect(readsAs('connectedTo', null)).toBe(false);
  });
});
