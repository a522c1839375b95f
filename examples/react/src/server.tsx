// The server entry, called by the examples server (scripts/server.mjs) for
// the page's `{{app}}`. No init() here: there is no document, and the
// hooks render "nothing allowed" by themselves.
import { renderToString } from 'react-dom/server';
import { App } from './App';

export function render(): string {
  return renderToString(<App />);
}
