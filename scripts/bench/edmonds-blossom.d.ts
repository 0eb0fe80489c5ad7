/** The oracle used by the matcher benchmark (dev dependency, no types of its own). */
declare module 'edmonds-blossom' {
  /**
   * Maximum-weight matching (Edmonds' blossom algorithm, O(n^3)) of the graph given as
   * [i, j, weight] edges over vertices 0..n-1. Returns mate[v] (or -1) for each vertex up to the
   * largest one named in an edge. Weights should be integers: slack tests compare with 0.
   */
  function blossom(edges: Array<[number, number, number]>, maxCardinality?: boolean): number[];
  export = blossom;
}
