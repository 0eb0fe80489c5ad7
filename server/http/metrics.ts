import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../errors';
import type { Metrics } from '../metrics';
import { hasBearer } from './bearer';

/** Prometheus text at `/metrics`, behind `METRICS_TOKEN` where that is set. */
export async function metricsRoutes(app: FastifyInstance, o: { metrics: Metrics; token: string | undefined }) {
  app.get('/metrics', async (request, reply) => {
    if (o.token && !hasBearer(request.headers.authorization, o.token)) throw unauthorized('Reading /metrics needs the metrics token.');
    return reply.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });
}
