/**
 * Run setup's notes without pip or a lock to drift: a preset whose pip step the simulated kernel
 * holds (`holdNextStep`: the LaunchpadHeld error python-pip-safe.ts's guard raises, its last line
 * naming the package) and whose next step prints the line the lock helper prints when Colab moved
 * under a lock (python-lock.ts). Skip on the held note runs that step: the lock-drift note shows.
 * For the specs that measure how the notes look (accessibility, locale layout).
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID } from './fixtures';

const DRIFT = { key: 'cp312-release_20261201-t4', release: ['release-colab_20261201-060048_RC00', 'release-colab_20261207-060031_RC00'], python: null, moved: [['numpy', '2.0.2', '2.1.0']] };
const HELD = 'pip install would change ipython\nLAUNCHPAD_HELD {"packages":[{"name":"ipython","installed":"8.5.0","wanted":"7.34.0"}]}';

/** A presets file with one preset, `name`, for the demo Drive notebook. */
export const notesPresetFile = (name: string) => ({
  format: 'colab-launchpad/presets',
  version: 2,
  presets: [{
    name,
    notebooks: [`drive:${DRIVE_ID}`],
    steps: [{ recipe: 'pip-install', params: { packages: ['ipython==7.34.0'] } }, { recipe: 'python', params: { code: `print('LAUNCHPAD_LOCK_DRIFT ${JSON.stringify(DRIFT)}')` } }],
  }],
});

/** The replica's next cell fails as the pip guard holds a step. */
export async function holdNextStep(page: Page): Promise<void> {
  await page.evaluate((evalue) => (window as unknown as { __replica: { failNextExecution(error: { ename: string; evalue: string }): void } }).__replica.failNextExecution({ ename: 'LaunchpadHeld', evalue }), HELD);
}
