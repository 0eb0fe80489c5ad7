import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store';

/**
 * `/healthz` is about this process only: if it answers, the process is alive.
 * `/readyz` says whether this instance can serve: its store answers.
 */
export async function healthRoutes(app: FastifyInstance, o: { store: Store }) {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (await o.store.ping()) return { status: 'ready' };
    return reply.status(503).send({ error: { code: 'UNAVAILABLE', message: 'The store is not answering.' } });
  });
}
