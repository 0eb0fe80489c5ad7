import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { planMatches } from '../matching/matcher';
import type { MatchInput, MatchPlan } from '../matching/types';
import type { Logger } from '../logger';

export interface PlannerOptions {
  logger: Logger;
  /**
   * Crowds of at least this many seekers are planned in a worker thread. Below it a plan takes
   * under about 10 ms on the event loop (n = 400: 7.6 to 8.5 ms median), less than the worker
   * would cost in memory: 35 to 55 MiB of RSS while it runs.
   * @default 400
   */
  workerFrom?: number;
  /**
   * A worker that has planned nothing for this long is stopped (its heap is tens of MiB) and
   * started again when a big crowd next needs it.
   * @default 60_000
   */
  workerIdleMs?: number;
}

type Reply = { id: number; plan: MatchPlan } | { id: number; error: string };
type Pending = Map<number, { resolve: (plan: MatchPlan) => void; reject: (err: Error) => void }>;

/** A plan the worker owed when the planner was closed; it is made on the event loop instead. */
class ClosedError extends Error {}

/**
 * Runs the pure matcher: on the event loop for small crowds, and in a worker thread for big
 * ones, where a plan takes tens to hundreds of ms (n = 2,000: about 100 ms) that phones' events
 * would otherwise wait behind. The worker stops after a minute without work and starts again
 * when needed. Should it fail to start or crash, the planner plans on the event loop from then
 * on, and says so once in the log.
 */
export class Planner {
  /** The running worker and the plans it owes; a stopped worker's own failures reject only its own. */
  private worker: { thread: Worker; pending: Pending } | null = null;
  private idle: NodeJS.Timeout | null = null;
  private broken = false;
  private nextId = 0;
  /** How many plans came back from the worker (for tests and metrics). */
  plannedInWorker = 0;

  constructor(private readonly o: PlannerOptions) {}

  async plan(input: MatchInput): Promise<MatchPlan> {
    if (this.broken || input.seekers.length < (this.o.workerFrom ?? 400)) return planMatches(input);
    try {
      const plan = await this.inWorker(input);
      this.plannedInWorker++;
      this.stopWhenIdle();
      return plan;
    } catch (err) {
      if (!(err instanceof ClosedError)) {
        this.o.logger.warn({ err }, 'planning worker failed; planning on the event loop from now on');
        this.broken = true;
        await this.close();
      }
      return planMatches(input);
    }
  }

  /** Whether a worker thread is running (for tests). */
  get workerRunning(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    for (const waiting of worker.pending.values()) waiting.reject(new ClosedError('planner closed'));
    worker.pending.clear();
    await worker.thread.terminate();
  }

  private stopWhenIdle(): void {
    if (this.idle) {
      this.idle.refresh();
      return;
    }
    this.idle = setTimeout(() => {
      this.idle = null;
      if (this.worker?.pending.size) this.stopWhenIdle();
      else this.close().catch((err: unknown) => this.o.logger.warn({ err }, 'could not stop the idle planning worker'));
    }, this.o.workerIdleMs ?? 60_000);
    this.idle.unref();
  }

  private inWorker(input: MatchInput): Promise<MatchPlan> {
    const { thread, pending } = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      thread.postMessage({ id, input });
    });
  }

  private start(): { thread: Worker; pending: Pending } {
    // The worker runs TypeScript as the server does, through tsx (its require hook: Node 20 does
    // not apply `--import` loaders to a worker's entry file).
    const entry = path.join(__dirname, 'plan-worker.ts');
    const source = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
    const thread = new Worker(source, { eval: true });
    const own = { thread, pending: new Map() as Pending };
    thread.unref(); // an idle planner never keeps the process alive
    thread.on('message', (reply: Reply) => {
      const waiting = own.pending.get(reply.id);
      own.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.plan);
    });
    const failAll = (err: Error) => {
      if (this.worker === own) this.worker = null;
      for (const waiting of own.pending.values()) waiting.reject(err);
      own.pending.clear();
    };
    thread.on('error', failAll);
    thread.on('exit', (code) => failAll(new Error(`planning worker exited with code ${code}`)));
    return own;
  }
}
