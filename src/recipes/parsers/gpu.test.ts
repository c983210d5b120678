import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpuModel, parseGpuCheckOutput, parseNvidiaSmi, parseNvidiaSmiCsv, parseNvidiaSmiTable } from './gpu';
import { parseSystemInfoOutput } from './system-info';
import { parseTpuCheckOutput } from './tpu';

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, 'fixtures', name), 'utf8');

describe('nvidia-smi table (real outputs)', () => {
  it.each([
    ['nvidia-smi-t4-colab-2026.txt', { model: 'T4', name: 'Tesla T4', memoryMiB: 15360, driver: '580.82.07', cuda: '13.0' }],
    ['nvidia-smi-l4-colab-2025.txt', { model: 'L4', name: 'NVIDIA L4', memoryMiB: 23034, driver: '550.54.15', cuda: '12.4' }],
    ['nvidia-smi-a100-colab-2025.txt', { model: 'A100', name: 'NVIDIA A100-SXM4-40GB', memoryMiB: 40960, driver: '550.54.15', cuda: '12.4' }],
    ['nvidia-smi-a100-colab-2021-excerpt.txt', { model: 'A100', name: 'A100-SXM4-40GB', memoryMiB: 40536, driver: '460.32.03', cuda: '11.2' }],
    ['nvidia-smi-v100-colab-2021-excerpt.txt', { model: 'V100', name: 'Tesla V100-SXM2...', memoryMiB: 16130, driver: '418.67', cuda: '10.1' }],
    ['nvidia-smi-h100-2026.txt', { model: 'H100', name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, driver: '595.71.05', cuda: '13.2' }],
    ['nvidia-smi-g4-rtx-pro-6000-server-2026.txt', { model: 'G4', name: 'NVIDIA RTX PRO 6000 Blac...', memoryMiB: 97887, driver: '570.172.08', cuda: '12.8' }],
    ['nvidia-smi-t4-driver-610-excerpt.txt', { model: 'T4', name: 'Tesla T4', memoryMiB: 15360, driver: '610.57.04', cuda: '13.3' }],
  ])('%s', (file, expected) => {
    expect(parseNvidiaSmiTable(fixture(file))).toEqual({ kind: 'gpu', count: 1, ...expected });
    expect(parseNvidiaSmi(fixture(file))).toEqual({ kind: 'gpu', count: 1, ...expected });
  });

  it('reads the CPU runtime message as "no GPU"', () => {
    expect(parseNvidiaSmiTable(fixture('nvidia-smi-no-driver-colab.txt'))).toEqual({ kind: 'none' });
    expect(parseNvidiaSmi(fixture('nvidia-smi-no-driver-colab.txt'))).toEqual({ kind: 'none' });
    expect(parseNvidiaSmi('/bin/bash: line 1: nvidia-smi: command not found\n')).toEqual({ kind: 'none' });
    expect(parseNvidiaSmi('No devices were found\n')).toEqual({ kind: 'none' });
  });

  it('says unknown for anything else', () => {
    expect(parseNvidiaSmi('')).toEqual({ kind: 'unknown' });
    expect(parseNvidiaSmi('Segmentation fault')).toEqual({ kind: 'unknown' });
  });

  it('counts several GPUs and keeps the first', () => {
    const t4 = fixture('nvidia-smi-t4-colab-2026.txt').split('\n');
    const rows = t4.slice(8, 12); // one GPU's three lines and the separator
    const two = [...t4.slice(0, 12), ...rows.map((l) => l.replace('   0  Tesla T4', '   1  Tesla T4')), ...t4.slice(12)].join('\n');
    expect(parseNvidiaSmiTable(two)).toMatchObject({ kind: 'gpu', model: 'T4', count: 2 });
  });
});

describe('nvidia-smi --query-gpu CSV (real outputs)', () => {
  it('reads index,name,memory.total,driver_version with units', () => {
    expect(parseNvidiaSmiCsv(fixture('nvidia-smi-t4-csv-colab-2026.txt'))).toEqual({
      kind: 'gpu', model: 'T4', name: 'Tesla T4', memoryMiB: 15360, driver: '580.82.07', count: 1,
    });
  });

  it('reads name,memory.total', () => {
    expect(parseNvidiaSmiCsv(fixture('nvidia-smi-l4-csv-colab.txt'))).toEqual({ kind: 'gpu', model: 'L4', name: 'NVIDIA L4', memoryMiB: 23034, count: 1 });
  });

  it('reads the extended CSV with a header (memory.total is the first MiB field)', () => {
    const csv = fixture('nvidia-smi-h100-2026.txt').split('\n\n')[0] ?? '';
    expect(parseNvidiaSmiCsv(csv)).toEqual({ kind: 'gpu', model: 'H100', name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, driver: '595.71.05', count: 1 });
  });

  it('reads the nounits form the gpu-check recipe asks for', () => {
    expect(parseNvidiaSmiCsv('NVIDIA RTX PRO 6000 Blackwell Server Edition, 97887, 580.82.07\n')).toEqual({
      kind: 'gpu', model: 'G4', name: 'NVIDIA RTX PRO 6000 Blackwell Server Edition', memoryMiB: 97887, driver: '580.82.07', count: 1,
    });
  });
});

