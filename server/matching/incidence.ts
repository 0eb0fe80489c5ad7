/**
 * An edge list's incidence lists, flat. Edge k's two ends are endpoints 2k (`ei[k]`) and 2k + 1
 * (`ej[k]`), so `p ^ 1` is the other end of endpoint p, and `endpoint[p]` its vertex. Vertex v's
 * edges are listed by their far ends: `nbEnd[q]` for q from `nbAt[v]` up to `nbAt[v + 1]`.
 */
export function incidence(n: number, ei: Int32Array, ej: Int32Array): { endpoint: Int32Array; nbAt: Int32Array; nbEnd: Int32Array } {
  const m = ei.length;
  const endpoint = new Int32Array(2 * m);
  const nbAt = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    endpoint[2 * k] = ei[k]!;
    endpoint[2 * k + 1] = ej[k]!;
    nbAt[ei[k]! + 1]!++;
    nbAt[ej[k]! + 1]!++;
  }
  for (let v = 0; v < n; v++) nbAt[v + 1]! += nbAt[v]!;
  const nbEnd = new Int32Array(2 * m);
  const fill = nbAt.slice(0, n);
  for (let k = 0; k < m; k++) {
    nbEnd[fill[ei[k]!]!++] = 2 * k + 1;
    nbEnd[fill[ej[k]!]!++] = 2 * k;
  }
  return { endpoint, nbAt, nbEnd };
}
