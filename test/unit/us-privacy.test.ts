// The legacy IAB US Privacy signal (signals/us-privacy.ts): the "uspv1"
// string, `__uspapi('getUSPData', 1, cb)` and the first-party `usprivacy`
// cookie that ad servers (Google Ad Manager among them) still read, plus the
// `__uspapiCall` postMessage bridge for ad tech in iframes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startUsPrivacy, uspString } from '../../src/signals/us-privacy';
import { start } from './helpers';

type Page = Window & Record<string, any>;

/** A page of its own per test, so each `message` listener is the test's own. */
const isolatedPage = () => Object.assign(new EventTarget(), { frames: {} }) as unknown as Page;

const cookie = () => document.cookie.match(/(?:^|; )usprivacy=([^;]*)/)?.[1];

/** A visitor and a started `__uspapi`, in California unless told otherwise. */
function setUp(config = {}, env = {}, applies = true) {
  const page = isolatedPage();
  const { consent, settings } = start({ regime: 'opt-out', region: 'US-CA', ...config }, env);
  const write = startUsPrivacy(page, settings, applies, consent.getConsent);
  return { page, consent, write };
}

function usp(page: Page, command: unknown, version: unknown = 1) {
  const calls: [any, boolean][] = [];
  const returned = page.__uspapi(command, version, (data: unknown, success: boolean) => void calls.push([data, success]));
  return { calls, returned };
}