describe('gpuModel', () => {
  it.each([
    ['Tesla T4', 'T4'],
    ['NVIDIA L4', 'L4'],
    ['NVIDIA A100-SXM4-40GB', 'A100'],
    ['NVIDIA A100-SXM4-80GB', 'A100'],
    ['NVIDIA H100 80GB HBM3', 'H100'],
    ['NVIDIA RTX PRO 6000 Blackwell Server Edition', 'G4'],
    ['NVIDIA RTX PRO 6000 Blac...', 'G4'],
    ['Tesla V100-SXM2-16GB', 'V100'],
    ['Tesla P100-PCIE-16GB', 'P100'],
    ['Tesla K80', 'K80'],
    ['NVIDIA L40S', 'other'],
    ['NVIDIA A10G', 'other'],
  ] as const)('%s → %s', (name, model) => {
    expect(gpuModel(name)).toBe(model);
  });
});

describe('gpu-check output', () => {
  const table = fixture('nvidia-smi-t4-colab-2026.txt');
  it('prefers the LAUNCHPAD_GPU line', () => {
    const line =
      'LAUNCHPAD_GPU {"kind": "gpu", "gpus": [{"name": "Tesla T4", "memory_mib": 15360, "driver": "580.82.07"}], "cuda": "13.0", ' +
      '"frameworks": {"torch": {"version": "2.8.0+cu126", "sees_gpu": true}, "jax": {"version": null, "sees_gpu": null}}}';
    expect(parseGpuCheckOutput(`${table}\nGPU: Tesla T4, 15360 MiB\ntorch 2.8.0: sees the GPU\n${line}\n`)).toEqual({
      kind: 'gpu',
      model: 'T4',
      name: 'Tesla T4',
      memoryMiB: 15360,
      driver: '580.82.07',
      cuda: '13.0',
      count: 1,
      frameworks: { torch: { version: '2.8.0+cu126', seesGpu: true }, jax: { version: null, seesGpu: null } },
    });
  });

  it('reads "none" lines and falls back to nvidia-smi text', () => {
    expect(parseGpuCheckOutput('No GPU: …\nLAUNCHPAD_GPU {"kind": "none", "reason": "x", "frameworks": {}}\n')).toEqual({ kind: 'none' });
    expect(parseGpuCheckOutput(table)).toMatchObject({ kind: 'gpu', model: 'T4' });
    expect(parseGpuCheckOutput('LAUNCHPAD_GPU {broken\n' + fixture('nvidia-smi-no-driver-colab.txt'))).toEqual({ kind: 'none' });
    expect(parseGpuCheckOutput('LAUNCHPAD_GPU {"kind": "gpu", "gpus": [], "cuda": null}\n')).toEqual({ kind: 'unknown' });
  });
});

describe('tpu-check and system-info output', () => {
  it('reads LAUNCHPAD_TPU lines', () => {
    expect(parseTpuCheckOutput('TPU: v5e-1\nLAUNCHPAD_TPU {"kind": "tpu", "type": "v5e-1", "chips": 0}\n')).toEqual({ kind: 'tpu', type: 'v5e-1', chips: 0 });
    expect(parseTpuCheckOutput('LAUNCHPAD_TPU {"kind": "tpu", "type": null, "chips": 4}')).toEqual({ kind: 'tpu', chips: 4 });
    expect(parseTpuCheckOutput('LAUNCHPAD_TPU {"kind": "none"}')).toEqual({ kind: 'none' });
    expect(parseTpuCheckOutput('no line')).toEqual({ kind: 'unknown' });
    expect(parseTpuCheckOutput('LAUNCHPAD_TPU {"kind": "tpu", "chips": -1}')).toEqual({ kind: 'unknown' });
  });

  it('reads the real system-info output captured in the harness', () => {
    const info = parseSystemInfoOutput(fixture('system-info-harness.txt'));
    expect(info).toBeDefined();
    expect(info?.ramTotalBytes).toBeGreaterThan(2 ** 30);
    expect(info?.cpus).toBeGreaterThanOrEqual(1);
    expect(info?.cpuModel).not.toBe('');
    expect(parseSystemInfoOutput('LAUNCHPAD_SYSTEM {"ram_total_bytes": 1}')).toBeUndefined();
  });
});
