// The small button that stays on screen and reopens the preferences (EDPB
// taskforce: withdrawal through "a small hovering, permanently visible
// icon"). Opt-in with `floatingButton: true`. A returning visitor gets it
// from the button chunk (button.ts) instead, without preact.
import { h } from 'preact';
import { SHIELD } from './shield.js';

export function FloatingButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="floating" aria-label={label} title={label} onClick={onClick}>
      <svg {...(SHIELD.svg as Record<string, string>)}>
        {SHIELD.paths.map((d) => (
          <path d={d} />
        ))}
      </svg>
    </button>
  );
}