afterEach(() => {
  document.cookie = 'usprivacy=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

describe('the US Privacy string', () => {
  it('says notice given, and whether the visitor opted out of sale, where the CCPA applies', () => {
    expect(uspString(true, false, false)).toBe('1YNN');
    expect(uspString(true, true, false)).toBe('1YYN');
    expect(uspString(true, true, true)).toBe('1YYY');
    expect(uspString(true, false, true)).toBe('1YNY');
  });

  it('is "1---" where the CCPA does not apply, whatever the state', () => {
    // "-" is allowed only when the CCPA does not apply, and then everywhere.
    for (const optedOut of [false, true]) for (const lspa of [false, true]) expect(uspString(false, optedOut, lspa)).toBe('1---');
  });
});

describe('__uspapi', () => {
  it('answers getUSPData at once, exactly once, with version 1 and the string', () => {
    const { page } = setUp();
    const { calls, returned } = usp(page, 'getUSPData');
    // The spec: the callback is called immediately and synchronously.
    expect(calls).toEqual([[{ version: 1, uspString: '1YNN' }, true]]);
    expect(returned).toBeUndefined();
  });

  it('answers from the current state, so an opt-out shows at once', () => {
    const { page, consent } = setUp();
    consent.optOut();
    expect(usp(page, 'getUSPData').calls).toEqual([[{ version: 1, uspString: '1YYN' }, true]]);
  });

  it('reads a GPC signal as an opt-out of sale', () => {
    const { page } = setUp({}, { gpc: true });
    expect(usp(page, 'getUSPData').calls[0][0].uspString).toBe('1YYN');
  });

  it('says LSPA "Y" for a site that signed the IAB agreement', () => {
    const { page } = setUp({ mspa: true });
    expect(usp(page, 'getUSPData').calls[0][0].uspString).toBe('1YNY');
  });

  it('answers "1---" where no US law applies', () => {
    const { page } = setUp({ regime: 'opt-in', region: 'DK' }, {}, false);
    expect(usp(page, 'getUSPData').calls).toEqual([[{ version: 1, uspString: '1---' }, true]]);
  });

  it('fails an unknown command with (null, false)', () => {
    const { page } = setUp();
    expect(usp(page, 'getUSPDate').calls).toEqual([[null, false]]);
    expect(usp(page, 42).calls).toEqual([[null, false]]);
  });

  it('does not throw without a callback', () => {
    const { page } = setUp();
    expect(() => page.__uspapi('getUSPData', 1)).not.toThrow();
    expect(() => page.__uspapi('getUSPData', 1, 'not a function')).not.toThrow();
    expect(() => page.__uspapi()).not.toThrow();
  });

  it('leaves an __uspapi function already on the page alone', () => {
    const page = isolatedPage();
    const theirs = vi.fn();
    page.__uspapi = theirs;
    const { consent, settings } = start({ regime: 'opt-out', region: 'US-CA' });
    startUsPrivacy(page, settings, true, consent.getConsent);
    expect(page.__uspapi).toBe(theirs);
  });

  it('adds one hidden __uspapiLocator iframe, so frames can find the API', () => {
    const page = window as unknown as Page;
    delete page.__uspapi;
    const { consent, settings } = start({ regime: 'opt-out', region: 'US-CA' });
    startUsPrivacy(page, settings, true, consent.getConsent);
    startUsPrivacy(page, settings, true, consent.getConsent);
    const frames = document.querySelectorAll('iframe[name="__uspapiLocator"]');
    expect(frames).toHaveLength(1);
    expect((frames[0] as HTMLIFrameElement).hidden).toBe(true);
    delete page.__uspapi;
  });
});

describe('__uspapi over postMessage', () => {
  const send = (page: Page, data: unknown) => {
    const source = { postMessage: vi.fn() };
    page.dispatchEvent(new MessageEvent('message', { data, source: source as unknown as MessageEventSource, origin: 'https://ads.example' }));
    return source.postMessage;
  };

  it('answers a call object to its sender with __uspapiReturn and the callId', () => {
    const { page } = setUp();
    const other = { postMessage: vi.fn() };
    const reply = send(page, { __uspapiCall: { command: 'getUSPData', version: 1, callId: 'u1' } });
    expect(reply.mock.calls).toEqual([[{ __uspapiReturn: { returnValue: { version: 1, uspString: '1YNN' }, success: true, callId: 'u1' } }, 'https://ads.example']]);
    expect(other.postMessage).not.toHaveBeenCalled();
  });

  it('answers JSON text with JSON text', () => {
    const { page } = setUp();
    const reply = send(page, JSON.stringify({ __uspapiCall: { command: 'getUSPData', version: 1, callId: 3 } }));
    expect(reply).toHaveBeenCalledTimes(1);
    const [message] = reply.mock.calls[0];
    expect(typeof message).toBe('string');
    expect(JSON.parse(message)).toEqual({ __uspapiReturn: { returnValue: { version: 1, uspString: '1YNN' }, success: true, callId: 3 } });
  });

  it('ignores malformed calls without answering or throwing', () => {
    const { page } = setUp();
    for (const data of [
      { __uspapiCall: { version: 1, callId: 'x' } },
      { __uspapiCall: { command: 1, version: 1, callId: 'x' } },
      { __uspapiCall: { command: 'getUSPData', version: 1, callId: { id: 1 } } },
      { __uspapiCall: null },
      'not json',
      '{"__uspapiCall":',
      { __gppCall: { command: 'ping', callId: 1 } },
    ]) {
      let reply!: ReturnType<typeof vi.fn>;
      expect(() => (reply = send(page, data)), JSON.stringify(data)).not.toThrow();
      expect(reply, JSON.stringify(data)).not.toHaveBeenCalled();
    }
  });
});

describe('the usprivacy cookie', () => {
  it('is written where a US law applies', () => {
    setUp();
    expect(cookie()).toBe('1YNN');
  });

  it('is not written where no US law applies', () => {
    const { write } = setUp({ regime: 'opt-in', region: 'DK' }, {}, false);
    write();
    expect(cookie()).toBeUndefined();
  });

  it('follows the visitor\'s opt-out once the returned write runs', () => {
    // The SDK runs it on every consent change (signals/us-signals.ts).
    const { consent, write } = setUp();
    consent.optOut();
    write();
    expect(cookie()).toBe('1YYN');
    consent.optIn();
    write();
    expect(cookie()).toBe('1YNN');
  });

  it('says the opt-out from the start when GPC is on', () => {
    setUp({}, { gpc: true });
    expect(cookie()).toBe('1YYN');
  });
});
