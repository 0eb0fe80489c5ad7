import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { State } from '../../shared/schemas';
import { startProcess, type MingleProcess } from '../helpers/process';
import { call, connectAttendee, createEvent, findEachOther, joinEvent, type AttendeeSocket } from '../helpers/server';

// Each test starts Mingle as its own process (`node --import tsx`, which compiles the server
// first): seconds of CPU that a busy machine, running other suites beside it, stretches.
jest.setTimeout(60_000);

describe('the embedded store survives a crash', () => {
  let dir: string;
  const procs: MingleProcess[] = [];
  const sockets: AttendeeSocket[] = [];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mingle-data-'));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
  });

  test('after kill -9 and a restart, phones resume with their tokens', async () => {
    const first = await startProcess({ DATA_DIR: dir });
    procs.push(first);
    const { event } = await createEvent(first.url, { name: 'Persistent', spots: ['Bar'] });
    const ann = await joinEvent(first.url, event.code, { name: 'Ann', interests: ['Go'] });
    const bob = await joinEvent(first.url, event.code, { name: 'Bob', interests: ['go'] });
    const a = await connectAttendee(first.url, ann.token);
    const b = await connectAttendee(first.url, bob.token);
    sockets.push(a, b);
    const match = await findEachOther(a, b);
    const met = (await call(b, 'match:met', { matchId: match.id })) as { ok: true; state: State };

    // Wait for the debounced snapshot to hold the confirmed match, then crash.
    const file = path.join(dir, 'mingle-snapshot.json');
    await new Promise<void>((resolve) => {
      const check = () => {
        let raw = '';
        try {
          raw = readFileSync(file, 'utf8');
        } catch {}
        if (raw.includes('"chatting"')) resolve();
        else setTimeout(check, 25);
      };
      check();
    });
    await first.kill('SIGKILL');

    const second = await startProcess({ DATA_DIR: dir });
    procs.push(second);
    const again = await connectAttendee(second.url, ann.token);
    sockets.push(again);
    const state = ((await call(again, 'profile:update', {})) as { ok: true; state: State }).state;
    expect(state.status).toBe('chatting');
    expect(state.match).toMatchObject({ id: match.id, beacon: match.beacon, spot: 'Bar', partners: [{ name: 'Bob' }] });
    expect(state.event).toEqual(met.state.event);
    // And the evening goes on: they can finish and look again.
    const done = await call(again, 'match:leave', { matchId: match.id, reason: 'done' });
    expect(done).toMatchObject({ ok: true, state: { status: 'idle' } });
  });
});
