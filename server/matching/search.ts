import type { CandidateGraph } from './graph';
import type { Crowd } from './crowd';
import type { PairRule } from './pairing';

/**
 * A pairing under local search: what its moves (improve.ts, augment.ts, cycles.ts, repair.ts,
 * solos.ts) read, and the two arrays they change in place.
 */
export interface Search {
  c: Crowd;
  /** Each seeker's candidates, best first, with the pair's score (graph.ts). */
  g: CandidateGraph;
  /** 1 for the seekers being paired; the others are never touched. */
  inPool: Uint8Array;
  /** Each seeker's partner, or -1. */
  mate: Int32Array;
  /** Each seeker's pair score with their partner (0 when alone), kept with `mate`. */
  held: Float64Array;
  /** Who may be paired with whom. */
  mayPair: PairRule;
}
