// DELIBERATE FAULT 2 (see EXPECTED.md): a cookie written two seconds after
// the page loaded, with no consent asked, so a scanner that reads cookies
// only at `load` misses it. `_fbp` (Meta's pixel cookie, 90 days) is not in
// the config: the Open Cookie Database has to say what it is (Facebook,
// Marketing). A scanner should report it as nonessential-before-consent
// (marketing) in `before` and as `undeclared`, set by this script, on the
// index page.
setTimeout(() => {
  document.cookie = `_fbp=fb.1.${Date.now()}.${Math.floor(Math.random() * 1e10)}; max-age=7776000; path=/`;
}, 2000);
