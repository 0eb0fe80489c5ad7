import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { MemoryStore, type MemorySnapshot, type MemoryStoreOptions } from './memory';

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
}

const FILE = 'mingle-snapshot.json';
/** The quiet time after a snapshot, in multiples of what serialising it cost. */
const GAP_PER_COST = 20;

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
  /** When the last snapshot was serialised, and the least gap before the next (see below). */
  let lastWriteAt = 0;
  let minGapMs = 0;

  const write = () => {
    timer = null;
    firstPending = null;
    const started = performance.now();
    const json = store.toSnapshotJson();
    const costMs = performance.now() - started;
    // Serialising holds the event loop; however big the evening grows, spend at most about
    // 1/20 of the time on it (a 40 ms snapshot is written at most every 800 ms).
    lastWriteAt = Date.now();
    minGapMs = costMs * GAP_PER_COST;
    if (costMs > 20) o.logger.debug({ costMs: Math.round(costMs), bytes: json.length }, 'snapshot serialised');
    writing = writing
      .then(async () => {
        await writeFile(`${file}.tmp`, json);
        await rename(`${file}.tmp`, file);
      })
      .catch((err: unknown) => o.logger.error({ err }, 'snapshot write failed'));
  };

  store.onChange = () => {
    const now = Date.now();
    firstPending ??= now;
    if (timer) clearTimeout(timer);
    const settle = Math.min(debounceMs, Math.max(0, firstPending + maxDelayMs - now));
    timer = setTimeout(write, Math.max(settle, lastWriteAt + minGapMs - now));
  };

  return {
    store,
    async flush() {
      if (timer) {
        clearTimeout(timer);
        write();
      }
      await writing;
    },
  };
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

