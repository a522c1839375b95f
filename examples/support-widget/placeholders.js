// Contextual consent: a placeholder stands where a gated embed will be. Its
// button allows that one service (not the whole category); samtykke then
// switches on the embed's data-src by itself. If the visitor withdraws, the
// embed is emptied (so nothing keeps playing) and the placeholder comes back.
const loaded = new Map();
function update() {
  for (const placeholder of document.querySelectorAll('[data-placeholder]')) {
    const service = placeholder.dataset.placeholder;
    const allowed = Samtykke.allowed(service);
    const embed = document.querySelector(`iframe[data-samtykke-service="${service}"]`);
    placeholder.hidden = allowed;
    if (!embed) continue;
    embed.hidden = !allowed;
    if (!allowed && embed.src && embed.src != 'about:blank') {
      loaded.set(embed, embed.src);
      embed.src = 'about:blank';
    } else if (allowed && loaded.has(embed)) {
      embed.src = loaded.get(embed);
      loaded.delete(embed);
    }
  }
  const chatNote = document.querySelector('[data-chat-note]');
  if (chatNote) chatNote.hidden = Samtykke.allowed('supportly-chat');
}
document.addEventListener('click', (event) => {
  const service = event.target.closest('[data-allow]')?.dataset.allow;
  if (service) Samtykke.set({ [service]: true });
});
Samtykke.on('change', update);
update();
