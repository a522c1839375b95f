// Services samtykke runs itself are listed in the preferences without the
// site describing them: with `googleAnalytics` set, the analytics category
// shows Google Analytics and its cookies unless the site lists a `ga4`
// service of its own.
import type { CoreConfig, UiConfig } from '../config/schema.js';
import type { Strings } from './strings.js';

export function withKnownServices(config: UiConfig, core: CoreConfig, t: Strings): UiConfig {
  const analytics = config.categories.analytics;
  if (!core.googleAnalytics || !core.categories.analytics || analytics?.services.ga4) return config;
  const ga4 = {
    name: 'Google Analytics',
    provider: 'Google Ireland Limited',
    purpose: t['service.googleAnalytics'],
    privacyPolicyUrl: 'https://policies.google.com/privacy',
    cookies: [
      { name: '_ga', lifetime: t['service.googleAnalytics.lifetime'], party: 'first' as const },
      { name: `_ga_${core.googleAnalytics.id.slice(2)}`, lifetime: t['service.googleAnalytics.lifetime'], party: 'first' as const },
    ],
  };
  return {
    ...config,
    categories: { ...config.categories, analytics: { ...analytics, services: { ga4, ...analytics?.services } } },
  };
}
