/**
 * An empty object for keys that are ids (attendee ids, `w:<attendee id>` hash fields). Made in
 * dictionary mode (a property deleted from the middle): adding thousands of distinct ids as keys
 * to plain `{}`s makes V8 build a hidden class for each, which costs far more than the work the
 * object is for.
 */
export function dictionary<T>(): Record<string, T> {
  const o: Record<string, unknown> = { a: 0, b: 0 };
  delete o['a'];
  delete o['b'];
  return o as Record<string, T>;
}
