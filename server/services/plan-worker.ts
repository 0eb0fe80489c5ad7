/** A worker thread's entry: plans ticks for the main thread, one message each (see planner.ts). */
import { parentPort } from 'node:worker_threads';
import { planMatches } from '../matching/matcher';
import type { MatchInput } from '../matching/types';

parentPort!.on('message', ({ id, input }: { id: number; input: MatchInput }) => {
  try {
    parentPort!.postMessage({ id, plan: planMatches(input) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
