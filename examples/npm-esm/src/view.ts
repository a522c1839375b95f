// The app's two bits of DOM: what is allowed, and a log of what happened.
// Text only (textContent), never HTML.
import type { ConsentSnapshot } from 'samtykke';

export function renderStatus(snapshot: ConsentSnapshot) {
  const list = document.querySelector('[data-status]')!;
  list.textContent = '';
  for (const [name, allowed] of Object.entries(snapshot.categories)) {
    const item = document.createElement('li');
    item.textContent = `${name}: ${allowed ? 'allowed' : 'not allowed'}`;
    list.append(item);
  }
}

export function renderLog(message: string) {
  const item = document.createElement('li');
  item.textContent = message;
  document.querySelector('[data-log]')!.append(item);
}
