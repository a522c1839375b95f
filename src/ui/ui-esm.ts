// The UI as the ESM build's init() imports it: the dialogs are a dynamic
// import of their own, which a bundler splits off.
import { uiWith } from './ui.js';

export const { show, setLocale } = uiWith(
  () => import('./dialogs.js'),
  () => import('./centre.js'),
);
