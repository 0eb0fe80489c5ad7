import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { planMatches } from '../matching/matcher';
import type { MatchInput, MatchPlan } from '../matching/types';
import type { Logger } from '../logger';

export interface PlannerOptions {
  logger: Logger;
  /**
   * Crowds of at least this many seekers are planned in a worker thread.
   * @default 300
   */
  workerFrom?: number;
}

type Reply = { id: number; plan: MatchPlan } | { id: number; error: string };

/**
 * Runs the pure matcher: on the event loop for small crowds, and in a worker thread for big
 * ones, where a plan takes tens to hundreds of ms (n = 2,000: about 100 ms) that phones' events
 * would otherwise wait behind. Should the worker fail to start or crash, it plans on the event
 * loop from then on, and says so once in the log.
 */
export class Planner {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 0;
  /** How many plans came back from the worker (for tests and metrics). */
  plannedInWorker = 0;
  private readonly pending = new Map<number, { resolve: (plan: MatchPlan) => void; reject: (err: Error) => void }>();

  constructor(private readonly o: PlannerOptions) {}

  async plan(input: MatchInput): Promise<MatchPlan> {
    if (this.broken || input.seekers.length < (this.o.workerFrom ?? 300)) return planMatches(input);
    try {
      const plan = await this.inWorker(input);
      this.plannedInWorker++;
      return plan;
    } catch (err) {
      this.o.logger.warn({ err }, 'planning worker failed; planning on the event loop from now on');
      this.broken = true;
      await this.close();
      return planMatches(input);
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private inWorker(input: MatchInput): Promise<MatchPlan> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  private start(): Worker {
    // The worker runs TypeScript as the server does, through tsx (its require hook: Node 20 does
    // not apply `--import` loaders to a worker's entry file).
    const entry = path.join(__dirname, 'plan-worker.ts');
    const source = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
    const worker = new Worker(source, { eval: true });
    worker.unref(); // an idle planner never keeps the process alive
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.plan);
    });
    const failAll = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`planning worker exited with code ${code}`)));
    return worker;
  }
}
