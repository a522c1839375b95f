// Remembers the language the visitor reads the site in. Correctly gated (NOT
// a fault): the pages load it as <script type="text/plain"
// data-samtykke="preferences" data-samtykke-service="language">, so it runs
// only once the `language` service is allowed. A scanner should see fj_lang
// only in `accept` and `gpc`, and report nothing for it.
document.cookie = `fj_lang=${document.documentElement.lang || 'en'}; max-age=${60 * 60 * 24 * 365}; path=/; SameSite=Lax`;
