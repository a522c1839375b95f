// Stand-in for Google's gtag.js, served when www.googletagmanager.com cannot
// be reached (offline demo) and in the browser tests. Like the real one it
// reads the dataLayer's consent state, and writes _ga and _ga_<id> only while
// analytics_storage is granted.
(function () {
  var layer = (window.dataLayer = window.dataLayer || []);
  (window.__ran = window.__ran || []).push('gtag.js');
  var id = (document.currentScript && /[?&]id=([^&]+)/.exec(document.currentScript.src)) || [];
  function granted() {
    var state = 'denied';
    for (var i = 0; i < layer.length; i++) {
      var entry = layer[i];
      if (entry && entry[0] == 'consent' && entry[2] && entry[2].analytics_storage) state = entry[2].analytics_storage;
    }
    return state == 'granted';
  }
  function write() {
    if (!granted()) return;
    var days = 'max-age=' + 60 * 60 * 24 * 400 + '; path=/';
    document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '; ' + days;
    if (id[1]) document.cookie = '_ga_' + decodeURIComponent(id[1]).replace(/^G-/, '') + '=GS1.1.' + Math.floor(Date.now() / 1000) + '; ' + days;
  }
  write();
  var push = layer.push;
  layer.push = function () {
    var result = push.apply(layer, arguments);
    write();
    return result;
  };
})();
