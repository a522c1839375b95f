import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { receiptOf, retryReceipt, sendReceipt, TEXTS } from '../../src/receipts';
import { startEffects } from '../../src/effects';
import { start } from './helpers';

describe('consent receipts', () => {
  const beacon = vi.fn();
  const fetchMock = vi.fn();
  beforeEach(() => {
    localStorage.clear();
    beacon.mockReset();
    fetchMock.mockReset();
    Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('records the choice, the regime, GPC and the revision, and nothing personal', () => {
    const { consent } = start({ revision: 7 });
    consent.set({ analytics: true });
    const receipt = receiptOf(consent.getConsent(), 'https://shop.example/cart', 'da', null);
    expect(receipt).toEqual({
      v: 1,
      id: consent.getConsent().id,
      time: '2026-01-15T12:00:00.000Z',
      revision: 7,
      regime: 'opt-in',
      categories: { necessary: true, preferences: false, analytics: true, marketing: false },
      services: {},
      optedOut: false,
      gpc: false,
      limited: false,
      locale: 'da',
      texts: null,
      page: 'https://shop.example/cart',
    });
  });

  it('sends with sendBeacon when it accepts the receipt, the JSON as a string (text/plain, no CORS preflight)', () => {
    beacon.mockReturnValue(true);
    sendReceipt('/log', '{"v":1}');
    // A string, not a Blob of application/json: sendBeacon sends it as
    // text/plain;charset=UTF-8, which another origin takes without a preflight.
    expect(beacon).toHaveBeenCalledWith('/log', '{"v":1}');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('falls back to fetch with keepalive when sendBeacon refuses', async () => {
    beacon.mockReturnValue(false);
    fetchMock.mockResolvedValue({ ok: true });
    sendReceipt('/log', '{"v":1}');
    expect(fetchMock).toHaveBeenCalledWith('/log', expect.objectContaining({ method: 'POST', body: '{"v":1}', keepalive: true }));
    // No content type of its own: fetch sends a string as text/plain;charset=UTF-8.
    expect(fetchMock.mock.calls[0][1].headers).toBeUndefined();
    await Promise.resolve();
    expect(localStorage.getItem('samtykke-receipt')).toBeNull();
  });

  it('keeps a failed receipt and retries it once on the next page view', async () => {
    beacon.mockReturnValue(false);
    fetchMock.mockRejectedValue(new TypeError('offline'));
    sendReceipt('/log', '{"v":1}');
    await new Promise((r) => setTimeout(r));
    expect(localStorage.getItem('samtykke-receipt')).toBe('{"v":1}');
    beacon.mockReturnValue(true);
    retryReceipt('/log');
    expect(beacon).toHaveBeenLastCalledWith('/log', '{"v":1}');
    expect(localStorage.getItem('samtykke-receipt')).toBeNull();
    beacon.mockClear();
    retryReceipt('/log');
    expect(beacon).not.toHaveBeenCalled();
  });

  it('does not keep a receipt that fails on its retry (once means once)', async () => {
    beacon.mockReturnValue(false);
    fetchMock.mockResolvedValue({ ok: false });
    localStorage.setItem('samtykke-receipt', '{"v":1}');
    retryReceipt('/log');
    await new Promise((r) => setTimeout(r));
    expect(localStorage.getItem('samtykke-receipt')).toBeNull();
  });

  it('never throws into the page, even when sendBeacon does', () => {
    beacon.mockImplementation(() => {
      throw new TypeError('blocked by CSP');
    });
    expect(() => sendReceipt('/log', '{}')).not.toThrow();
    expect(localStorage.getItem('samtykke-receipt')).toBe('{}');
  });

  // The UI marks a choice with the version of its texts only while it makes
  // it (ui.tsx inView); effects.ts reads the mark in the choice's call.
  it('carries the version of the texts the UI marked the choice with, and null for a choice through the API', () => {
    beacon.mockReturnValue(true);
    const { consent, settings } = start({ receipts: { url: '/log' } });
    startEffects(consent, settings, undefined, () => {}, { section: -1, loadUs: () => new Promise(() => {}), input: {}, loadLocale: () => new Promise(() => {}) });
    const page = window as unknown as Record<symbol, string>;
    page[Symbol.for(TEXTS)] = '2kq8n1xz0v7c';
    consent.acceptAll();
    delete page[Symbol.for(TEXTS)];
    consent.rejectAll();
    const [ui, api] = beacon.mock.calls.map(([, body]) => JSON.parse(body));
    expect(ui).toMatchObject({ texts: '2kq8n1xz0v7c', categories: { analytics: true } });
    expect(api).toMatchObject({ texts: null, categories: { analytics: false } });
  });
});
