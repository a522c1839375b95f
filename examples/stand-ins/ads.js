// Stand-in for an ad network's tag: fills each [data-ad-slot] with a house ad
// and sets a third-party-style tracking cookie, as ad tags do.
(function () {
  (window.__ran = window.__ran || []).push('ads.js');
  document.cookie = 'adnet_uid=' + Math.floor(Math.random() * 1e9) + '; max-age=' + 60 * 60 * 24 * 90 + '; path=/';
  var slots = document.querySelectorAll('[data-ad-slot]');
  for (var i = 0; i < slots.length; i++) {
    slots[i].textContent = 'Ad: ' + slots[i].getAttribute('data-ad-slot') + ' (served by adnet)';
    slots[i].setAttribute('data-ad-filled', '');
  }
})();
