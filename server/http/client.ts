import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `vite build` puts the pages (see client/vite.config.ts). */
export const CLIENT_DIST = path.resolve(__dirname, '../../client/dist');

/** Serves the built attendee page, home page and their assets. */
export async function clientRoutes(app: FastifyInstance, o: { dist?: string } = {}) {
  const root = o.dist ?? CLIENT_DIST;
  if (!existsSync(root)) {
    app.log.warn({ root }, 'client build missing: run `npm run build` to serve the pages');
    const missing = async (_req: unknown, reply: FastifyReply) =>
      reply.status(503).type('text/plain').send('The Mingle client is not built yet. Run `npm run build`.');
    app.get('/', missing);
    app.get('/e/:code', missing);
    app.get('/organiser/:eventId', missing);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: false,
    maxAge: '1h',
    // Vite names assets by content hash, so a cached copy can never be stale.
    setHeaders: (res, file) => {
      if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const page = (file: string) => async (_req: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile(file);
  app.get('/', page('index.html'));
  app.get('/e/:code', page('attendee.html'));
  app.get('/organiser/:eventId', page('organiser.html'));
}
