/**
 * The other side of every pair key (`pairKey` in server/matching/pairs.ts, `a|b`) that has `id`
 * on one side, each once: say, whom someone blocked or was blocked by.
 */
export function othersIn(keys: Iterable<string>, id: string): string[] {
  const out = new Set<string>();
  for (const key of keys) {
    const [a, b] = key.split('|');
    if (a === id && b !== undefined) out.add(b);
    else if (b === id && a !== undefined) out.add(a);
  }
  return [...out];
}
