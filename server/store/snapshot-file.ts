import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { MemoryStore, type MemorySnapshot, type MemoryStoreOptions } from './memory';
import { chunksOf, type SnapshotPart } from './memory/tables';

export interface SnapshotOptions {
  /** Directory of `mingle-snapshot.json`. */
  dir: string;
  logger: Logger;
  /** Retention settings for the store it opens. */
  store?: MemoryStoreOptions;
  /**
   * Quiet time after a change before writing.
   * @default 200
   */
  debounceMs?: number;
  /**
   * Longest a change waits to be written, however busy the store is, unless the last snapshot
   * was slow to serialise: then the wait is at least 20 times that cost.
   * @default 1000
   */
  maxDelayMs?: number;
  /** The clock the sweep at boot reads. @default Date.now */
  now?: () => number;
}

const FILE = 'mingle-snapshot.json';
/** The quiet time after a snapshot, in multiples of what serialising it cost. */
const GAP_PER_COST = 20;
/** Small enough for V8's young generation (see chunksOf). */
const CHUNK_CHARS = 32 * 1024;

/**
 * Keeps a single process's evening on disk: loads the last snapshot at boot, then writes a new
 * one shortly after changes (debounced), always to a temporary file renamed over the old one, so
 * a crash mid-write leaves the previous snapshot whole.
 */
export function openSnapshotStore(o: SnapshotOptions): { store: MemoryStore; flush: () => Promise<void> } {
  mkdirSync(o.dir, { recursive: true });
  const file = path.join(o.dir, FILE);
  const store = load(file, o.logger, o.store ?? {});
  const debounceMs = o.debounceMs ?? 200;
  const maxDelayMs = o.maxDelayMs ?? 1000;

  let timer: NodeJS.Timeout | null = null;
  let firstPending: number | null = null;
  let writing: Promise<void> = Promise.resolve();
  let busy = false;
  let again = false;
  /** When the last snapshot was taken, and the least gap before the next (see below). */
  let lastWriteAt = 0;
  let minGapMs = 0;

  const write = () => {
    timer = null;
    firstPending = null;
    if (busy) {
      again = true; // one write at a time; the next takes in everything since
      return;
    }
    const started = performance.now();
    const parts = store.toSnapshotParts();
    const takeMs = performance.now() - started;
    busy = true;
    writing = writeParts(`${file}.tmp`, parts)
      .then(async (encodeMs) => {
        await rename(`${file}.tmp`, file);
        // Taking the pieces and encoding them are the event loop's work (the disk's is not);
        // however big the evening grows, spend at most about 1/20 of the time on it.
        lastWriteAt = Date.now();
        minGapMs = (takeMs + encodeMs) * GAP_PER_COST;
      })
      .catch((err: unknown) => o.logger.error({ err }, 'snapshot write failed'))
      .finally(() => {
        busy = false;
        if (again) {
          again = false;
          write();
        }
      });
  };

  store.onChange = () => {
    const now = Date.now();
    firstPending ??= now;
    if (timer) clearTimeout(timer);
    const settle = Math.min(debounceMs, Math.max(0, firstPending + maxDelayMs - now));
    timer = setTimeout(write, Math.max(settle, lastWriteAt + minGapMs - now));
  };

  // A process that was down past an event's retention must not serve it, nor keep it on disk,
  // until its first periodic sweep: forget it now (and write the snapshot without it).
  void store.sweep((o.now ?? Date.now)()).then((swept) => {
    if (swept > 0) o.logger.info({ swept }, 'events past retention deleted at boot');
  });

  return {
    store,
    async flush() {
      if (timer) {
        clearTimeout(timer);
        write();
      }
      while (busy) await writing;
    },
  };
}

/**
 * Writes the pieces in chunks, each write a turn of the event loop, through one reused buffer.
 * Resolves with the time spent encoding them on the event loop (ms).
 */
async function writeParts(target: string, parts: SnapshotPart[]): Promise<number> {
  const fh = await open(target, 'w');
  const buffer = Buffer.allocUnsafe(CHUNK_CHARS * 4);
  let encodeMs = 0;
  try {
    for (const text of chunksOf(parts, CHUNK_CHARS)) {
      const started = performance.now();
      // A chunk is a little over CHUNK_CHARS; one far over it (a huge record) gets its own bytes.
      const bytes = text.length * 3 <= buffer.length ? buffer.subarray(0, buffer.write(text)) : Buffer.from(text);
      encodeMs += performance.now() - started;
      for (let done = 0; done < bytes.length; ) done += (await fh.write(bytes, done)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
  return encodeMs;
}

function load(file: string, logger: Logger, options: MemoryStoreOptions): MemoryStore {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return new MemoryStore(options);
  }
  try {
    const snapshot = JSON.parse(raw) as MemorySnapshot;
    if (snapshot.version !== 2) throw new Error(`unknown snapshot version ${String(snapshot.version)}`);
    const store = MemoryStore.fromSnapshot(snapshot, options);
    logger.info({ file, events: snapshot.events.length }, 'snapshot loaded');
    return store;
  } catch (err) {
    // Keep the unreadable file for a person to look at, and start clean rather than not at all.
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    logger.error({ err, aside }, 'snapshot unreadable; moved aside, starting empty');
    return new MemoryStore(options);
  }
}

