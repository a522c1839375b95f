// DELIBERATE FAULT 5 (see EXPECTED.md): the service worker sends a Google
// Analytics hit as soon as it is active, ungated: a worker cannot ask
// samtykke, and no one asked it to wait. It has no fetch handler, so the
// page's own requests go to the network as usual. A scanner should report a
// request to www.google-analytics.com (analytics, known to third-party-web)
// as nonessential-before-consent in `before`, sent by a service worker.
self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  const ping = fetch('https://www.google-analytics.com/g/collect?v=2&tid=G-FJORD1&en=sw_ping', {
    method: 'POST',
    mode: 'no-cors',
    keepalive: true,
  }).catch(() => {
    // Offline, or blocked: a beacon does not retry.
  });
  event.waitUntil(Promise.all([self.clients.claim(), ping]));
});
