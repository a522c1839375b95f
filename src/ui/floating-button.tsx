// The small button that stays on screen and reopens the preferences (EDPB
// taskforce: withdrawal through "a small hovering, permanently visible
// icon"). Opt-in with `floatingButton: true`.
import { h } from 'preact';

export function FloatingButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="floating" aria-label={label} title={label} onClick={onClick}>
      {/* A shield with a tick: privacy settings, not "cookies please". */}
      <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d="M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6z" />
        <path d="M9 12l2 2 4-4" />
      </svg>
    </button>
  );
}
