import { incidence } from './incidence';

/** Labels of vertices and blossoms in the search forest (bit 4 is a breadcrumb of `scanBlossom`). */
export const LABELS = { free: 0, s: 1, t: 2 } as const;
// Read once (see score.ts): transpiled CommonJS reads imported bindings through getters.
const { free: FREE, s: S, t: T } = LABELS;

/**
 * The state of the blossom algorithm (blossom.ts) over one graph: the matching, the dual
 * variables, the blossoms, and the alternating trees of the current stage, with the moves that
 * change them: labelling, making and taking apart blossoms, and augmenting.
 *
 * Vertices are 0..n-1 and blossoms take the indices n..2n-1. Edge k's ends are endpoints 2k
 * (`ei[k]`) and 2k + 1 (`ej[k]`), so `p ^ 1` is the other end of endpoint p (incidence.ts).
 * Duals and slacks are kept doubled, so that with whole-number weights they stay whole numbers.
 */
export class BlossomForest {
  readonly endpoint: Int32Array;
  readonly nbAt: Int32Array;
  readonly nbEnd: Int32Array;
  /** Per vertex, the endpoint at the far end of its matched edge, or -1. */
  readonly mate: Int32Array;
  /** Per vertex or blossom: FREE, S or T. */
  readonly label: Int32Array;
  /** The endpoint through which the label was given, or -1 (a tree's root). */
  readonly labelEnd: Int32Array;
  /** Per vertex, the top-level blossom holding it (itself when in none). */
  readonly inBlossom: Int32Array;
  readonly parent: Int32Array;
  /** A blossom's sub-blossoms round its cycle, from the one holding its base. */
  readonly childs: Array<number[] | null>;
  /** The endpoints joining a blossom's sub-blossoms: `endps[b][i]` joins `childs[b][i]` to the next. */
  readonly endps: Array<number[] | null>;
  /** A vertex or blossom's base vertex; -1 for a blossom index not in use. */
  readonly base: Int32Array;
  /** Per vertex or blossom, its least-slack edge to an S-blossom (the slack is read when needed). */
  readonly bestEdge: Int32Array;
  /** Per S-blossom, its least-slack edge to each other S-blossom. */
  readonly blossomBestEdges: Array<number[] | null>;
  readonly unused: number[] = [];
  /** Blossom indices ever taken are below this (they are taken lowest first): loops over blossoms stop here. */
  blossomEnd: number;
  readonly dual: Float64Array;
  /** Edges known to have zero slack this stage. */
  readonly allowed: Uint8Array;
  /** S-vertices still to scan. */
  readonly queue: number[] = [];
  /** Twice each edge's weight. */
  readonly twice: Float64Array;

  constructor(
    readonly n: number,
    readonly ei: Int32Array,
    readonly ej: Int32Array,
    ew: Float64Array,
  ) {
    const m = ei.length;
    let maxWeight = 0;
    for (let k = 0; k < m; k++) if (ew[k]! > maxWeight) maxWeight = ew[k]!;
    ({ endpoint: this.endpoint, nbAt: this.nbAt, nbEnd: this.nbEnd } = incidence(n, ei, ej));
    this.mate = new Int32Array(n).fill(-1);
    this.label = new Int32Array(2 * n);
    this.labelEnd = new Int32Array(2 * n).fill(-1);
    this.inBlossom = new Int32Array(n);
    for (let v = 0; v < n; v++) this.inBlossom[v] = v;
    this.parent = new Int32Array(2 * n).fill(-1);
    this.childs = new Array(2 * n).fill(null);
    this.endps = new Array(2 * n).fill(null);
    this.base = new Int32Array(2 * n).fill(-1);
    for (let v = 0; v < n; v++) this.base[v] = v;
    this.bestEdge = new Int32Array(2 * n).fill(-1);
    this.blossomBestEdges = new Array(2 * n).fill(null);
    for (let b = 2 * n - 1; b >= n; b--) this.unused.push(b);
    this.blossomEnd = n;
    this.dual = new Float64Array(2 * n);
    for (let v = 0; v < n; v++) this.dual[v] = maxWeight;
    this.allowed = new Uint8Array(m);
    this.twice = new Float64Array(m);
    for (let k = 0; k < m; k++) this.twice[k] = 2 * ew[k]!;
  }

  slack(k: number): number {
    return this.dual[this.ei[k]!]! + this.dual[this.ej[k]!]! - this.twice[k]!;
  }

  /** Calls `visit` on every vertex in b (b itself, when it is a vertex). */
  leaves(b: number, visit: (v: number) => void): void {
    if (b < this.n) visit(b);
    else for (const t of this.childs[b]!) this.leaves(t, visit);
  }

