// Stand-in for a support chat widget: adds a "Chat with support" button and
// remembers the chat session in a cookie, as such widgets do.
(function () {
  (window.__ran = window.__ran || []).push('chat.js');
  document.cookie = 'supportly_session=' + Math.floor(Math.random() * 1e9) + '; max-age=' + 60 * 60 * 24 * 30 + '; path=/';
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'chat-launcher';
  button.textContent = document.documentElement.lang == 'nb' ? 'Chat med kundeservice' : 'Chat with support';
  button.addEventListener('click', function () {
    button.textContent = document.documentElement.lang == 'nb' ? 'Kundeservice svarer snart…' : 'Support will answer soon…';
  });
  (document.querySelector('[data-chat-mount]') || document.body).append(button);
})();
