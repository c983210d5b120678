/**
 * "Toolbar buttons" on the options page: one switch per toolbar entry, named by its title; a
 * switched-on entry is a direct button on the toolbar, the others stay under More recipes. Each
 * change is one validated write to chrome.storage.sync (src/recipes/toolbar-storage.ts), made from
 * the freshest stored value; unreadable stored data is shown and left as it is until the user
 * resets it.
 */
import { useEffect, useState } from 'preact/hooks';
import { TOOLBAR_ENTRIES } from '../recipes';
import { DEFAULT_TOOLBAR_SETTINGS, withDirect, type ToolbarSettingsRead } from '../recipes/toolbar-settings';
import { loadToolbarSettings, onToolbarSettingsChanged, saveToolbarSettings } from '../recipes/toolbar-storage';
import { t } from '../shared/i18n';
import { Switch } from '../ui/switch';

export function ToolbarButtonsSection() {
  const [read, setRead] = useState<ToolbarSettingsRead | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const load = () => void loadToolbarSettings().then(setRead, (e: unknown) => setError(String(e)));
    load();
    return onToolbarSettingsChanged(load);
  }, []);

  const save = (write: () => Promise<void>) => {
    setError('');
    write().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const toggle = (id: string, on: boolean) =>
    save(async () => {
      const fresh = await loadToolbarSettings();
      if (!fresh.ok) throw new Error(fresh.problem);
      await saveToolbarSettings(withDirect(fresh.settings, id, on));
    });

  const direct = new Set(read?.settings.direct ?? []);
  return (
    <section class="card" aria-labelledby="toolbar-buttons-heading">
      <h2 id="toolbar-buttons-heading">{t('optionsToolbarHeading')}</h2>
      <p>{t('optionsToolbarIntro')}</p>
      {read && !read.ok && (
        <div class="alert" role="alert">
          <p>{t('optionsToolbarUnreadable', read.problem)}</p>
          <button type="button" onClick={() => save(() => saveToolbarSettings(DEFAULT_TOOLBAR_SETTINGS))}>
            {t('popupResetSettings')}
          </button>
        </div>
      )}
      {error && (
        <div class="alert" role="alert">
          <p>{t('optionsToolbarNotSaved', error)}</p>
        </div>
      )}
      {read && (
        <div class="switch-grid" role="group" aria-labelledby="toolbar-buttons-heading">
          {TOOLBAR_ENTRIES.map((entry) => (
            <Switch
              key={entry.id}
              label={t(entry.title)}
              checked={direct.has(entry.id)}
              disabled={!read.ok}
              onChange={(on) => toggle(entry.id, on)}
            />
          ))}
        </div>
      )}
    </section>
  );
}
