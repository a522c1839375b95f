// Wires the example's buttons to the Samtykke API (no inline handlers).
document.addEventListener('click', (event) => {
  const method = event.target.closest('[data-call]')?.dataset.call;
  if (method) window.Samtykke[method]();
});
