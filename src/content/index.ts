/**
 * Isolated-world entry on Colab pages: starts the features while the page is a notebook, nothing
 * else ("Check compatibility" is injected on demand: ./self-test.ts; so are the toolbar's dialogs
 * and panels: ./on-demand.ts).
 * Any failure is caught here so that nothing from the extension reaches the page as an uncaught error.
 */
import { whileOnNotebook } from '../colab/location';
import { startSessionGuard } from '../features/session-guard';
import { startToolbar } from '../features/toolbar';
import type { PageLife } from '../shared/page-life';
import { startPageLife } from './life';
import { sharePreact } from './shared-preact';

const FEATURES: readonly { readonly id: string; readonly start: (life: PageLife) => void }[] = [
  { id: 'toolbar', start: startToolbar },
  { id: 'session-guard', start: startSessionGuard },
];

// Before anything renders: the on-demand parts (./on-demand.ts) render with this same Preact.
sharePreact();
const life = startPageLife();
// Colab's landing page and any other page that is not a notebook get no Launchpad UI at all.
whileOnNotebook((signal) => {
  const notebookLife: PageLife = { signal, checkAlive: life.checkAlive };
  for (const feature of FEATURES) {
    try {
      feature.start(notebookLife);
    } catch (error) {
      console.warn(`[Colab Launchpad] ${feature.id} could not start:`, error);
    }
  }
}, life.signal);
