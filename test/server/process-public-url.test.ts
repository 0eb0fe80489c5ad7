import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { CreateEventResponse } from '../../shared/schemas';
import { startProcess, type MingleProcess } from '../helpers/process';

// Each test starts Mingle as its own process (`node --import tsx`, which compiles the server
// first): seconds of CPU that a busy machine, running other suites beside it, stretches.
jest.setTimeout(60_000);

/** The JSON log lines of a process's output. */
const logLines = (out: string): Array<Record<string, unknown>> =>
  out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * PORT=0 takes a free port. Without PUBLIC_URL, the join links, the dashboard link and the
 * start-up line must name that port: before the fix they all said `:0`, which opens nothing.
 */
describe('PORT=0 without PUBLIC_URL', () => {
  let dataDir: string;
  let proc: MingleProcess | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mingle-public-url-'));
  });
  afterEach(async () => {
    await proc?.kill('SIGTERM');
    proc = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('links and the start-up line name the port the server listens on', async () => {
    // An empty PUBLIC_URL counts as unset, whatever the environment running the tests says.
    proc = await startProcess({ DATA_DIR: dataDir, PUBLIC_URL: '' });
    const port = new URL(proc.url).port;
    expect(Number(port)).toBeGreaterThan(0);
    const expected = `http://localhost:${port}`; // HOST is 127.0.0.1: not every interface, so localhost

    const listening = logLines(proc.output()).find((l) => l.msg === 'Mingle is listening')!;
    expect(listening.publicUrl).toBe(expected);

    const res = await request(proc.url).post('/api/events').send({ name: 'Port zero' }).expect(201);
    const made = res.body as CreateEventResponse;
    expect(made.joinUrl).toBe(`${expected}/e/${made.event.code}`);
    expect(made.dashboardUrl).toBe(`${expected}/organiser/${made.event.id}`);
    // And the join link reaches this server (the page, or 503 before the client is built).
    await request(made.joinUrl.replace('//localhost:', '//127.0.0.1:')).get('').expect((r) => expect([200, 503]).toContain(r.status));
  });

  test('a PUBLIC_URL that is set is left as it is', async () => {
    proc = await startProcess({ DATA_DIR: dataDir, PUBLIC_URL: 'https://mingle.example.org' });
    const listening = logLines(proc.output()).find((l) => l.msg === 'Mingle is listening')!;
    expect(listening.publicUrl).toBe('https://mingle.example.org');
    const made = (await request(proc.url).post('/api/events').send({ name: 'Set' }).expect(201)).body as CreateEventResponse;
    expect(made.joinUrl).toBe(`https://mingle.example.org/e/${made.event.code}`);
  });
});