  /** Labels w's top-level blossom t (S or T), reached through endpoint p. */
  assignLabel(w: number, t: number, p: number): void {
    const { inBlossom, label, labelEnd, bestEdge } = this;
    const b = inBlossom[w]!;
    label[w] = label[b] = t;
    labelEnd[w] = labelEnd[b] = p;
    bestEdge[w] = bestEdge[b] = -1;
    if (t === S) {
      if (b < this.n) this.queue.push(b);
      else this.leaves(b, (v) => this.queue.push(v));
    } else {
      // A T-blossom: its base's mate becomes S.
      const mb = this.mate[this.base[b]!]!;
      this.assignLabel(this.endpoint[mb]!, S, mb ^ 1);
    }
  }

  /** Traces back from v and w to find a new blossom's base, or -1 for an augmenting path. */
  scanBlossom(v: number, w: number): number {
    const { inBlossom, label, labelEnd, endpoint } = this;
    const path: number[] = [];
    let found = -1;
    while (v !== -1 || w !== -1) {
      let b = inBlossom[v]!;
      if (label[b]! & 4) {
        found = this.base[b]!;
        break;
      }
      path.push(b);
      label[b] = 5;
      if (labelEnd[b] === -1) {
        v = -1;
      } else {
        v = endpoint[labelEnd[b]!]!;
        b = inBlossom[v]!;
        v = endpoint[labelEnd[b]!]!;
      }
      if (w !== -1) {
        const t = v;
        v = w;
        w = t;
      }
    }
    for (const b of path) label[b] = S;
    return found;
  }

  /** Makes a new S-blossom with base `bse`, closed by edge k. */
  addBlossom(bse: number, k: number): void {
    const { inBlossom, labelEnd, endpoint, parent, n } = this;
    let v = this.ei[k]!;
    let w = this.ej[k]!;
    const bb = inBlossom[bse]!;
    let bv = inBlossom[v]!;
    let bw = inBlossom[w]!;
    const b = this.unused.pop()!;
    if (b >= this.blossomEnd) this.blossomEnd = b + 1;
    this.base[b] = bse;
    parent[b] = -1;
    parent[bb] = b;
    const path: number[] = [];
    const ends: number[] = [];
    while (bv !== bb) {
      parent[bv] = b;
      path.push(bv);
      ends.push(labelEnd[bv]!);
      v = endpoint[labelEnd[bv]!]!;
      bv = inBlossom[v]!;
    }
    path.push(bb);
    path.reverse();
    ends.reverse();
    ends.push(2 * k);
    while (bw !== bb) {
      parent[bw] = b;
      path.push(bw);
      ends.push(labelEnd[bw]! ^ 1);
      w = endpoint[labelEnd[bw]!]!;
      bw = inBlossom[w]!;
    }
    this.childs[b] = path;
    this.endps[b] = ends;
    this.label[b] = S;
    labelEnd[b] = labelEnd[bb]!;
    this.dual[b] = 0;
    this.leaves(b, (x) => {
      // A T-vertex becomes S as part of an S-blossom: scan it.
      if (this.label[inBlossom[x]!] === T) this.queue.push(x);
      inBlossom[x] = b;
    });
    // The least-slack edge from the new blossom to each other S-blossom.
    const bestTo = new Int32Array(2 * n).fill(-1);
    const bestToSlack = new Float64Array(2 * n);
    const consider = (e: number): void => {
      let j = this.ej[e]!;
      if (inBlossom[j] === b) j = this.ei[e]!;
      const bj = inBlossom[j]!;
      if (bj === b || this.label[bj] !== S) return;
      const d = this.slack(e);
      if (bestTo[bj] === -1 || d < bestToSlack[bj]!) {
        bestTo[bj] = e;
        bestToSlack[bj] = d;
      }
    };
    for (const sub of path) {
      const list = this.blossomBestEdges[sub];
      if (list) for (const e of list) consider(e);
      else
        this.leaves(sub, (x) => {
          for (let q = this.nbAt[x]!; q < this.nbAt[x + 1]!; q++) consider(this.nbEnd[q]! >> 1);
        });
      this.blossomBestEdges[sub] = null;
      this.bestEdge[sub] = -1;
    }
    const list: number[] = [];
    this.bestEdge[b] = -1;
    let least = Infinity;
    for (let t = 0; t < 2 * n; t++) {
      if (bestTo[t] === -1) continue;
      list.push(bestTo[t]!);
      if (this.bestEdge[b] === -1 || bestToSlack[t]! < least) {
        this.bestEdge[b] = bestTo[t]!;
        least = bestToSlack[t]!;
      }
    }
    this.blossomBestEdges[b] = list;
  }

