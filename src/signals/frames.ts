// How ad tech in iframes reaches the page's CMP APIs (IAB US Privacy and
// GPP): a hidden iframe named `<api>Locator` marks the frame that has the
// API, and `<api>Call` messages posted to it are answered with `<api>Return`
// to the sender only, in the form they came in (JSON text or object).

type Api = '__gpp' | '__uspapi';
type Reply = (returnValue: unknown, success: boolean) => void;
type Page = Window & Record<string, any>;

/** Only well-formed calls are run: an object with a string command and a
 * string or number callId. */
function callOf(data: unknown, key: string): { command: string; parameter?: unknown; version?: unknown; callId: unknown } | undefined {
  let message = data;
  if (typeof data == 'string') {
    try {
      message = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const call = message && typeof message == 'object' ? (message as Record<string, any>)[key] : undefined;
  const ok = call && typeof call == 'object' && typeof call.command == 'string' && /^(string|number)$/.test(typeof call.callId);
  return ok ? call : undefined;
}

export function serveFrames(page: Page, api: Api) {
  const locator = api + 'Locator';
  const addLocator = () => {
    if (page.frames[locator as any]) return;
    if (!document.body) return void setTimeout(addLocator, 5);
    const frame = document.createElement('iframe');
    frame.name = locator;
    frame.hidden = true;
    frame.tabIndex = -1;
    document.body.append(frame);
  };
  addLocator();

  page.addEventListener('message', (event: MessageEvent) => {
    const call = callOf(event.data, api + 'Call');
    if (!call || !event.source) return;
    const reply: Reply = (returnValue, success) => {
      const message = { [api + 'Return']: { returnValue, success, callId: call.callId } };
      try {
        // Read again now: Chromium forgets the source once the frame has
        // navigated (an answer or event may come much later). Sent to the
        // caller's origin only, so that another site the frame moved to
        // hears nothing; a sandboxed frame's origin is 'null', which only
        // '*' reaches.
        (event.source as WindowProxy | null)?.postMessage(
          typeof event.data == 'string' ? JSON.stringify(message) : message,
          event.origin == 'null' ? '*' : event.origin,
        );
      } catch {
        // The frame is gone.
      }
    };
    if (api == '__gpp') page.__gpp(call.command, reply, call.parameter, call.version);
    else page.__uspapi(call.command, call.version, reply);
  });
}
