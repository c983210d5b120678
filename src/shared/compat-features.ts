import type { CompatProbe } from './compat-report';
import type { MessageKey } from './i18n';

/** The user-facing name of each feature a compatibility probe serves (toolbar notice, popup). */
export const FEATURE_NAMES = {
  toolbar: 'compatFeatureToolbar',
  recipes: 'compatFeatureRecipes',
  badge: 'compatFeatureBadge',
  'keep-alive': 'compatFeatureKeepAlive',
  reconnect: 'compatFeatureReconnect',
  'run-setup': 'compatFeatureRunSetup',
  bridge: 'compatFeatureBridge',
} as const satisfies Record<CompatProbe['feature'], MessageKey>;
