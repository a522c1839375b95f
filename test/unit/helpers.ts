// A test environment for the consent object: a memory cookie jar, a clock
// the test moves, and a console that records what the site owner would read.
import { createConsent, type Consent, type Environment } from '../../src/consent';
import { normalise } from '../../src/config/normalise';
import { memoryStore, type RecordStore } from '../../src/storage/store';
import { reporter } from '../../src/report';
import type { SamtykkeConfig } from '../../src/config/schema';

export const DAY = 864e5;
export const START = Date.UTC(2026, 0, 15, 12);

export function testEnvironment(overrides: Partial<Environment> = {}) {
  let now = START;
  let seed = 0;
  const messages: string[] = [];
  const announced: unknown[] = [];
  // A cookie jar that keeps what it is given, like a browser that allows cookies.
  const jar = memoryStore();
  const env: Environment = {
    store: { read: jar.read, write: jar.write, remove: jar.remove, memory: false },
    now: () => now,
    random: (n) => Uint8Array.from({ length: n }, () => (seed = (seed * 31 + 7) % 256)),
    gpc: false,
    // Deduplicated like the page's reporter: one message per problem.
    report: reporter((m) => void messages.push(m)),
    announce: (s) => void announced.push(s),
    ...overrides,
  };
  return {
    env,
    messages,
    announced,
    advance: (ms: number) => void (now += ms),
  };
}

/** A consent object on a config, as init() would build it. */
export function start(config: SamtykkeConfig = {}, overrides: Partial<Environment> = {}) {
  const t = testEnvironment(overrides);
  const { config: settings, problems } = normalise(config);
  if (problems.length) throw new Error('test config has problems: ' + JSON.stringify(problems));
  const consent = createConsent(settings, t.env, config);
  return { ...t, consent, settings, store: t.env.store as RecordStore };
}

/** For the framework bindings' tests: an opt-in consent object put where
 * init() puts it, so that current() finds it. */
export function boundPage(): Consent {
  const { consent } = start({ regime: 'opt-in', categories: { analytics: {}, marketing: { services: { videohost: {} } } } });
  Object.defineProperty(window, Symbol.for('samtykke'), { value: consent, configurable: true });
  return consent;
}
