// loadScript() and whenAllowed() as ESM imports, called before init(): a
// module of the app may ask for its tag before the app starts samtykke. They
// wait for init() and then for consent; they neither throw nor reject.
import { describe, expect, it, vi } from 'vitest';
import { init, loadScript, whenAllowed } from '../../src/index';

describe('before init()', () => {
  it('waits for init(), then for consent', async () => {
    const errors = vi.spyOn(console, 'error');
    const ran = vi.fn();
    const cancelled = vi.fn();
    whenAllowed('analytics', ran);
    whenAllowed('analytics', cancelled)();
    let loaded = 'waiting';
    loadScript('https://tags.example/analytics.js', 'analytics').then(
      () => (loaded = 'loaded'),
      () => (loaded = 'rejected'),
    );
    await Promise.resolve();
    expect(document.querySelector('script[src="https://tags.example/analytics.js"]')).toBeNull();

    const consent = init({ regime: 'opt-in', privacyPolicyUrl: '/privacy' });
    expect(ran).not.toHaveBeenCalled();
    expect(document.querySelector('script[src="https://tags.example/analytics.js"]')).toBeNull();

    consent.set({ analytics: true });
    expect(ran).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
    const script = document.querySelector<HTMLScriptElement>('script[src="https://tags.example/analytics.js"]')!;
    expect(script).not.toBeNull();
    script.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(loaded).toBe('loaded'));
    // After init(), the function is the consent object's method.
    const now = vi.fn();
    whenAllowed('analytics', now);
    expect(now).toHaveBeenCalledTimes(1);
    expect(errors).not.toHaveBeenCalled();
  });
});
