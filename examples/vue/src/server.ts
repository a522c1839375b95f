// The server entry, called by the examples server (scripts/server.mjs) for
// the page's `{{app}}`. No init() here: there is no document, and the
// composables give "nothing allowed" by themselves.
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { App } from './App';

export function render(): Promise<string> {
  return renderToString(createSSRApp(App));
}
