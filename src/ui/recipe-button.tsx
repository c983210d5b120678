import { t } from '../shared/i18n';
import { Icon, type IconName } from './icons';
import type { RunResult } from './run-result';
import { byUser } from './user-action';

export type ButtonState = 'idle' | 'running' | Exclude<RunResult['kind'], 'abandoned'>;

const STATE_ICON: Record<ButtonState, IconName> = {
  idle: 'play', running: 'running', done: 'done', failed: 'failed', unverified: 'warning', unavailable: 'failed',
};

export function stateLabel(state: ButtonState): string {
  switch (state) {
    case 'idle': return '';
    case 'running': return t('runStateRunning');
    case 'done': return t('runStateDone');
    case 'unverified': return t('runStateUnverified');
    case 'failed':
    case 'unavailable': return t('runStateFailed');
  }
}

/**
 * A recipe button that shows its run's state. While running it stays focusable but refuses
 * clicks (aria-disabled), so a recipe can never be started twice at once. Only the user's own
 * click runs it (./user-action.ts).
 */
export function RecipeButton(props: { id: string; label: string; description: string; state: ButtonState; onRun: () => void; tabIndex: number }) {
  const { id, label, description, state, onRun, tabIndex } = props;
  const running = state === 'running';
  return (
    <button
      type="button"
      class="recipe"
      data-entry={id}
      data-state={state}
      title={description}
      aria-disabled={running ? 'true' : undefined}
      aria-busy={running ? 'true' : undefined}
      tabIndex={tabIndex}
      onClick={byUser(() => {
        if (!running) onRun();
      })}
    >
      <Icon name={STATE_ICON[state]} class={running ? 'icon spin' : 'icon'} />
      <span>{label}</span>
      {state !== 'idle' && <span class="state">{stateLabel(state)}</span>}
    </button>
  );
}
