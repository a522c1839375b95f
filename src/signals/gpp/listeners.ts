// What the stub and the full GPP API answer alike: `ping`, and adding and
// removing event listeners (each call a new id, answered at once).

export type Callback = (data: unknown, success: boolean) => void;
export interface Listener {
  id: number;
  callback: Callback;
  parameter?: unknown;
}

/** Answers `command` if it is one of the three; says whether it did. */
export function answerGeneric(
  command: string,
  callback: Callback,
  parameter: unknown,
  listeners: Listener[],
  nextId: () => number,
  ping: () => object,
): boolean {
  const event = (eventName: string, listenerId: unknown, data: unknown) =>
    callback({ eventName, listenerId, data, pingData: ping() }, true);
  if (command == 'ping') callback(ping(), true);
  else if (command == 'addEventListener') {
    const id = nextId();
    listeners.push({ id, callback, parameter });
    event('listenerRegistered', id, true);
  } else if (command == 'removeEventListener') {
    const at = listeners.findIndex((listener) => listener.id === parameter);
    if (at >= 0) listeners.splice(at, 1);
    event('listenerRemoved', parameter, at >= 0);
  } else return false;
  return true;
}
