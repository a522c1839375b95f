// The examples' inspector: shows live what samtykke stored and allowed.
// It lives outside the consent UI and only reads public state.
(function () {
  const panel = document.createElement('aside');
  panel.className = 'inspector';
  panel.setAttribute('aria-label', 'samtykke inspector');
  const title = document.createElement('h2');
  title.textContent = 'Inspector';
  const list = document.createElement('dl');
  panel.append(title, list);

  function row(name, value) {
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = name;
    dd.textContent = value;
    list.append(dt, dd);
  }

  function render() {
    list.textContent = '';
    const samtykke = window.Samtykke;
    const state = samtykke && samtykke.getConsent ? samtykke.getConsent() : null;
    row('allowed', state ? Object.keys(state.categories).filter((c) => state.categories[c]).join(', ') : '(not started)');
    row('regime', state ? state.regime : '-');
    row('decided / persisted', state ? `${state.decided} / ${state.persisted}` : '-');
    row('sale/sharing opt-out', state ? String(state.optedOut) : '-');
    row('Global Privacy Control', String(navigator.globalPrivacyControl === true));
    row('consent id', state && state.id ? state.id : '-');
    row('cookies', document.cookie ? document.cookie.split('; ').join('\n') : '(none)');
    row('snapshot', JSON.stringify(state, null, 2));
  }

  addEventListener('samtykke:change', render);
  document.addEventListener('click', () => setTimeout(render));
  addEventListener('DOMContentLoaded', () => {
    document.body.append(panel);
    render();
  });
})();
