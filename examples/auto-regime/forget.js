// "Forget my choice": samtykke's reset(), then a reload so the page starts
// over as a first visit.
document.querySelector('[data-forget]').addEventListener('click', () => {
  Samtykke.reset();
  location.reload();
});
