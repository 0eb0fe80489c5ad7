import { setFlagsFromString } from 'node:v8';
import { isLoopbackUrl } from '../shared/loopback';
import { buildApp, type AppDeps } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { connectSharedLimits } from './http/shared-limits';
import { createLogger, type Logger } from './logger';
import { RedisStore } from './store/redis';
import { createStreamsAdapter } from './store/redis/adapter';
import { openSnapshotStore } from './store/snapshot-file';

/** Redis when REDIS_URL is set (several instances); otherwise the embedded store with a snapshot. */
async function storeFor(config: Config, logger: Logger): Promise<AppDeps> {
  if (config.redisUrl) {
    const store = new RedisStore({ url: config.redisUrl, prefix: config.redisPrefix, retentionMs: config.retentionMs });
    store.redis.on('ready', () => logger.info('redis ready'));
    store.redis.on('end', () => logger.warn('redis connection closed'));
    store.redis.on('reconnecting', () => logger.warn('redis reconnecting'));
    await store.connect();
    const sio = createStreamsAdapter(config.redisUrl, config.redisPrefix);
    // Every instance counts the HTTP limits in this Redis, so two instances do not double them.
    const sharedLimits = await connectSharedLimits({ url: config.redisUrl, prefix: config.redisPrefix });
    return { store, logger, adapter: sio.adapter, sharedLimits, onClose: sio.close };
  }
  const { store, flush } = openSnapshotStore({ dir: config.dataDir, logger, store: { retentionMs: config.retentionMs } });
  return { store, logger, onClose: flush };
}

/**
 * A server holding thousands of sockets makes garbage fast; left alone, V8 lets the heap grow to
 * about twice its live size between full collections (docs/BENCHMARKS.md, crowd simulator).
 * A `--heap-growing-percent` given to node itself wins. Returns what applies, for the log.
 */
function tuneHeap(config: Config): string {
  if (process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) return 'node flag';
  if (config.heapGrowingPercent === 0) return 'V8 default';
  setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
  return `${config.heapGrowingPercent} %`;
}

/** The only place that reads the environment, picks the store and listens. */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`mingle: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const heapGrowing = tuneHeap(config);
  const logger = createLogger(config);
  const app = await buildApp(config, await storeFor(config, logger));
  const address = await app.listen(config.port, config.host);
  logger.info(
    { address, publicUrl: config.publicUrl, store: config.redisUrl ? 'redis' : 'memory', instance: config.instanceId, heapGrowing },
    'Mingle is listening',
  );
  if (isLoopbackUrl(config.publicUrl)) {
    logger.warn(
      { publicUrl: config.publicUrl },
      "join links and QR codes point at localhost, which phones cannot open: set PUBLIC_URL to this machine's address on the venue's network",
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`mingle: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
