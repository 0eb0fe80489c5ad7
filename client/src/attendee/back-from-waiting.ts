import { closeOnBack } from '../shared/back-closes';

/**
 * The phone's Back on the waiting screen goes back to the event's own screen, as the screen's
 * Cancel does, rather than leave the page. Someone who typed the event code on the home page has
 * that page behind this one, and Back took them out of the event they were waiting in (someone
 * who scanned the QR code left for whatever was before, often nothing).
 *
 * While waiting, the page holds a history entry, as an open sheet does (see back-closes.ts): Back
 * pops it and cancels. Once the wait is over any other way (a match, Cancel, the event's end),
 * the entry is taken back, so the next Back is not spent on it. Not held while an action is in
 * flight: after Back's own cancel, a new entry would only be taken back again; if that cancel
 * is refused (offline, say), the next screen drawn holds one again.
 *
 * Returns what the renderer calls with each model: whether the waiting screen is up, and whether
 * an action is in flight.
 */
export function backFromWaiting(cancel: () => void): (waiting: boolean, busy: boolean) => void {
  let release: (() => void) | null = null;
  return (waiting, busy) => {
    if (waiting && !busy && !release) {
      release = closeOnBack(() => {
        release = null;
        cancel();
      });
    } else if (!waiting && release) {
      release();
      release = null;
    }
  };
}
