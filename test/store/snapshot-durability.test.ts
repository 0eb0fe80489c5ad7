import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { MemoryStore } from '../../server/store/memory';
import { openSnapshotStore, type SnapshotOptions } from '../../server/store/snapshot-file';
import { waitUntil } from '../helpers/server';
import { sampleAttendee, sampleEvent } from './samples';

const DAY = 86_400_000;
const FILE = 'mingle-snapshot.json';

describe('the snapshot file on disk', () => {
  let root: string;
  let dir: string;
  let file: string;
  const open = (o: Partial<SnapshotOptions> = {}) => openSnapshotStore({ dir, logger: pino({ level: 'silent' }), ...o });

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mingle-durable-'));
    dir = path.join(root, 'data');
    file = path.join(dir, FILE);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  /** Writes a store holding these events as the snapshot at `target`. */
  async function snapshotOf(target: string, ...names: string[]) {
    const store = new MemoryStore();
    for (const name of names) await store.createEvent(sampleEvent({ id: name, name }), `hash-${name}`);
    writeFileSync(target, store.toSnapshotJson());
  }

  it('is readable by its owner only, in a directory only its owner can open', async () => {
    const { store, flush } = open();
    await store.createEvent(sampleEvent({ id: 'e1' }), 'h1');
    await store.createAttendee(sampleAttendee('e1', { name: 'Ann', lookFor: 'red scarf' }), 'h2');
    await flush();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}.prev`).mode & 0o777).toBe(0o600);
  });

  it('syncs the new snapshot to disk before renaming it into place, and the directory after', async () => {
    const steps: string[] = [];
    const realOpen = fsp.open;
    jest.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle: FileHandle = await realOpen(...args);
      const realSync = handle.sync.bind(handle);
      handle.sync = async () => {
        steps.push(`sync ${path.basename(String(args[0]))}`);
        return realSync();
      };
      return handle;
    });
    const realRename = fsp.rename;
    jest.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      steps.push(`rename ${path.basename(String(from))} ${path.basename(String(to))}`);
      return realRename(from, to);
    });

    const { store, flush } = open();
    await store.createEvent(sampleEvent({ id: 'e1' }), 'h1');
    await flush();
    const intoPlace = steps.indexOf(`rename ${FILE}.tmp ${FILE}`);
    expect(intoPlace).toBeGreaterThan(-1);
    expect(steps.indexOf(`sync ${FILE}.tmp`)).toBeGreaterThan(-1);
    expect(steps.indexOf(`sync ${FILE}.tmp`)).toBeLessThan(intoPlace);
    expect(steps.indexOf('sync data', intoPlace)).toBeGreaterThan(intoPlace);
  });

  it('boots from the previous snapshot when the last one is torn, and keeps no torn copy', async () => {
    const first = open();
    await first.store.createEvent(sampleEvent({ id: 'e1' }), 'h1');
    await first.store.createEvent(sampleEvent({ id: 'e2' }), 'h2');
    await first.flush();
    // A crash mid-write on a disk that lied about syncing: half a file.
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole.slice(0, Math.floor(whole.length / 2)));

    const { store } = open();
    expect(await store.getEvent('e1')).not.toBeNull();
    expect(await store.getEvent('e2')).not.toBeNull();
    expect(await store.resolveToken('h1')).toEqual({ kind: 'organiser', eventId: 'e1' });
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('boots from the previous snapshot when a crash came between the two renames', async () => {
    mkdirData();
    await snapshotOf(`${file}.prev`, 'e1');
    const { store } = open();
    expect(await store.getEvent('e1')).not.toBeNull();
  });

  it('keeps nothing deleted in the previous snapshot once the writes settle', async () => {
    const { store, flush } = open();
    await store.createEvent(sampleEvent({ id: 'e1' }), 'h1');
    const zed = sampleAttendee('e1', { name: 'Zedediah' });
    await store.createAttendee(zed, 'h2');
    await flush();
    expect(readFileSync(file, 'utf8')).toContain('Zedediah');
    await store.deleteAttendee('e1', zed.id); // "Delete my data now"
    await flush();
    expect(readFileSync(file, 'utf8')).not.toContain('Zedediah');
    expect(readFileSync(`${file}.prev`, 'utf8')).not.toContain('Zedediah');
  });

  it('when nothing is readable, starts empty, sets the files aside, and deletes them after the retention period', async () => {
    mkdirData();
    writeFileSync(file, '{"version": 2, "events": [');
    writeFileSync(`${file}.prev`, '');
    const old = `${file}.corrupt-1000`;
    writeFileSync(old, '{"names": "of people, long ago"}');
    const twoDaysAgo = (Date.now() - 2 * DAY) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    writeFileSync(`${file}.tmp`, '{"half a write');

    const { store } = open({ store: { retentionMs: DAY } });
    expect(await store.resolveToken('h1')).toBeNull();
    const left = readdirSync(dir);
    expect(left).not.toContain(path.basename(old));
    expect(left).not.toContain(`${FILE}.tmp`);
    expect(left.filter((f) => f.includes('.corrupt-'))).toHaveLength(2); // kept for a person to look at, for now

    // A process that keeps running deletes them too, once they are past the retention period.
    rmSync(dir, { recursive: true, force: true });
    mkdirData();
    writeFileSync(file, 'not json');
    open({ store: { retentionMs: 1_500 } });
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
    await waitUntil(() => !readdirSync(dir).some((f) => f.includes('.corrupt-')), 10_000);
  });

  function mkdirData() {
    if (!existsSync(dir)) mkdirSync(dir);
  }
});
