// Runs only once the visitor allows the "valuta" preference (it is gated in
// the page with data-samtykke-service="valuta").
window.kvittoRememberCurrency = (currency) => {
  document.cookie = `kvitto_valuta=${currency}; max-age=${60 * 60 * 24 * 365}; path=/; SameSite=Lax`;
};
const current = document.documentElement.dataset.currency;
if (current) window.kvittoRememberCurrency(current);
document.querySelector('[data-currency-note]').textContent = 'Dit valutavalg huskes.';
