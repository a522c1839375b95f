// What runs in every frame of a scanned page before the page's own scripts:
// it notes each cookie a script writes through document.cookie and each
// storage key written through setItem, with the time and the script's URL
// (read off the stack, where Chromium names the script that called), and
// passes them to the scanner through a binding. It changes nothing the page
// sees: the real setter runs, with the same arguments. Cookies set by
// response headers are read from the network side (recorder.mjs).

/** The binding's name; the page sees it on window. */
export const BINDING = '__samtykkeScan';

/** The script's URL in a stack: the first frame that is not this hook. */
export function scriptInStack(stack) {
  const lines = String(stack || '').split('\n').slice(1);
  for (const line of lines) {
    const match = /\(?((?:https?|file):\/\/[^\s)]+?)(?::\d+){1,2}\)?\s*$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** The hook, as the text of a function run in the page. Plain ES5-era code:
 * it runs in whatever the page is. */
export function hookSource(gpc) {
  return `(${install.toString()})(${JSON.stringify(BINDING)}, ${gpc ? 'true' : 'false'});`;
}

/* c8 ignore start: runs in the browser */
function install(binding, gpc) {
  if (gpc) {
    try {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: function () { return true; }, configurable: true });
    } catch (e) {}
  }
  var send = function (event) {
    try {
      var report = window[binding];
      if (typeof report == 'function') report(event).catch(function () {});
    } catch (e) {}
  };
  try {
    var cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    if (cookie && cookie.set) {
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        enumerable: cookie.enumerable,
        get: function () { return cookie.get.call(this); },
        set: function (value) {
          send({ type: 'cookie', text: String(value).slice(0, 4096), stack: new Error().stack, time: Date.now(), origin: location.origin });
          return cookie.set.call(this, value);
        },
      });
    }
  } catch (e) {}
  try {
    var setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      var area = 'sessionStorage';
      try { if (this === window.localStorage) area = 'localStorage'; } catch (e) {}
      send({ type: 'storage', area: area, key: String(key).slice(0, 512), stack: new Error().stack, time: Date.now(), origin: location.origin });
      return setItem.apply(this, arguments);
    };
  } catch (e) {}
}
/* c8 ignore stop */
