import type { FastifyInstance } from 'fastify';

/** `/healthz` is about this process only: if it answers, the process is alive. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', async () => ({ status: 'ok' }));
}
