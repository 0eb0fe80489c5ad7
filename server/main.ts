import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { isLoopbackUrl } from '../shared/loopback';
import { buildApp, type AppDeps } from './app';
import { ConfigError, loadConfig, withPort, type Config } from './config';
import { connectSharedLimits } from './http/shared-limits';
import { createLogger, type Logger } from './logger';
import { RedisStore } from './store/redis';
import { createStreamsAdapter } from './store/redis/adapter';
import { openSnapshotStore } from './store/snapshot-file';

/** Redis when REDIS_URL is set (several instances); otherwise the embedded store with a snapshot. */
async function storeFor(config: Config, logger: Logger, stopping: () => boolean): Promise<AppDeps> {
  if (config.redisUrl) {
    const store = new RedisStore({ url: config.redisUrl, prefix: config.redisPrefix, retentionMs: config.retentionMs });
    // Until the first connection answers, a failure is the boot's to report, in one line with
    // the cause ioredis saw (say, ECONNREFUSED), not the "Connection is closed." it rejects with.
    let cause: unknown;
    const noteCause = (err: unknown) => (cause = err);
    store.redis.on('error', noteCause);
    try {
      await store.connect();
    } catch (err) {
      store.redis.disconnect();
      const why = cause ?? err;
      throw new Error(`could not reach Redis at ${redisAddress(config.redisUrl)} (REDIS_URL): ${why instanceof Error ? why.message : String(why)}`);
    }
    store.redis.off('error', noteCause);
    logger.info({ redis: redisAddress(config.redisUrl) }, 'redis ready');
    // From here on, each change of the connection is news (closing it is part of a shutdown).
    // ioredis tries again about once a second for as long as Redis is away: one warning per
    // outage, the retries at debug, and "redis ready" when it is back.
    let away = false;
    store.redis.on('ready', () => {
      away = false;
      logger.info({ redis: redisAddress(config.redisUrl!) }, 'redis ready');
    });
    store.redis.on('end', () => (stopping() ? logger.info('redis connection closed') : logger.warn('redis connection closed')));
    store.redis.on('reconnecting', () => {
      if (away) return void logger.debug('redis reconnecting');
      away = true;
      logger.warn('redis connection lost; reconnecting until it answers');
    });
    const sio = createStreamsAdapter(config.redisUrl, config.redisPrefix);
    // Every instance counts the HTTP limits in this Redis, so two instances do not double them.
    const sharedLimits = await connectSharedLimits({ url: config.redisUrl, prefix: config.redisPrefix });
    return { store, logger, adapter: sio.adapter, sharedLimits, onClose: sio.close };
  }
  // Named as a bad setting is: the snapshot directory could be a file, or not writable.
  let snapshots: ReturnType<typeof openSnapshotStore>;
  try {
    snapshots = openSnapshotStore({ dir: config.dataDir, logger, store: { retentionMs: config.retentionMs } });
  } catch (err) {
    throw new Error(`could not keep the snapshot in ${path.resolve(config.dataDir)} (DATA_DIR): ${err instanceof Error ? err.message : String(err)}`);
  }
  return { store: snapshots.store, logger, onClose: snapshots.flush };
}

/** Where Redis is, for the log: host, port and database, never the password in the URL. */
function redisAddress(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.length > 1 ? u.pathname : ''}`;
}

/** What holds the state, for the start-up line: Redis (and where), or the embedded store and its snapshot. */
function storeDescription(config: Config): { store: string; redis?: string; dataDir?: string } {
  return config.redisUrl
    ? { store: 'redis', redis: redisAddress(config.redisUrl) }
    : { store: 'memory', dataDir: path.resolve(config.dataDir) };
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
  let stopping = false;
  const app = await buildApp(config, await storeFor(config, logger, () => stopping));
  const address = await app.listen(config.port, config.host);
  // JSON logs are written as they are logged (logger.ts); pretty ones, on a terminal, go through
  // pino-pretty's worker, which could still hold the last lines. Flush first (but never wait on
  // it for more than a second).
  const exit = (code: number) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 1000).unref();
    logger.flush(() => process.exit(code));
  };
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const started = Date.now();
    const force = setTimeout(() => {
      logger.error('shutdown took over 10 s; exiting anyway');
      exit(1);
    }, 10_000).unref();
    app.close().then(
      () => {
        clearTimeout(force);
        logger.info({ ms: Date.now() - started }, 'stopped');
        exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  // Before the start-up line: whoever sees it may send a SIGTERM at once, and a signal with no
  // handler yet would end the process where it stood, with no shutdown.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // PORT=0 took a free port: a default PUBLIC_URL names it (links are made from it as they are
  // asked for, so none was made with port 0).
  if (config.port === 0 && !config.publicUrlSet) config.publicUrl = withPort(config, Number(new URL(address).port)).publicUrl;
  // `address` first: test/helpers/process.ts and the simulator read it off this line.
  logger.info(
    { address, publicUrl: config.publicUrl, ...storeDescription(config), instance: config.instanceId, heapGrowing },
    'Mingle is listening',
  );
  if (isLoopbackUrl(config.publicUrl)) {
    logger.warn(
      { publicUrl: config.publicUrl },
      "join links and QR codes point at localhost, which phones cannot open: set PUBLIC_URL to this machine's address on the venue's network",
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`mingle: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
