/**
 * Redis plumbing for `npm run bench:scale`: a log of the commands every in-process ioredis
 * client sends, and the deps of one instance on Redis (scripts/lib/drop-prefix.ts cleans up).
 */
import { createHash } from 'node:crypto';
import Redis, { type Command } from 'ioredis';
import { RedisStore } from '../../server/store/redis';
import { createStreamsAdapter } from '../../server/store/redis/adapter';
import { scripts } from '../../server/store/redis/scripts';

/** Which side of the app sent a command: the store, or the Socket.IO adapter. */
export type Sender = 'store' | 'adapter';

export interface SentCommand {
  sender: Sender;
  /** The client's label, e.g. `store A`; adapter clients are all `adapter`. */
  client: string;
  name: string;
  /** Same number for every command of one pipeline; null for a command sent alone. */
  pipeline: number | null;
  /** Nothing else of this sender was waiting on Redis: the caller starts a new round trip. */
  opensRoundTrip: boolean;
}

/** Per-window figures for one sender. */
export interface CommandCount {
  commands: number;
  /** Requests on the wire: a command sent alone, or a whole pipeline, counts once. */
  requests: number;
  /** Round trips one after another: a request sent while none of this sender's was in flight. */
  serialRoundTrips: number;
  byName: Record<string, number>;
}

// Blocking reads park on the server by design; they are not a round trip anyone waits on.
const BLOCKING = new Set(['xread', 'xreadgroup', 'blpop', 'brpop', 'bzpopmin', 'subscribe', 'ssubscribe']);

// EVALSHA is named after the store's script it runs, so the counts say which writes they are.
const scriptBySha = new Map(
  Object.entries(scripts).map(([name, s]) => [createHash('sha1').update(s.lua).digest('hex'), name]),
);
const commandName = (c: Command) =>
  c.name === 'evalsha' ? `evalsha ${scriptBySha.get(String(c.args[0])) ?? '?'}` : c.name;

/**
 * Wraps `Redis.prototype.sendCommand`, which every ioredis command goes through (pipelines
 * and EVALSHA included), so the count is exactly what this process sends, whatever else
 * shares the Redis. Clients not labelled are taken to be the adapter's (it duplicates its own).
 */
export class CommandLog {
  private readonly labels = new WeakMap<Redis, string>();
  private readonly pipelines = new WeakMap<object, number>();
  private readonly inFlight: Record<Sender, number> = { store: 0, adapter: 0 };
  private nextPipeline = 1;
  private window = 0;
  private sent: SentCommand[] | null = null;

  install(): void {
    const proto = Redis.prototype as unknown as { sendCommand(this: Redis, c: Command, s?: unknown): unknown };
    const original = proto.sendCommand;
    const log = this;
    proto.sendCommand = function (this: Redis, command: Command, stream?: unknown) {
      if (log.sent) log.record(this, command, stream);
      return original.call(this, command, stream);
    };
  }

  label(client: Redis, name: string): void {
    this.labels.set(client, name);
  }

  /** Starts a window. Call it when the app is quiet, so in-flight counts start from zero. */
  start(): void {
    this.sent = [];
    this.window++;
    this.inFlight.store = 0;
    this.inFlight.adapter = 0;
  }

  /** How many commands the window holds so far: slice between two marks for a sub-window. */
  mark(): number {
    return this.sent?.length ?? 0;
  }

  stop(): SentCommand[] {
    const out = this.sent ?? [];
    this.sent = null;
    return out;
  }

  /** Resolves once no non-blocking command of the window is waiting on Redis. */
  async drained(): Promise<void> {
    while (this.inFlight.store + this.inFlight.adapter > 0) await new Promise((r) => setImmediate(r));
  }

  private record(client: Redis, command: Command, stream: unknown) {
    const label = this.labels.get(client);
    const sender: Sender = label ? 'store' : 'adapter';
    if (BLOCKING.has(command.name)) {
      this.sent!.push({ sender, client: label ?? 'adapter', name: commandName(command), pipeline: null, opensRoundTrip: false });
      return;
    }
    let pipeline: number | null = null;
    if (stream && typeof stream === 'object' && 'isPipeline' in stream) {
      pipeline = this.pipelines.get(stream) ?? this.nextPipeline++;
      this.pipelines.set(stream, pipeline);
    }
    const opensRoundTrip = this.inFlight[sender] === 0;
    this.inFlight[sender]++;
    const window = this.window;
    const done = () => {
      if (this.window === window) this.inFlight[sender]--;
    };
    command.promise.then(done, done);
    this.sent!.push({ sender, client: label ?? 'adapter', name: commandName(command), pipeline, opensRoundTrip });
  }
}

/** Sums one sender's commands of a window. */
export function countCommands(sent: SentCommand[], sender: Sender, client?: string): CommandCount {
  const mine = sent.filter((c) => c.sender === sender && (!client || c.client === client));
  const pipelines = new Set<number>();
  let requests = 0;
  const byName: Record<string, number> = {};
  for (const c of mine) {
    byName[c.name] = (byName[c.name] ?? 0) + 1;
    if (c.pipeline === null) requests++;
    else if (!pipelines.has(c.pipeline)) {
      pipelines.add(c.pipeline);
      requests++;
    }
  }
  return {
    commands: mine.length,
    requests,
    serialRoundTrips: mine.filter((c) => c.opensRoundTrip).length,
    byName,
  };
}

/** A store and the Redis Streams adapter for one in-process instance, as `main.ts` wires them. */
export async function redisInstanceDeps(url: string, prefix: string) {
  const store = new RedisStore({ url, prefix });
  await store.connect();
  const sio = createStreamsAdapter(url, prefix);
  return { store, adapter: sio.adapter, onClose: sio.close };
}

/** The Redis server's version and how many other clients it has (a noise hint). */
export async function redisFacts(url: string): Promise<{ version: string; clients: number }> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    const server = await r.info('server');
    const clients = await r.info('clients');
    const field = (text: string, key: string) => new RegExp(`^${key}:(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '?';
    return { version: field(server, 'redis_version'), clients: Number(field(clients, 'connected_clients')) - 1 };
  } finally {
    r.disconnect();
  }
}
