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
   * Longest a change waits to be written, however busy the store is.
   * @default 1000
   */
  maxDelayMs?: number;
}

const FILE = 'mingle-snapshot.json';

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

  const write = () => {
    timer = null;
    firstPending = null;
    const json = JSON.stringify(store.toSnapshot());
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
    const wait = Math.min(debounceMs, Math.max(0, firstPending + maxDelayMs - now));
    timer = setTimeout(write, wait);
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

