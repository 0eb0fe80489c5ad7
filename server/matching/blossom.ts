import { incidence } from './incidence';

/**
 * Maximum-weight matching in a general graph, exactly: Edmonds' blossom algorithm with dual
 * variables, in the O(n³) form of Galil ("Efficient algorithms for finding maximum matching in
 * graphs", 1986), set out as in Joris van Rantwijk's well-known reference (mwmatching.py).
 * Weights are whole numbers, so every dual variable and slack stays a whole number (they are
 * kept doubled) and the arithmetic is exact.
 *
 * Edges are given as arrays `ei`, `ej`, `ew` (0 <= ei, ej < n, ei != ej, ew > 0, at most one
 * edge per pair). Returns each vertex's partner, or -1. Vertices are indices 0..n-1; blossoms
 * take the indices n..2n-1.
 */
export function maxWeightMatching(n: number, ei: Int32Array, ej: Int32Array, ew: Float64Array): Int32Array {
  const m = ei.length;
  const out = new Int32Array(n).fill(-1);
  if (m === 0 || n === 0) return out;
  let maxWeight = 0;
  for (let k = 0; k < m; k++) if (ew[k]! > maxWeight) maxWeight = ew[k]!;

  const { endpoint, nbAt, nbEnd } = incidence(n, ei, ej);

  const mate = new Int32Array(n).fill(-1); // remote endpoint of the matched edge
  const label = new Int32Array(2 * n); // 0 free, 1 S, 2 T; bit 4 a breadcrumb in scanBlossom
  const labelEnd = new Int32Array(2 * n).fill(-1);
  const inBlossom = new Int32Array(n);
  for (let v = 0; v < n; v++) inBlossom[v] = v;
  const parent = new Int32Array(2 * n).fill(-1);
  const childs: number[][] = new Array(2 * n).fill(null);
  const endps: number[][] = new Array(2 * n).fill(null);
  const base = new Int32Array(2 * n).fill(-1);
  for (let v = 0; v < n; v++) base[v] = v;
  // Per vertex or blossom, the least-slack edge to an S-blossom (its slack is read when needed,
  // from the duals of the moment).
  const bestEdge = new Int32Array(2 * n).fill(-1);
  const blossomBestEdges: Array<number[] | null> = new Array(2 * n).fill(null);
  const unused: number[] = [];
  for (let b = 2 * n - 1; b >= n; b--) unused.push(b);
  // Blossom indices ever taken are below this (they are taken lowest first): loops over blossoms stop here.
  let blossomEnd = n;
  const dual = new Float64Array(2 * n);
  for (let v = 0; v < n; v++) dual[v] = maxWeight;
  const allowed = new Uint8Array(m);
  const queue: number[] = [];

  const twice = new Float64Array(m);
  for (let k = 0; k < m; k++) twice[k] = 2 * ew[k]!;
  const slack = (k: number): number => dual[ei[k]!]! + dual[ej[k]!]! - twice[k]!;

  const leaves = (b: number, visit: (v: number) => void): void => {
    if (b < n) visit(b);
    else for (const t of childs[b]!) leaves(t, visit);
  };

  const assignLabel = (w: number, t: number, p: number): void => {
    const b = inBlossom[w]!;
    label[w] = label[b] = t;
    labelEnd[w] = labelEnd[b] = p;
    bestEdge[w] = bestEdge[b] = -1;
    if (t === 1) {
      if (b < n) queue.push(b);
      else leaves(b, (v) => queue.push(v));
    } else {
      // A T-blossom: its base's mate becomes S.
      const mb = mate[base[b]!]!;
      assignLabel(endpoint[mb]!, 1, mb ^ 1);
    }
  };

  // Traces back from v and w to find a new blossom's base, or -1 for an augmenting path.
  const scanBlossom = (v: number, w: number): number => {
    const path: number[] = [];
    let found = -1;
    while (v !== -1 || w !== -1) {
      let b = inBlossom[v]!;
      if (label[b]! & 4) {
        found = base[b]!;
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
    for (const b of path) label[b] = 1;
    return found;
  };

  const addBlossom = (bse: number, k: number): void => {
    let v = ei[k]!;
    let w = ej[k]!;
    const bb = inBlossom[bse]!;
    let bv = inBlossom[v]!;
    let bw = inBlossom[w]!;
    const b = unused.pop()!;
    if (b >= blossomEnd) blossomEnd = b + 1;
    base[b] = bse;
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
    childs[b] = path;
    endps[b] = ends;
    label[b] = 1;
    labelEnd[b] = labelEnd[bb]!;
    dual[b] = 0;
    leaves(b, (x) => {
      // A T-vertex becomes S as part of an S-blossom: scan it.
      if (label[inBlossom[x]!] === 2) queue.push(x);
      inBlossom[x] = b;
    });
    // The least-slack edge from the new blossom to each other S-blossom.
    const bestTo = new Int32Array(2 * n).fill(-1);
    const bestToSlack = new Float64Array(2 * n);
    const consider = (e: number): void => {
      let j = ej[e]!;
      if (inBlossom[j] === b) j = ei[e]!;
      const bj = inBlossom[j]!;
      if (bj === b || label[bj] !== 1) return;
      const d = slack(e);
      if (bestTo[bj] === -1 || d < bestToSlack[bj]!) {
        bestTo[bj] = e;
        bestToSlack[bj] = d;
      }
    };
    for (const sub of path) {
      const list = blossomBestEdges[sub];
      if (list) for (const e of list) consider(e);
      else leaves(sub, (x) => {
        for (let q = nbAt[x]!; q < nbAt[x + 1]!; q++) consider(nbEnd[q]! >> 1);
      });
      blossomBestEdges[sub] = null;
      bestEdge[sub] = -1;
    }
    const list: number[] = [];
    bestEdge[b] = -1;
    let least = Infinity;
    for (let t = 0; t < 2 * n; t++) {
      if (bestTo[t] === -1) continue;
      list.push(bestTo[t]!);
      if (bestEdge[b] === -1 || bestToSlack[t]! < least) {
        bestEdge[b] = bestTo[t]!;
        least = bestToSlack[t]!;
      }
    }
    blossomBestEdges[b] = list;
  };

  const expandBlossom = (b: number, endStage: boolean): void => {
    for (const s of childs[b]!) {
      parent[s] = -1;
      if (s < n) inBlossom[s] = s;
      else if (endStage && dual[s] === 0) expandBlossom(s, endStage);
      else leaves(s, (x) => (inBlossom[x] = s));
    }
    // A T-blossom expanded mid-stage: relabel its sub-blossoms.
    if (!endStage && label[b] === 2) {
      const kids = childs[b]!;
      const ends = endps[b]!;
      const entry = inBlossom[endpoint[labelEnd[b]! ^ 1]!]!;
      const way = roundFrom(kids, kids.indexOf(entry));
      const { step, trick } = way;
      let j = way.j;
      const at = (i: number): number => (i < 0 ? i + kids.length : i);
      let p = labelEnd[b]!;
      while (j !== 0) {
        label[endpoint[p ^ 1]!] = 0;
        label[endpoint[ends[at(j - trick)]! ^ trick ^ 1]!] = 0;
        assignLabel(endpoint[p ^ 1]!, 2, p);
        allowed[ends[at(j - trick)]! >> 1] = 1;
        j += step;
        p = ends[at(j - trick)]! ^ trick;
        allowed[p >> 1] = 1;
        j += step;
      }
      const bv = kids[at(j)]!;
      label[endpoint[p ^ 1]!] = label[bv] = 2;
      labelEnd[endpoint[p ^ 1]!] = labelEnd[bv] = p;
      bestEdge[bv] = -1;
      j += step;
      while (kids[at(j)] !== entry) {
        const sub = kids[at(j)]!;
        if (label[sub] === 1) {
          j += step;
          continue;
        }
        let reached = -1;
        leaves(sub, (x) => {
          if (reached === -1 && label[x] !== 0) reached = x;
        });
        if (reached !== -1) {
          label[reached] = 0;
          label[endpoint[mate[base[sub]!]!]!] = 0;
          assignLabel(reached, 2, labelEnd[reached]!);
        }
        j += step;
      }
    }
    label[b] = labelEnd[b] = -1;
    childs[b] = endps[b] = null as unknown as number[];
    base[b] = -1;
    blossomBestEdges[b] = null;
    bestEdge[b] = -1;
    unused.push(b);
  };

  // Swaps matched and unmatched edges inside blossom b, from vertex v to its base.
  const augmentBlossom = (b: number, v: number): void => {
    let t = v;
    while (parent[t] !== b) t = parent[t]!;
    if (t >= n) augmentBlossom(t, v);
    const kids = childs[b]!;
    const ends = endps[b]!;
    const i = kids.indexOf(t);
    const way = roundFrom(kids, i);
    const { step, trick } = way;
    let j = way.j;
    const at = (x: number): number => (x < 0 ? x + kids.length : x);
    while (j !== 0) {
      j += step;
      let sub = kids[at(j)]!;
      const p = ends[at(j - trick)]! ^ trick;
      if (sub >= n) augmentBlossom(sub, endpoint[p]!);
      j += step;
      sub = kids[at(j)]!;
      if (sub >= n) augmentBlossom(sub, endpoint[p ^ 1]!);
      mate[endpoint[p]!] = p ^ 1;
      mate[endpoint[p ^ 1]!] = p;
    }
    childs[b] = kids.slice(i).concat(kids.slice(0, i));
    endps[b] = ends.slice(i).concat(ends.slice(0, i));
    base[b] = base[childs[b]![0]!]!;
  };

  const augmentMatching = (k: number): void => {
    for (const [start, end] of [
      [ei[k]!, 2 * k + 1],
      [ej[k]!, 2 * k],
    ] as const) {
      let s = start;
      let p = end;
      for (;;) {
        const bs = inBlossom[s]!;
        if (bs >= n) augmentBlossom(bs, s);
        mate[s] = p;
        if (labelEnd[bs] === -1) break;
        const t = endpoint[labelEnd[bs]!]!;
        const bt = inBlossom[t]!;
        s = endpoint[labelEnd[bt]!]!;
        const j = endpoint[labelEnd[bt]! ^ 1]!;
        if (bt >= n) augmentBlossom(bt, j);
        mate[j] = labelEnd[bt]!;
        p = labelEnd[bt]! ^ 1;
      }
    }
  };

  for (let stage = 0; stage < n; stage++) {
    label.fill(0);
    bestEdge.fill(-1);
    for (let b = n; b < blossomEnd; b++) blossomBestEdges[b] = null;
    allowed.fill(0);
    queue.length = 0;
    for (let v = 0; v < n; v++) if (mate[v] === -1 && label[inBlossom[v]!] === 0) assignLabel(v, 1, -1);

    let augmented = false;
    for (;;) {
      while (queue.length > 0 && !augmented) {
        const v = queue.pop()!;
        for (let q = nbAt[v]!; q < nbAt[v + 1]!; q++) {
          const p = nbEnd[q]!;
          const k = p >> 1;
          const w = endpoint[p]!;
          if (inBlossom[v] === inBlossom[w]) continue;
          let kslack = 0;
          if (!allowed[k]) {
            kslack = dual[v]! + dual[w]! - twice[k]!;
            if (kslack <= 0) allowed[k] = 1;
          }
          const bw = inBlossom[w]!;
          if (allowed[k]) {
            if (label[bw] === 0) {
              assignLabel(w, 2, p ^ 1);
            } else if (label[bw] === 1) {
              const found = scanBlossom(v, w);
              if (found >= 0) addBlossom(found, k);
              else {
                augmentMatching(k);
                augmented = true;
                break;
              }
            } else if (label[w] === 0) {
              label[w] = 2;
              labelEnd[w] = p ^ 1;
            }
          } else if (label[bw] === 1) {
            const b = inBlossom[v]!;
            if (bestEdge[b] === -1 || kslack < slack(bestEdge[b]!)) bestEdge[b] = k;
          } else if (label[w] === 0) {
            if (bestEdge[w] === -1 || kslack < slack(bestEdge[w]!)) bestEdge[w] = k;
          }
        }
      }
      if (augmented) break;

      // No augmenting path with the edges allowed now: the least change of the duals that proves
      // the matching optimal (1), allows one more edge (2, 3), or expands a blossom (4).
      // Each kind's least change (the first to reach it, on ties), then the kinds in that order.
      let d1 = Infinity;
      let d2 = Infinity;
      let d3 = Infinity;
      let d4 = Infinity;
      let at2 = -1;
      let at3 = -1;
      let at4 = -1;
      for (let v = 0; v < n; v++) {
        if (dual[v]! < d1) d1 = dual[v]!;
        const e = bestEdge[v]!;
        if (e === -1) continue;
        if (label[inBlossom[v]!] === 0) {
          const d = slack(e);
          if (d < d2) {
            d2 = d;
            at2 = e;
          }
        }
        if (parent[v] === -1 && label[v] === 1) {
          const d = slack(e) / 2;
          if (d < d3) {
            d3 = d;
            at3 = e;
          }
        }
      }
      for (let b = n; b < blossomEnd; b++) {
        if (base[b]! < 0 || parent[b] !== -1) continue;
        if (label[b] === 1 && bestEdge[b] !== -1) {
          const d = slack(bestEdge[b]!) / 2;
          if (d < d3) {
            d3 = d;
            at3 = bestEdge[b]!;
          }
        } else if (label[b] === 2 && dual[b]! < d4) {
          d4 = dual[b]!;
          at4 = b;
        }
      }
      let delta = d1;
      let deltaType = 1;
      let deltaAt = -1; // the edge to allow, or the blossom to expand
      if (d2 < delta) {
        delta = d2;
        deltaType = 2;
        deltaAt = at2;
      }
      if (d3 < delta) {
        delta = d3;
        deltaType = 3;
        deltaAt = at3;
      }
      if (d4 < delta) {
        delta = d4;
        deltaType = 4;
        deltaAt = at4;
      }
      for (let v = 0; v < n; v++) {
        const l = label[inBlossom[v]!];
        if (l === 1) dual[v]! -= delta;
        else if (l === 2) dual[v]! += delta;
      }
      for (let b = n; b < blossomEnd; b++) {
        if (base[b]! >= 0 && parent[b] === -1) {
          if (label[b] === 1) dual[b]! += delta;
          else if (label[b] === 2) dual[b]! -= delta;
        }
      }
      if (deltaType === 1) break;
      if (deltaType === 2) {
        allowed[deltaAt] = 1;
        queue.push(label[inBlossom[ei[deltaAt]!]!] === 0 ? ej[deltaAt]! : ei[deltaAt]!);
      } else if (deltaType === 3) {
        allowed[deltaAt] = 1;
        queue.push(ei[deltaAt]!);
      } else {
        expandBlossom(deltaAt, false);
      }
    }
    if (!augmented) break;
    // End of a stage: S-blossoms whose dual fell to zero are taken apart.
    for (let b = n; b < blossomEnd; b++) {
      if (parent[b] === -1 && base[b]! >= 0 && label[b] === 1 && dual[b] === 0) expandBlossom(b, true);
    }
  }
  for (let v = 0; v < n; v++) if (mate[v]! >= 0) out[v] = endpoint[mate[v]!]!;
  return out;
}

/**
 * Which way round a blossom to go from sub-blossom `i` to its base (index 0), so that the path
 * has an even length: forward from an odd index (j counts up from i - length to 0), backward
 * from an even one. `trick` picks which end of each connecting edge comes first that way.
 */
function roundFrom(kids: number[], i: number): { j: number; step: number; trick: number } {
  return i & 1 ? { j: i - kids.length, step: 1, trick: 0 } : { j: i, step: -1, trick: 1 };
}
