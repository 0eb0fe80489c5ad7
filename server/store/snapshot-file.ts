import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { MemoryStore, type MemorySnapshot, type MemoryStoreOptions } from './memory';
import { chunksOf, type SnapshotPart } from './memory/tables';
import { DEFAULT_RETENTION_MS } from './store';

export interface SnapshotOptions {
  /** Directory of `mingle-snapshot.json` and the one before it, `mingle-snapshot.json.prev`. */
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
/** The longest delay setTimeout takes (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The quiet time after a snapshot, in multiples of what serialising it cost. */
const GAP_PER_COST = 20;
/** Small enough for V8's young generation (see chunksOf). */
const CHUNK_CHARS = 32 * 1024;

/**
 * Keeps a single process's evening on disk: loads the last snapshot at boot, then writes a new
 * one shortly after changes (debounced), always to a temporary file that is synced to disk and
 * then renamed over the old one, so a crash mid-write leaves the previous snapshot whole. The
 * snapshot before the last is kept as `.prev`, to boot from if the last is ever found torn; once
 * changes stop, one more write makes it the same as the last, so nothing deleted (a "delete my
 * data", an event past retention) lingers in it. Both are readable by their owner only.
 */
export function openSnapshotStore(o: SnapshotOptions): { store: MemoryStore; flush: () => Promise<void> } {
  // Names, contact details and reports: for this process's user only. A directory that exists
  // already keeps its mode (it may be a mount someone else set up); the files are 0600 anyway.
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const file = path.join(o.dir, FILE);
  const prev = `${file}.prev`;
  // Half a write from a crash: never read, and it may hold someone who has since been deleted.
  rmSync(`${file}.tmp`, { force: true });
  // Written by a version that left them readable by everyone.
  for (const target of [file, prev]) ownerOnly(target, o.logger);
  const store = load(file, prev, o.logger, o.store ?? {});
  forgetAside(o.dir, o.store?.retentionMs ?? DEFAULT_RETENTION_MS, o.logger);
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
  /**
   * Changes since boot, and how many of them the last snapshot and the one before it hold;
   * -1 for a `.prev` left by an earlier process, which may hold anything.
   */
  let changes = 0;
  let inFile = 0;
  let inPrev = existsSync(prev) ? -1 : 0;

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
    const holds = changes;
    let wrote = false;
    busy = true;
    writing = writeParts(`${file}.tmp`, parts)
      .then(async (encodeMs) => {
        await rename(file, prev).catch(unlessMissing);
        await rename(`${file}.tmp`, file);
        await syncDir(o.dir);
        inPrev = inFile;
        inFile = holds;
        wrote = true;
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
        } else if (wrote && !timer) {
          settlePrev();
        }
      });
  };

  /** Writes once more, unasked, if `.prev` still holds something the last snapshot does not. */
  const settlePrev = () => {
    if (inPrev === inFile) return;
    timer = setTimeout(write, Math.max(debounceMs, lastWriteAt + minGapMs - Date.now()));
  };

  store.onChange = () => {
    changes++;
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
    if (!timer && !busy) settlePrev();
  });

  return {
    store,
    async flush() {
      while (timer || busy) {
        if (timer) {
          clearTimeout(timer);
          write();
        }
        await writing;
      }
    },
  };
}

/**
 * Writes the pieces in chunks, each write a turn of the event loop, through one reused buffer.
 * Resolves with the time spent encoding them on the event loop (ms).
 */
async function writeParts(target: string, parts: SnapshotPart[]): Promise<number> {
  const fh = await open(target, 'w', 0o600);
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
    // On disk before the rename makes it the snapshot: else a crash can leave a renamed, empty file.
    await fh.sync();
  } finally {
    await fh.close();
  }
  return encodeMs;
}

/** Makes the renames durable too: a rename is written to the directory, not to the file. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // a directory cannot be opened there; NTFS journals renames
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

function unlessMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}

function ownerOnly(target: string, logger: Logger): void {
  try {
    chmodSync(target, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ err, file: target }, 'could not make the snapshot private');
  }
}

type Read = { kind: 'loaded'; store: MemoryStore; events: number } | { kind: 'missing' } | { kind: 'unreadable'; err: unknown };

function read(file: string, options: MemoryStoreOptions): Read {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', err };
  }
  try {
    const snapshot = JSON.parse(raw) as MemorySnapshot;
    if (snapshot.version !== 2) throw new Error(`unknown snapshot version ${String(snapshot.version)}`);
    return { kind: 'loaded', store: MemoryStore.fromSnapshot(snapshot, options), events: snapshot.events.length };
  } catch (err) {
    return { kind: 'unreadable', err };
  }
}

/**
 * The last snapshot; else the one before it (the last is torn, or a crash came between the two
 * renames), so phones and organiser links keep working at the cost of a second's changes; else
 * an empty store.
 */
function load(file: string, prev: string, logger: Logger, options: MemoryStoreOptions): MemoryStore {
  const last = read(file, options);
  if (last.kind === 'loaded') {
    logger.info({ file, events: last.events }, 'snapshot loaded');
    return last.store;
  }
  const before = read(prev, options);
  if (before.kind === 'loaded') {
    // The torn file holds people's details and nothing the previous one lacks but its last
    // second: delete it, or the next write would rotate it over the good one.
    if (last.kind === 'unreadable') rmSync(file, { force: true });
    logger.error({ err: last.kind === 'unreadable' ? last.err : undefined, file: prev, events: before.events }, 'last snapshot unreadable or missing; loaded the one before it');
    return before.store;
  }
  // Keep unreadable files for a person to look at (forgetAside deletes them after the retention
  // period), and start clean rather than not at all.
  for (const [target, result] of [[file, last], [prev, before]] as const) {
    if (result.kind !== 'unreadable') continue;
    const aside = `${target}.corrupt-${Date.now()}`;
    renameSync(target, aside);
    logger.error({ err: result.err, aside }, 'snapshot unreadable; moved aside, starting empty');
  }
  return new MemoryStore(options);
}

/**
 * Snapshots set aside as unreadable hold names, contact details and reports: each is deleted
 * once its contents are older than the retention period, at boot or by a timer after it.
 */
function forgetAside(dir: string, retentionMs: number, logger: Logger): void {
  let next = Infinity;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(`${FILE}.`) || !name.includes('.corrupt-')) continue;
      const target = path.join(dir, name);
      const due = statSync(target).mtimeMs + retentionMs;
      if (due > Date.now()) next = Math.min(next, due);
      else {
        rmSync(target, { force: true });
        logger.info({ file: target }, 'unreadable snapshot past the retention period deleted');
      }
    }
  } catch (err) {
    logger.error({ err, dir }, 'could not delete unreadable snapshots past the retention period');
    return;
  }
  if (next === Infinity) return;
  const delay = Math.min(Math.max(0, next - Date.now()), MAX_TIMER_MS);
  setTimeout(() => forgetAside(dir, retentionMs, logger), delay).unref();
}