  /** Takes blossom b apart: at the end of a stage (its dual is zero), or mid-stage as a T-blossom. */
  expandBlossom(b: number, endStage: boolean): void {
    const { label, labelEnd, endpoint, inBlossom, n } = this;
    for (const s of this.childs[b]!) {
      this.parent[s] = -1;
      if (s < n) inBlossom[s] = s;
      else if (endStage && this.dual[s] === 0) this.expandBlossom(s, endStage);
      else this.leaves(s, (x) => (inBlossom[x] = s));
    }
    // A T-blossom expanded mid-stage: relabel its sub-blossoms.
    if (!endStage && label[b] === T) {
      const kids = this.childs[b]!;
      const ends = this.endps[b]!;
      const entry = inBlossom[endpoint[labelEnd[b]! ^ 1]!]!;
      const way = roundFrom(kids, kids.indexOf(entry));
      const { step, trick } = way;
      let j = way.j;
      const at = (i: number): number => (i < 0 ? i + kids.length : i);
      let p = labelEnd[b]!;
      while (j !== 0) {
        label[endpoint[p ^ 1]!] = FREE;
        label[endpoint[ends[at(j - trick)]! ^ trick ^ 1]!] = FREE;
        this.assignLabel(endpoint[p ^ 1]!, T, p);
        this.allowed[ends[at(j - trick)]! >> 1] = 1;
        j += step;
        p = ends[at(j - trick)]! ^ trick;
        this.allowed[p >> 1] = 1;
        j += step;
      }
      const bv = kids[at(j)]!;
      label[endpoint[p ^ 1]!] = label[bv] = T;
      labelEnd[endpoint[p ^ 1]!] = labelEnd[bv] = p;
      this.bestEdge[bv] = -1;
      j += step;
      while (kids[at(j)] !== entry) {
        const sub = kids[at(j)]!;
        if (label[sub] === S) {
          j += step;
          continue;
        }
        let reached = -1;
        this.leaves(sub, (x) => {
          if (reached === -1 && label[x] !== FREE) reached = x;
        });
        if (reached !== -1) {
          label[reached] = FREE;
          label[endpoint[this.mate[this.base[sub]!]!]!] = FREE;
          this.assignLabel(reached, T, labelEnd[reached]!);
        }
        j += step;
      }
    }
    label[b] = labelEnd[b] = -1;
    this.childs[b] = this.endps[b] = null;
    this.base[b] = -1;
    this.blossomBestEdges[b] = null;
    this.bestEdge[b] = -1;
    this.unused.push(b);
  }

  /** Swaps matched and unmatched edges inside blossom b, from vertex v to its base. */
  augmentBlossom(b: number, v: number): void {
    const { parent, endpoint, mate, n } = this;
    let t = v;
    while (parent[t] !== b) t = parent[t]!;
    if (t >= n) this.augmentBlossom(t, v);
    const kids = this.childs[b]!;
    const ends = this.endps[b]!;
    const i = kids.indexOf(t);
    const way = roundFrom(kids, i);
    const { step, trick } = way;
    let j = way.j;
    const at = (x: number): number => (x < 0 ? x + kids.length : x);
    while (j !== 0) {
      j += step;
      let sub = kids[at(j)]!;
      const p = ends[at(j - trick)]! ^ trick;
      if (sub >= n) this.augmentBlossom(sub, endpoint[p]!);
      j += step;
      sub = kids[at(j)]!;
      if (sub >= n) this.augmentBlossom(sub, endpoint[p ^ 1]!);
      mate[endpoint[p]!] = p ^ 1;
      mate[endpoint[p ^ 1]!] = p;
    }
    this.childs[b] = kids.slice(i).concat(kids.slice(0, i));
    this.endps[b] = ends.slice(i).concat(ends.slice(0, i));
    this.base[b] = this.base[this.childs[b]![0]!]!;
  }

  /** Augments the matching along the path through edge k, between two trees' roots. */
  augmentMatching(k: number): void {
    const { inBlossom, labelEnd, endpoint, mate, n } = this;
    for (const [start, end] of [
      [this.ei[k]!, 2 * k + 1],
      [this.ej[k]!, 2 * k],
    ] as const) {
      let s = start;
      let p = end;
      for (;;) {
        const bs = inBlossom[s]!;
        if (bs >= n) this.augmentBlossom(bs, s);
        mate[s] = p;
        if (labelEnd[bs] === -1) break;
        const t = endpoint[labelEnd[bs]!]!;
        const bt = inBlossom[t]!;
        s = endpoint[labelEnd[bt]!]!;
        const j = endpoint[labelEnd[bt]! ^ 1]!;
        if (bt >= n) this.augmentBlossom(bt, j);
        mate[j] = labelEnd[bt]!;
        p = labelEnd[bt]! ^ 1;
      }
    }
  }
}

/**
 * Which way round a blossom to go from sub-blossom `i` to its base (index 0), so that the path
 * has an even length: forward from an odd index (j counts up from i - length to 0), backward
 * from an even one. `trick` picks which end of each connecting edge comes first that way.
 */
function roundFrom(kids: number[], i: number): { j: number; step: number; trick: number } {
  return i & 1 ? { j: i - kids.length, step: 1, trick: 0 } : { j: i, step: -1, trick: 1 };
}
