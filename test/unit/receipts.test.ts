import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { receiptOf, retryReceipt, sendReceipt } from '../../src/receipts';
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

  it('sends with sendBeacon when it accepts the receipt', () => {
    beacon.mockReturnValue(true);
    sendReceipt('/log', '{"v":1}');
    expect(beacon).toHaveBeenCalledWith('/log', expect.any(Blob));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('falls back to fetch with keepalive when sendBeacon refuses', async () => {
    beacon.mockReturnValue(false);
    fetchMock.mockResolvedValue({ ok: true });
    sendReceipt('/log', '{"v":1}');
    expect(fetchMock).toHaveBeenCalledWith('/log', expect.objectContaining({ method: 'POST', body: '{"v":1}', keepalive: true }));
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
    expect(beacon).toHaveBeenLastCalledWith('/log', expect.any(Blob));
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
});
