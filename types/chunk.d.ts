// A chunk that samtykke.min.js fetches by itself when it needs it (the
// banner, the dialogs, the floating button, the US signals): it defines
// nothing a page or an app uses, so it has no types beyond this.
export {};
