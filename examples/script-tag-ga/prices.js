// Shows prices in the chosen currency. Always allowed: it only changes the
// page. Remembering the choice is currency.js's job, and that one waits for
// consent.
const RATE = { DKK: 1, EUR: 0.134 };
function show(currency) {
  for (const price of document.querySelectorAll('[data-price]')) {
    const kroner = Number(price.dataset.price);
    price.textContent = currency == 'EUR' ? `€${(kroner * RATE.EUR).toFixed(2)}` : `${kroner} kr.`;
  }
  document.documentElement.dataset.currency = currency;
}
document.addEventListener('click', (event) => {
  const currency = event.target.closest('[data-currency]')?.dataset.currency;
  if (!currency) return;
  show(currency);
  window.kvittoRememberCurrency?.(currency);
});
const stored = /(?:^|; )kvitto_valuta=(\w+)/.exec(document.cookie);
if (stored) show(stored[1]);
