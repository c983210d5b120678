/**
 * The toolbar's Change runtime… menu, next to the GPU badge: the accelerators Colab offers this
 * user, as its own dialog lists them (read once per page by opening and closing that dialog), the
 * one the notebook asks for marked. Choosing one drives Colab's dialog (./runtime-change.ts).
 * Greyed-out ones stay listed, marked unavailable; choosing one says so and changes nothing.
 */
import { useState } from 'preact/hooks';
import { isSetting, type AcceleratorOption } from '../colab/runtime-dialog';
import { t } from '../shared/i18n';
import { Icon } from '../ui/icons';
import { MenuButton } from '../ui/menu-button';
import { isUserInput } from '../ui/user-action';
import type { AcceleratorTracker } from './gpu-badge';
import { readAcceleratorOptions, switchAccelerator } from './on-demand-imports';

/** What Colab offered when its dialog was last read in this page. */
let offered: readonly AcceleratorOption[] | null = null;

const ID = 'accelerator:';

export function RuntimeMenu(props: { accelerator: AcceleratorTracker; tabIndex: number; signal: AbortSignal; announce: (text: string) => void }) {
  const { accelerator, tabIndex, signal, announce } = props;
  const [options, setOptions] = useState(offered);
  const [busy, setBusy] = useState(false);
  const requested = (option: AcceleratorOption) => (accelerator.requested ? isSetting(option.value, accelerator.requested) : option.checked);

  return (
    <MenuButton
      buttonClass="recipe runtime-menu"
      tabIndex={tabIndex}
      label={
        <>
          <Icon name={busy ? 'running' : 'chip'} class={busy ? 'icon spin' : 'icon'} />
          <span>{`${t('runtimeMenuButton')}…`}</span>
        </>
      }
      menuLabel={t('runtimeMenuLabel')}
      items={(options ?? []).map((option) => ({
        id: ID + option.value,
        label: option.label,
        hint: requested(option) ? t('runtimeMenuRequested') : option.disabled ? t('runtimeMenuUnavailable') : '',
        state: requested(option) ? 'requested' : option.disabled ? 'unavailable' : undefined,
      }))}
      onBeforeOpen={(open, event) => {
        if (!isUserInput(event) || busy) return;
        if (options) return open();
        setBusy(true);
        announce(t('runtimeReading'));
        void readAcceleratorOptions().then((read) => {
          setBusy(false);
          if (signal.aborted) return;
          if (read === 'busy') return announce(t('runtimeDialogBusy'));
          if (!read) return announce(t('runtimeNoDialog'));
          offered = read;
          setOptions(read);
          announce('');
          open();
        });
      }}
      onSelect={(id, event) => {
        const option = options?.find((o) => ID + o.value === id);
        if (!isUserInput(event) || !option || busy) return;
        setBusy(true);
        void switchAccelerator(option, announce, signal).then(() => {
          setBusy(false);
          accelerator.refresh();
        });
      }}
    />
  );
}
