import type { Page } from '@playwright/test';
import { DRIVE_ID, expect, expectOneToolbar, openNotebook, test, toolbar } from './fixtures';

type Replica = { setRuntime(kind: string, options?: { requested?: string }): void; disconnect(): void; setConnectionState(state: string): void };
const replica = (page: Page, call: (r: Replica) => void) => page.evaluate(`(${call.toString()})(window.__replica)`);

const badge = (page: Page) => toolbar(page).getByRole('status', { name: /^Accelerator/ });

async function gpuCheck(page: Page) {
  const button = toolbar(page).locator('button[data-entry="gpu-check"]');
  await button.click();
  await expect(button).toHaveAttribute('data-state', 'done');
}

test('not connected, then a CPU runtime: Not connected → No GPU', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:none']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: Not connected');
  await replica(page, (r) => r.setConnectionState('connecting'));
  await expect(badge(page)).toHaveAccessibleName('Accelerator: Connecting…');
  await replica(page, (r) => r.setRuntime('cpu'));
  await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
  await expect(badge(page)).not.toHaveAttribute('aria-describedby', /./);
});

for (const [runtime, model, memory] of [['t4', 'T4', '15'], ['a100', 'A100', '40'], ['l4', 'L4', '22.5']] as const) {
  test(`a ${model} runtime shows ${model}, and a GPU check adds its memory`, async ({ page }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, [`runtime:${runtime}`]);
    await expectOneToolbar(page);
    await expect(badge(page)).toHaveAccessibleName(`Accelerator: ${model}`);
    await gpuCheck(page);
    await expect(badge(page)).toHaveAccessibleName(`Accelerator: ${model} · ${memory} GB`);
  });
}

test('without the page API the badge falls back to the connect button’s coarser answer', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4', 'no-api']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: GPU');
  // No page API means no cell can be inserted either: the GPU check is refused with the alert.
  await toolbar(page).locator('button[data-entry="gpu-check"]').click();
  await expect(toolbar(page).getByRole('alert')).toBeVisible();
  await expect(badge(page)).toHaveAccessibleName('Accelerator: GPU');
});

test('a TPU runtime shows TPU with its version', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:tpu']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: TPU v5e-1');
});

test('requested A100 but assigned L4: a warning that says what was requested', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:l4', 'requested:A100']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: L4');
  await expect(badge(page)).toHaveAccessibleDescription('Requested A100 GPU, but the runtime has L4 GPU.');
  await expect(badge(page).locator('button.badge')).toHaveAttribute('data-warning', 'true');

  // Clicking explains and offers a GPU check and Colab's Change runtime type.
  await badge(page).locator('button.badge').click();
  const details = page.getByRole('dialog', { name: 'Accelerator' });
  await expect(details).toBeVisible();
  await expect(details).toContainText('Requested A100 GPU, but the runtime has L4 GPU.');
  await expect(details.getByRole('button', { name: 'GPU check' })).toBeFocused();
  await details.getByRole('button', { name: 'Change runtime type' }).click();
  await expect(page.locator('mwc-dialog.change-runtime-type[open]')).toHaveCount(1);
  await expect(details).toBeHidden();
});

test('the details’ GPU check runs the recipe and refines the badge', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
  await expectOneToolbar(page);
  await badge(page).locator('button.badge').click();
  await page.getByRole('dialog', { name: 'Accelerator' }).getByRole('button', { name: 'GPU check' }).click();
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4 · 15 GB');
});

test('a reconnect to CPU after a T4 session goes back to No GPU; an earlier GPU check is not trusted', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
  await expectOneToolbar(page);
  await gpuCheck(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4 · 15 GB');
  await replica(page, (r) => r.setRuntime('cpu'));
  await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
  await replica(page, (r) => r.disconnect());
  await expect(badge(page)).toHaveAccessibleName('Accelerator: Disconnected');
  await replica(page, (r) => r.setRuntime('t4'));
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
});

test('after opening another notebook in the same tab the badge follows the new runtime', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
  await expectOneToolbar(page);
  await gpuCheck(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4 · 15 GB');
  await page.evaluate(() => (window as unknown as { __replica: { navigate(path: string): void } }).__replica.navigate('/drive/1hN0tHeRnOtEb00kXyZ_abcdEFGH-12'));
  await expect(page).toHaveURL(/1hN0tHeRnOtEb00kXyZ/);
  // The GPU check belonged to the previous notebook: at most the model is known now.
  await expect(badge(page)).not.toHaveAccessibleName(/15 GB/);
  await replica(page, (r) => r.setRuntime('l4'));
  await expect(badge(page)).toHaveAccessibleName('Accelerator: L4');
});
