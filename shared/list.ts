/** Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms: scripts written right to left. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/**
 * Typed text in a right-to-left script, set apart (U+2068 FIRST STRONG ISOLATE ... U+2069 POP
 * DIRECTIONAL ISOLATE) so that the sentence around it keeps its order: without it, "Go and join
 * محمد, سارة and Bob" shows the two names swapped and the comma moved. Other text is left as it
 * is, so it stays plain for search and copy.
 */
export function isolateRtl(text: string): string {
  return RTL.test(text) ? `\u2068${text}\u2069` : text;
}

/** "a", "a and b", "a, b and c": names or topics people typed, each isolated if right to left. */
export function listOf(items: ReadonlyArray<string>): string {
  // Built in one pass: the matcher writes a few of these for everyone it places in a tick.
  const n = items.length;
  if (n === 0) return '';
  let out = isolateRtl(items[0]!);
  for (let i = 1; i < n; i++) out += (i === n - 1 ? ' and ' : ', ') + isolateRtl(items[i]!);
  return out;
}
