// The browser entry: start samtykke first, at module scope (it gates the
// tags and shows the banner by itself), then hydrate the server's HTML.
import { createSSRApp } from 'vue';
import { init } from 'samtykke';
import { App } from './App';
import { config } from './config';

const consent = init(config);
createSSRApp(App).mount('#app');

document.addEventListener('click', (event) => {
  if ((event.target as Element).closest('[data-open-preferences]')) consent.showPreferences();
});
