export type Listener<T> = (payload: T) => void;

/** A tiny event hub. A listener that throws is reported and skipped, so one
 * broken page script cannot stop the others hearing about consent. */
export function emitter<T>(onError: (error: unknown, event: string) => void) {
  const listeners: Record<string, Listener<T>[]> = {};
  return {
    on(event: string, listener: Listener<T>): () => void {
      (listeners[event] ||= []).push(listener);
      return () => {
        listeners[event] = listeners[event].filter((l) => l !== listener);
      };
    },
    emit(event: string, payload: T) {
      for (const listener of listeners[event] || []) {
        try {
          listener(payload);
        } catch (error) {
          onError(error, event);
        }
      }
    },
  };
}
