import { describe, expect, it } from 'vitest';
import type { ConnectButtonReading } from './connection';
import { connectionOf } from './connection';
import { HIGH_RAM_MIN_GB, checkRequirement, highRamOf, requirementMet } from './high-ram';

const button = (tooltip: string | null): ConnectButtonReading => ({ tooltip, text: '', disabled: false, hasSparklines: true, hasConnectIcon: true });
const fromTooltip = (tooltip: string | null) => highRamOf(connectionOf(button(tooltip), null));

// colab-dom.md §1.2 (S1) and colab-dom-2026H2.md row 13 (N6b), verbatim: standard runtimes.
const EN_STANDARD = 'Connected to\nPython 3 Google Compute Engine backend\nRAM: 1.08 GB/12.67 GB\nDisk: 21.20 GB/107.72 GB';
const ES_STANDARD = 'Conectado a\ndel backend de Google Compute Engine en Python 3\nRAM: 1.26 GB/12.67 GB\nDisco: 21.20 GB/107.72 GB';
/** Not evidenced: Russian words as the N12 userscript tests them ("ОЗУ", "Диск"), with a High-RAM total and a disk larger than it. */
const RU_HIGH = 'Подключено к\nсерверу Google Compute Engine (Python 3)\nОЗУ: 2.10 GB/51.00 GB\nДиск: 30.12 GB/225.33 GB';

describe('highRamOf: the RAM total from the connect button’s tooltip, in any language', () => {
  it('reads the English and Spanish standard runtimes as not High-RAM, with their total', () => {
    expect(fromTooltip(EN_STANDARD)).toEqual({ kind: 'no', totalGb: 12.67 });
    expect(fromTooltip(ES_STANDARD)).toEqual({ kind: 'no', totalGb: 12.67 });
  });
  it('takes the first pair as RAM, not the larger disk after it, whatever the words', () => {
    expect(fromTooltip(RU_HIGH)).toEqual({ kind: 'yes', totalGb: 51 });
    expect(fromTooltip(RU_HIGH.replace('51.00 GB', '12.67 GB'))).toEqual({ kind: 'no', totalGb: 12.67 });
    // A decimal comma (locales that write one) reads the same.
    expect(fromTooltip(ES_STANDARD.replace('1.26 GB/12.67 GB', '1,26 GB/83,48 GB'))).toEqual({ kind: 'yes', totalGb: 83.48 });
  });
  it('draws the line at the heuristic threshold', () => {
    const at = (total: string) => fromTooltip(`RAM: 1.00 GB/${total} GB\nDisk: 1.00 GB/100.00 GB`).kind;
    expect(at(String(HIGH_RAM_MIN_GB))).toBe('yes');
    expect(at('19.99')).toBe('no');
    expect(at('25.46')).toBe('yes');
  });
  it('is unknown, never guessed, without a total or a connection', () => {
    // Connected by the icon alone: no figures.
    expect(fromTooltip(null)).toEqual({ kind: 'unknown' });
    expect(fromTooltip('Connected to\nPython 3 Google Compute Engine backend')).toEqual({ kind: 'unknown' });
    expect(highRamOf({ status: 'not-connected' })).toEqual({ kind: 'unknown' });
    expect(highRamOf({ status: 'connecting' })).toEqual({ kind: 'unknown' });
    expect(highRamOf({ status: 'connected', backend: 'cpu', busy: false, ram: { usedGb: 1, totalGb: Number.NaN } })).toEqual({ kind: 'unknown' });
  });
});

describe('checkRequirement: the accelerator and High-RAM together', () => {
  const t4HighRam = { accelerator: 'GPU', model: 'T4', highRam: true } as const;
  const t4 = { kind: 'gpu', model: 'T4' } as const;
  it('needs both when High-RAM is asked for', () => {
    expect(checkRequirement(t4HighRam, t4, undefined, { kind: 'no', totalGb: 12.67 })).toEqual({ accelerator: 'yes', highRam: 'no' });
    expect(requirementMet(checkRequirement(t4HighRam, t4, undefined, { kind: 'no', totalGb: 12.67 }))).toBe(false);
    expect(requirementMet(checkRequirement(t4HighRam, t4, undefined, { kind: 'unknown' }))).toBe(false);
    expect(requirementMet(checkRequirement(t4HighRam, t4, undefined, { kind: 'yes', totalGb: 51 }))).toBe(true);
    expect(requirementMet(checkRequirement(t4HighRam, { kind: 'no-gpu' }, undefined, { kind: 'yes', totalGb: 51 }))).toBe(false);
  });
  it('ignores the RAM when High-RAM is not asked for', () => {
    const check = checkRequirement({ accelerator: 'GPU' }, t4, undefined, { kind: 'no', totalGb: 12.67 });
    expect(check).toEqual({ accelerator: 'yes', highRam: 'not-needed' });
    expect(requirementMet(check)).toBe(true);
  });
});
