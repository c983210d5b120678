/** Shared test data (imported by the *.test.ts files only). */
import type { Preset } from './schema';

export const ID_A = '0b7e5c2a-3f4d-4e8a-9b1c-2d3e4f5a6b7c';
export const ID_B = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
export const ID_C = '11111111-2222-4333-8444-555555555555';

export function preset(overrides: Partial<Preset> = {}): Preset {
  return {
    id: ID_A,
    name: 'Thesis',
    notebooks: ['drive:1AbCdEfGhIjKlMnOp'],
    steps: [{ recipe: 'mount-drive', params: {} }, { recipe: 'pip-install', params: { packages: ['torch'] } }],
    autoRun: false,
    oneCell: false,
    keepInstalls: true,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** Deterministic ids: 00000000-0000-4000-8000-00000000000N. */
export function idSequence(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
