// Renders a locale string as text and links (see format.ts): never as HTML.
import { h, Fragment } from 'preact';
import { format } from './format.js';

export function Text({ value, params }: { value: string; params?: Record<string, string | undefined> }) {
  return (
    <Fragment>
      {format(value, params).map((piece) => (typeof piece == 'string' ? piece : <a href={piece.href}>{piece.text}</a>))}
    </Fragment>
  );
}
