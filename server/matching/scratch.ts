/**
 * Typed arrays reused from one tick to the next. At 5000 seekers a tick needs a few megabytes
 * of working arrays; allocating (and zeroing, and collecting) them every tick costs more than
 * some of the work done in them. A tick runs start to finish without yielding, so one set of
 * arrays serves every tick; each user initialises what it reads, so nothing carries over and a
 * plan never depends on an earlier tick. An array may be longer than asked for.
 */
const ints = new Map<string, Int32Array>();
const floats = new Map<string, Float64Array>();

/** Past this many elements an array is not kept between ticks (a one-off huge crowd). */
const KEEP_MAX = 1 << 22;

export function scratchInts(name: string, size: number): Int32Array {
  return scratch(ints, (n) => new Int32Array(n), name, size);
}

export function scratchFloats(name: string, size: number): Float64Array {
  return scratch(floats, (n) => new Float64Array(n), name, size);
}

function scratch<T extends { length: number }>(pool: Map<string, T>, make: (length: number) => T, name: string, size: number): T {
  let a = pool.get(name);
  if (!a || a.length < size) {
    a = make(roundUp(size));
    if (a.length <= KEEP_MAX) pool.set(name, a);
  }
  return a;
}

function roundUp(size: number): number {
  return Math.max(64, 2 ** Math.ceil(Math.log2(size + 1)));
}
