import { BlossomForest, LABELS } from './blossom-forest';

// Read once (see score.ts).
const { free: FREE, s: S, t: T } = LABELS;

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
  const out = new Int32Array(n).fill(-1);
  if (ei.length === 0 || n === 0) return out;
  const f = new BlossomForest(n, ei, ej, ew);
  const { endpoint, nbAt, nbEnd, mate, label, labelEnd, inBlossom, parent, base, bestEdge, blossomBestEdges, dual, allowed, queue, twice } = f;
  const slack = (k: number): number => dual[ei[k]!]! + dual[ej[k]!]! - twice[k]!;

  for (let stage = 0; stage < n; stage++) {
    label.fill(FREE);
    bestEdge.fill(-1);
    for (let b = n; b < f.blossomEnd; b++) blossomBestEdges[b] = null;
    allowed.fill(0);
    queue.length = 0;
    for (let v = 0; v < n; v++) if (mate[v] === -1 && label[inBlossom[v]!] === FREE) f.assignLabel(v, S, -1);

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
            if (label[bw] === FREE) {
              f.assignLabel(w, T, p ^ 1);
            } else if (label[bw] === S) {
              const found = f.scanBlossom(v, w);
              if (found >= 0) f.addBlossom(found, k);
              else {
                f.augmentMatching(k);
                augmented = true;
                break;
              }
            } else if (label[w] === FREE) {
              label[w] = T;
              labelEnd[w] = p ^ 1;
            }
          } else if (label[bw] === S) {
            const b = inBlossom[v]!;
            if (bestEdge[b] === -1 || kslack < slack(bestEdge[b]!)) bestEdge[b] = k;
          } else if (label[w] === FREE) {
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
        if (label[inBlossom[v]!] === FREE) {
          const d = slack(e);
          if (d < d2) {
            d2 = d;
            at2 = e;
          }
        }
        if (parent[v] === -1 && label[v] === S) {
          const d = slack(e) / 2;
          if (d < d3) {
            d3 = d;
            at3 = e;
          }
        }
      }
      for (let b = n; b < f.blossomEnd; b++) {
        if (base[b]! < 0 || parent[b] !== -1) continue;
        if (label[b] === S && bestEdge[b] !== -1) {
          const d = slack(bestEdge[b]!) / 2;
          if (d < d3) {
            d3 = d;
            at3 = bestEdge[b]!;
          }
        } else if (label[b] === T && dual[b]! < d4) {
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
        if (l === S) dual[v]! -= delta;
        else if (l === T) dual[v]! += delta;
      }
      for (let b = n; b < f.blossomEnd; b++) {
        if (base[b]! >= 0 && parent[b] === -1) {
          if (label[b] === S) dual[b]! += delta;
          else if (label[b] === T) dual[b]! -= delta;
        }
      }
      if (deltaType === 1) break;
      if (deltaType === 2) {
        allowed[deltaAt] = 1;
        queue.push(label[inBlossom[ei[deltaAt]!]!] === FREE ? ej[deltaAt]! : ei[deltaAt]!);
      } else if (deltaType === 3) {
        allowed[deltaAt] = 1;
        queue.push(ei[deltaAt]!);
      } else {
        f.expandBlossom(deltaAt, false);
      }
    }
    if (!augmented) break;
    // End of a stage: S-blossoms whose dual fell to zero are taken apart.
    for (let b = n; b < f.blossomEnd; b++) {
      if (parent[b] === -1 && base[b]! >= 0 && label[b] === S && dual[b] === 0) f.expandBlossom(b, true);
    }
  }
  for (let v = 0; v < n; v++) if (mate[v]! >= 0) out[v] = endpoint[mate[v]!]!;
  return out;
}

