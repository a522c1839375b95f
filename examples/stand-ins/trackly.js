// Stand-in for Trackly's analytics tag (cdn.trackly.example/t.js), a made-up
// vendor. Like many such tags it keeps a first-party visitor id in a cookie
// for a year and reports each page view with a beacon to its collector. It
// checks nothing: whether it waits for consent is up to the page that loads
// it. examples/scan-faults/ loads it ungated, a deliberate fault (fault 1 in
// its EXPECTED.md): a scanner should report _tk_id and the beacon to
// collect.trackly.example as analytics before consent and after Reject all.
(function () {
  (window.__ran = window.__ran || []).push('trackly.js');
  var found = /(?:^|; )_tk_id=([^;]+)/.exec(document.cookie);
  var id = found ? found[1] : 'tk.' + Math.floor(Math.random() * 1e10) + '.' + Math.floor(Date.now() / 1000);
  // Written on every page view, which also renews its year.
  document.cookie = '_tk_id=' + id + '; max-age=' + 60 * 60 * 24 * 365 + '; path=/; SameSite=Lax';
  if (navigator.sendBeacon) {
    navigator.sendBeacon('https://collect.trackly.example/b', JSON.stringify({ id: id, page: location.pathname, ref: document.referrer }));
  }
})();
