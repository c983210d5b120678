import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLAB_HOSTS } from '../../src/shared/colab-hosts';

const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.json'), 'utf8')) as {
  permissions?: string[];
  host_permissions?: string[];
  content_scripts: { matches: string[]; world?: string; js: string[]; run_at?: string }[];
  name: string;
  default_locale: string;
  background: { service_worker?: string; scripts?: string[]; type?: string };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } } };
};

const COLAB_MATCHES = COLAB_HOSTS.map((host) => `https://${host}/*`);

describe('manifest', () => {
  it('asks only for the permissions the features use', () => {
    // scripting: re-inject content scripts into open Colab tabs after an install or update.
    // storage: presets and session-guard settings (local), per-tab guard state (session).
    // alarms: the session guard's one-minute tick. notifications: disconnects, presence checks,
    // keep-alive limit, 12-hour cap, setup results.
    expect(manifest.permissions ?? []).toEqual(['alarms', 'notifications', 'scripting', 'storage']);
  });
  it('reaches only the two Colab hosts', () => {
    expect(manifest.host_permissions).toEqual(COLAB_MATCHES);
    for (const script of manifest.content_scripts) expect(script.matches).toEqual(COLAB_MATCHES);
  });
  it('has a MAIN-world page script at document_start and an isolated content script', () => {
    const worlds = manifest.content_scripts.map((s) => [s.world ?? 'ISOLATED', s.run_at]);
    expect(worlds).toEqual([['MAIN', 'document_start'], ['ISOLATED', 'document_idle']]);
  });
  it('is localised', () => {
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.default_locale).toBe('en');
  });
  it('loads in Chrome (service_worker) and Firefox (scripts) from the same module', () => {
    expect(manifest.background.service_worker).toBe('src/background/index.ts');
    expect(manifest.background.scripts).toEqual([manifest.background.service_worker]);
    expect(manifest.background.type).toBe('module');
  });
  it('has a stable Firefox add-on id and declares that it collects no data', () => {
    const gecko = manifest.browser_specific_settings?.gecko;
    expect(gecko?.id).toBe('colab-launchpad@launchpad');
    // data_collection_permissions needs Firefox 142; world: "MAIN" content scripts need 128.
    expect(Number.parseFloat(gecko?.strict_min_version ?? '0')).toBeGreaterThanOrEqual(142);
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
