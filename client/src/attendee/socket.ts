import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';

export type AttendeeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long an action waits for its ack before the phone says the connection is poor. */
const ACK_TIMEOUT_MS = 10_000;

/**
 * Opens the `/attendee` namespace. socket.io-client reconnects on its own; the server sends a
 * fresh `state` on every connect, so nothing needs replaying (but a "we found each other"
 * tapped offline, which the session sends once that `state` says it still fits).
 */
export function openSocket(token: string): AttendeeSocket {
  return io('/attendee', {
    auth: { token },
    // WebSocket only: behind a load balancer each connection then stays on one instance
    // without sticky sessions (see deploy/nginx.conf).
    transports: ['websocket'],
    reconnectionDelayMax: 5_000,
  });
}

/** What an action sends with `event`, as the wire contract types it. */
export type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

/** Emits an action and resolves with its ack; rejects if no ack came in time. */
export function send<E extends keyof ClientToServerEvents>(
  socket: AttendeeSocket,
  event: E,
  payload: Payload<E>,
): Promise<Ack> {
  // socket.io's types cannot follow a generic event name through emitWithAck; the signature of
  // send() already ties the payload to the event.
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack>;
  };
  return timed.emitWithAck(event, payload);
}
