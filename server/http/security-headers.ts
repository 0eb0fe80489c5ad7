import type { FastifyInstance } from 'fastify';

/**
 * What the pages may load: only Mingle's own scripts, styles, images and connections (the
 * Socket.IO WebSocket included: `'self'` covers `ws:`/`wss:` to the same host in current
 * browsers). Inline styles are allowed for the beacon colours the scripts set; the favicon is a
 * `data:` image. No page may be framed, and none has a `<base>` or a plugin to abuse.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Sets the security headers on every answer: the pages, their assets, the API and its errors.
 * On an API answer the policy costs nothing and keeps, say, a QR code's SVG from running script.
 *
 * Call it once Socket.IO is attached to `app.server`: Socket.IO answers its own HTTP requests
 * (`/socket.io/`: its errors, such as the refusal of long-polling, which would carry other
 * people's names as `text/plain` were it allowed) without Fastify, so the headers are also set on
 * the raw response before either sees it.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.server.prependListener('request', (_req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  });
  // For requests that never pass through the server (`app.inject`).
  app.addHook('onRequest', async (_request, reply) => {
    void reply.headers(SECURITY_HEADERS);
  });
}
