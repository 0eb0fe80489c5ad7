import { io, type Socket } from 'socket.io-client';
import type { OrganiserAck, OrganiserClientToServerEvents, OrganiserServerToClientEvents } from '../../../shared/events';

export type OrganiserSocket = Socket<OrganiserServerToClientEvents, OrganiserClientToServerEvents>;

/** How long a control waits for its ack before the dashboard says the connection is poor. */
const ACK_TIMEOUT_MS = 10_000;

/**
 * Opens the `/organiser` namespace for one event. socket.io-client reconnects by itself, and
 * the server pushes fresh `stats` on every connect, so nothing needs replaying.
 */
export function openSocket(token: string, eventId: string): OrganiserSocket {
  return io('/organiser', {
    auth: { token, eventId },
    // WebSocket only, as on the phones: no sticky sessions needed behind a load balancer.
    transports: ['websocket'],
    reconnectionDelayMax: 5_000,
  });
}

type Payload<E extends keyof OrganiserClientToServerEvents> = Parameters<OrganiserClientToServerEvents[E]>[0];

/** Emits a control and resolves with its ack, or with an UNAVAILABLE error if none came in time. */
export async function send<E extends keyof OrganiserClientToServerEvents>(
  socket: OrganiserSocket,
  event: E,
  payload: Payload<E>,
): Promise<OrganiserAck> {
  // socket.io's types cannot follow a generic event name through emitWithAck; send()'s own
  // signature already ties the payload to the event.
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<OrganiserAck>;
  };
  try {
    return await timed.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'The connection is slow. Please try again in a moment.' } };
  }
}
