import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { MemoryStore } from '../../server/store/memory';
import { openSnapshotStore } from '../../server/store/snapshot-file';

describe('the embedded store at boot', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mingle-sweep-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('forgets events already past their retention at once, on disk too', async () => {
    const base = { name: 'E', topics: [], spots: [], status: 'ended' as const, createdAt: 0, announcement: null, pausedAt: null };
    const before = new MemoryStore();
    await before.createEvent({ ...base, id: 'long-gone', code: 'AAAAAA', endsAt: 1_000 }, 'h1');
    await before.createEvent({ ...base, id: 'recent', code: 'BBBBBB', endsAt: 9_000 }, 'h2');
    const file = path.join(dir, 'mingle-snapshot.json');
    writeFileSync(file, before.toSnapshotJson());

    // The process was down until 5 s; retention is 2 s: the first event's data is overdue.
    const { store, flush } = openSnapshotStore({ dir, logger: pino({ level: 'silent' }), store: { retentionMs: 2_000 }, now: () => 5_000 });
    expect(await store.getEvent('long-gone')).toBeNull();
    expect(await store.resolveToken('h1')).toBeNull();
    expect(await store.getEvent('recent')).not.toBeNull();
    await flush();
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('long-gone');
    expect(onDisk).toContain('recent');
  });
});
