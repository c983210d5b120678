/**
 * Isolated-world entry on Colab pages: starts the features for this page's life, nothing else.
 * Any failure is caught here so that nothing from the extension reaches the page as an uncaught error.
 */
import { startSessionGuard } from '../features/session-guard';
import { startToolbar } from '../features/toolbar';
import { startPageLife, type PageLife } from './life';

const FEATURES: readonly { readonly id: string; readonly start: (life: PageLife) => void }[] = [
  { id: 'toolbar', start: startToolbar },
  { id: 'session-guard', start: startSessionGuard },
];

const life = startPageLife();
for (const feature of FEATURES) {
  try {
    feature.start(life);
  } catch (error) {
    console.warn(`[Colab Launchpad] ${feature.id} could not start:`, error);
  }
}
