// Registers the bakery's service worker (sw.js), which does nothing for the
// page itself: it exists for DELIBERATE FAULT 5 (see sw.js and EXPECTED.md),
// a beacon sent from the worker, where a scanner that only watches the page
// does not look. A browser without service workers, or one that refuses
// this one, just goes without: nothing is printed.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/scan-faults/sw.js', { scope: '/scan-faults/' }).catch(() => {});
}
