// One realistic article page, the same for every SDK: a header, ~900 words,
// a footer with a privacy link. Only the SDK's markup differs. The links
// variant also puts the SDK's own footer links there (sdk.links: for
// samtykke "Do not sell my data" and "Cookie settings", each with its own
// text; for a peer its own way to reopen the settings).
const PARAGRAPH = 'Long-distance hiking asks little of your gear and a lot of your planning. The trail does not care how light your pack is if the water source you counted on has dried up, or if the ridge you meant to cross by noon is still two hours away at four. Good trips start at the kitchen table, with a map, a calendar and an honest look at how far you walk in a day when the path climbs.';

export function articlePage(sdk, { links = false } = {}) {
  const paragraphs = Array.from({ length: 12 }, (_, i) => `<p>${i % 3 == 0 ? '<strong>Plan the water.</strong> ' : ''}${PARAGRAPH}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Planning a long-distance hike · Trail Notes</title>
<style>
body { font: 18px/1.6 Georgia, serif; margin: 0; color: #222; background: #fff; }
header, main, footer { max-width: 40rem; margin: 0 auto; padding: 1rem; }
header { border-bottom: 1px solid #ddd; font: 600 1rem system-ui, sans-serif; }
h1 { font: 700 2.2rem/1.2 system-ui, sans-serif; }
footer { border-top: 1px solid #ddd; font: 0.9rem system-ui, sans-serif; }
</style>
${sdk.head}
</head>
<body>
<header>Trail Notes</header>
<main>
<article>
<h1>Planning a long-distance hike</h1>
<p><em>By the editors · 9 minute read</em></p>
${paragraphs}
</article>
</main>
<footer><a href="/privacy">Privacy policy</a>${links && sdk.links ? `\n${sdk.links}` : ''}</footer>
${sdk.gated}
</body>
</html>`;
}
