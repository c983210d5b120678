import type { CompatProbe } from './compat-report';
import type { MessageKey } from './i18n';

/** The features page-API probes serve (src/colab/probes.ts); the report adds `bridge`, Launchpad's own connections. */
export const PAGE_FEATURES = ['toolbar', 'recipes', 'badge', 'keep-alive', 'reconnect', 'run-setup', 'runtime'] as const;
export type CompatFeature = (typeof PAGE_FEATURES)[number];

/** The user-facing name of each feature a compatibility probe serves (toolbar notice, popup). */
export const FEATURE_NAMES = {
  toolbar: 'compatFeatureToolbar',
  recipes: 'compatFeatureRecipes',
  badge: 'compatFeatureBadge',
  'keep-alive': 'compatFeatureKeepAlive',
  reconnect: 'compatFeatureReconnect',
  'run-setup': 'compatFeatureRunSetup',
  runtime: 'compatFeatureRuntime',
  bridge: 'compatFeatureBridge',
} as const satisfies Record<CompatProbe['feature'], MessageKey>;
