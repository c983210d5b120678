import { describe, expect, it } from 'vitest';
import { isExtensionProblem } from '../../scripts/firefox.mjs';

// Lines as firefox-esr 153 printed them in the Firefox e2e run's probes.
describe('isExtensionProblem (what fails a Firefox e2e test)', () => {
  it.each([
    'JavaScript error: moz-extension://6c0b7a52-3f0e-4d8a-9c1b-1a2d3e4f5a6b/src/popup/index.html, line 5: Error: probe-bg-rejection',
    'JavaScript error: moz-extension://6c0b7a52-3f0e-4d8a-9c1b-1a2d3e4f5a6b/assets/index.ts-DdoNQRhc.js, line 1: TypeError: x is undefined',
    'JavaScript warning: moz-extension://6c0b7a52-3f0e-4d8a-9c1b-1a2d3e4f5a6b/service-worker-loader.js, line 1: unreachable code',
    'console.warn: "[Colab Launchpad] re-injection failed:" (new Error("No tab", "moz-extension://x/y.js", 1))',
    'console.error: "[Colab Launchpad] preset migration failed:"',
  ])('reports %s', (line) => {
    expect(isExtensionProblem(line)).toBe(true);
  });

  it.each([
    'JavaScript error: resource:///modules/backup/BackupService.sys.mjs, line 4408: NotAllowedError: PathUtils.join: PathUtils does not support empty paths',
    'console.error: (new Error("Polling for changes failed: NetworkError: Network request failed.", "resource://services-settings/remote-settings.sys.mjs", 490))',
    'console.log: "[Colab Launchpad] ready"',
    'WebDriver BiDi listening on ws://127.0.0.1:42227',
  ])('ignores Firefox’s own noise: %s', (line) => {
    expect(isExtensionProblem(line)).toBe(false);
  });
});
