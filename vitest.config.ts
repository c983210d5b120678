import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        // Runs generated recipe code in Debian's ipython3: slower, one file at a time.
        test: { name: 'ipython', include: ['test/ipython/**/*.test.ts'], testTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
