// Stand-in for the chat's quality-review tool (it records how visitors use
// the chat, so it needs the same consent as the chat).
(function () {
  (window.__ran = window.__ran || []).push('review.js');
  document.cookie = 'supportly_review=1; max-age=' + 60 * 60 * 24 * 30 + '; path=/';
})();
