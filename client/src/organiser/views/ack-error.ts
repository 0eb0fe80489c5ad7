import type { OrganiserAck } from '../../../../shared/events';
import { h } from '../../shared/dom';
import { say } from '../../shared/live-region';
import type { Model } from '../model';

/** Returns a check that is true on the first model after the connection came back ("Live" again). */
export function backOnline(): (m: Model) => boolean {
  let was: Model['connection'] | null = null;
  return (m) => {
    const back = m.connection === 'online' && was !== null && was !== 'online';
    was = m.connection;
    return back;
  };
}

/** Whether a control failed for want of the server (not connected, or no answer in time). */
export function unreachable(ack: OrganiserAck): boolean {
  return !ack.ok && ack.error.code === 'UNAVAILABLE';
}

/** The inline error under a control; see {@link ackError}. */
export interface AckError {
  /** A `role="alert"` line, out of sight while empty. */
  el: HTMLElement;
  /** Shows why `ack` failed, or clears the line when it worked. */
  show(ack: OrganiserAck): void;
  /** Call with every model: clears a connection error once the connection is back. */
  update(m: Model): void;
}

/**
 * The error line under a control. "Not connected to Mingle right now" is only true until the
 * dashboard reconnects; left up after that, it contradicts the header's "Live" until the next
 * click. So an error of that kind clears itself when the connection comes back; any other
 * error stays until the next try.
 */
export function ackError(): AckError {
  const el = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const back = backOnline();
  let aboutConnection = false;
  return {
    el,
    show(ack) {
      say(el, ack.ok ? '' : ack.error.message);
      aboutConnection = unreachable(ack);
    },
    update(m) {
      if (back(m) && aboutConnection) {
        say(el, '');
        aboutConnection = false;
      }
    },
  };
}
