import type { Manager } from 'socket.io-client';

/** What {@link followNetwork} needs of a socket, of either namespace. */
interface NetworkSocket {
  readonly connected: boolean;
  readonly io: Manager;
  disconnect(): { connect(): unknown };
}

/**
 * Follows the device's own view of the network. socket.io-client's reconnection knows nothing of
 * it: once the network is back it waits for its next backoff step (up to ~7 s), and its
 * engine drops the link on `offline` only off "localhost" (elsewhere a dead link shows only at
 * the next missed heartbeat, ~45 s later).
 *
 * - `offline`: drop the connection now, so the page says so at once and socket.io starts trying.
 * - `online`: if not connected, try again now.
 *
 * Returns a function that stops following (call it when the socket is closed for good).
 */
export function followNetwork(socket: NetworkSocket): () => void {
  const offline = () => {
    if (socket.connected) socket.io.engine?.close();
  };
  const online = () => {
    // disconnect() first: it clears a reconnection waiting on its backoff, so connect() is now.
    if (!socket.connected) socket.disconnect().connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}
