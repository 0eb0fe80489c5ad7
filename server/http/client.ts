import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `vite build` puts the pages (see client/vite.config.mjs). */
export const CLIENT_DIST = path.resolve(__dirname, '../../client/dist');

/**
 * The pages' service workers (client/src/service-worker.ts), each in its page's folder so that
 * its scope is that page's URLs: `/e/sw.js` covers `/e/CODE`, `/organiser/sw.js` covers
 * `/organiser/ID`. Neither asks for a wider scope, so neither needs `Service-Worker-Allowed`.
 */
const WORKERS = [path.join(path.sep, 'e', 'sw.js'), path.join(path.sep, 'organiser', 'sw.js')];

/**
 * How long a browser may keep each kind of file. Pages must be asked for again each time (they
 * name the current assets), and so must the service workers (`e/sw.js`, `organiser/sw.js`, which
 * name them too); Vite names assets by content hash, so a cached copy is never stale.
 */
export function cacheControlFor(file: string): string {
  if (file.endsWith('.html') || WORKERS.some((worker) => file.endsWith(worker))) return 'no-cache';
  if (file.includes(`${path.sep}assets${path.sep}`)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/**
 * `/organiser`, as people type it, is the dashboard's `/organiser/` (which asks for the organiser
 * link): sent there rather than answered with the API's JSON 404. The query string goes along.
 */
async function organiserWithoutSlash(request: FastifyRequest, reply: FastifyReply) {
  const query = request.url.indexOf('?');
  return reply.redirect(`/organiser/${query === -1 ? '' : request.url.slice(query)}`, 302);
}

/** Serves the built pages (home, attendee, organiser dashboard), their service workers and assets. */
export async function clientRoutes(app: FastifyInstance, o: { dist?: string } = {}) {
  const root = o.dist ?? CLIENT_DIST;
  app.get('/organiser', organiserWithoutSlash);
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
    // Off, so that its one max-age for every file does not override ours (it did the pages').
    cacheControl: false,
    setHeaders: (res, file) => res.setHeader('cache-control', cacheControlFor(file)),
  });
  const page = (file: string) => async (_req: unknown, reply: FastifyReply) => reply.sendFile(file);
  app.get('/', page('index.html'));
  app.get('/e/:code', page('attendee.html'));
  app.get('/organiser/:eventId', page('organiser.html'));
}
