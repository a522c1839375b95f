// The building blocks every samtykke dialog is made of (the preferences
// now, the US opt-out dialog next): a modal shell, a row of equal buttons,
// and a status line. They know nothing of consent.
import { h, type ComponentChildren } from 'preact';
import { trapTab } from './focus.js';

/** `onIntent`: a pointer over it or focus on it, before any click. */
export function Button({ onClick, children, name, onIntent }: { onClick: () => void; children: ComponentChildren; name?: string; onIntent?: () => void }) {
  return (
    <button type="button" class="button" data-action={name} onClick={onClick} onPointerEnter={onIntent} onFocus={onIntent}>
      {children}
    </button>
  );
}

/** Buttons side by side (stacked on narrow screens), all the same size. */
export function Actions({ children }: { children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}

/** Says something without moving focus (WCAG 4.1.3). It must be on the page
 * before the message is, so it is rendered empty first. */
export function Status({ message, hidden }: { message: string; hidden?: boolean }) {
  return (
    <p role="status" class={hidden ? 'status hidden' : 'status'}>
      {message}
    </p>
  );
}

// Stable functions, so preact calls them once per dialog, not per render.
function open(dialog: HTMLDialogElement | null) {
  if (dialog && !dialog.open) {
    dialog.showModal();
    // The dialog itself takes focus: no button is preselected for the visitor.
    dialog.focus();
  }
}

export interface DialogProps {
  /** Prefix of the ids that label and describe the dialog. */
  id: string;
  title: string;
  /** Closing records nothing: Escape and the close button only close. */
  onClose: () => void;
  /** The accessible name of the close button; no close button without it. */
  closeLabel?: string;
  layout?: string;
  children: ComponentChildren;
}

/** A modal dialog: a native <dialog> opened with showModal(), so the page
 * behind it is inert, with Tab kept inside and Escape closing it. */
export function Dialog({ id, title, onClose, closeLabel, layout = '', children }: DialogProps) {
  return (
    <dialog
      ref={open}
      class={`surface dialog ${layout}`}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(event) => {
        if (event.key == 'Escape') {
          // Handled here, not by the browser, so it always closes, once.
          event.preventDefault();
          onClose();
        } else trapTab(event, event.currentTarget);
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div class="head">
        <h2 id={`${id}-title`}>{title}</h2>
        {closeLabel && (
          <button type="button" class="close" aria-label={closeLabel} onClick={onClose}>
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
              <path d="M4 4l12 12M16 4L4 16" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
          </button>
        )}
      </div>
      {children}
    </dialog>
  );
}
