// DELIBERATE FAULT 7 (see EXPECTED.md): the ad network's tag is loaded once
// samtykke allows `analytics`, the wrong category: ads are `marketing`, the
// category marked as a sale. With Accept all the two agree, so the mistake
// hides; but a browser sending Global Privacy Control that clicks Accept all
// gets analytics while samtykke keeps the sale opt-out (marketing stays
// off), and the ad tag still runs and sets adnet_uid. A scanner should
// report adnet_uid as gpc-not-honoured (marketing, sale) in the `gpc` state,
// set by https://ads.adnet.example/ads.js. In `accept` it is no fault.
// (Right: Samtykke.whenAllowed('marketing', …), or Samtykke.loadScript(url, 'adnet').)
window.Samtykke?.whenAllowed('analytics', () => {
  const script = document.createElement('script');
  script.src = 'https://ads.adnet.example/ads.js';
  document.body.append(script);
});
