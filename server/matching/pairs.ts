/** An unordered pair's key: the same for (a, b) and (b, a). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function pairSet(pairs: Array<[string, string]>): Set<string> {
  return new Set(pairs.map(([a, b]) => pairKey(a, b)));
}

/** Calls `fn` once for each unordered pair of distinct positions in `ids`. */
export function eachPair(ids: readonly string[], fn: (a: string, b: string) => void): void {
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) fn(ids[i]!, ids[j]!);
}
