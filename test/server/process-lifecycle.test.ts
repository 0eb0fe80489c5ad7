import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProcess } from '../helpers/process';

// Each test starts Mingle as its own process (`node --import tsx`, which compiles the server
// first): seconds of CPU that a busy machine, running other suites beside it, stretches.
jest.setTimeout(60_000);

/** server/main.ts and scripts/start.mjs as real processes: start-up line, shutdown, bad settings. */
const ROOT = path.resolve(__dirname, '../..');
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mingle-lifecycle-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The JSON log lines of a process's output. */
const logLines = (out: string): Array<Record<string, unknown>> =>
  out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('the start-up line says where, which store and which instance; SIGTERM stops it cleanly with exit 0', async () => {
  const proc = await startProcess({ DATA_DIR: dataDir, INSTANCE_ID: 'lifecycle-1' });
  const listening = logLines(proc.output()).find((l) => l.msg === 'Mingle is listening')!;
  expect(listening).toMatchObject({ store: 'memory', dataDir: path.resolve(ROOT, dataDir), instance: 'lifecycle-1' });
  expect(listening.address).toBe(proc.url);
  expect(listening.publicUrl).toMatch(/^http:\/\/localhost:\d+$/);

  expect(await proc.kill('SIGTERM')).toBe(0);
  const messages = logLines(proc.output()).map((l) => l.msg);
  // Both written before the exit, in order. Written asynchronously, they once arrived swapped on
  // a loaded machine: pino's exit hook wrote 'stopped' while 'shutting down' was still in flight.
  expect(messages.slice(-2)).toEqual(['shutting down', 'stopped']);
});

test('SIGTERM stops it with exit 0 when nobody reads its log any more', async () => {
  // A log reader that went away: `npm start | tee mingle.log` after tee died, a log shipper
  // restarted. Each line written after that fails with EPIPE. With its shutdown lines still
  // being written as the process exited, the process once never exited at all: pino's exit hook
  // retried the write for ever, and neither the 10 s limit nor another SIGTERM could end it.
  const proc = await startProcess({ DATA_DIR: dataDir });
  proc.child.stdout!.destroy();
  const limit = new Promise<'hung'>((resolve) => setTimeout(resolve, 20_000, 'hung').unref());
  const outcome = await Promise.race([proc.kill('SIGTERM'), limit]);
  if (outcome === 'hung') proc.child.kill('SIGKILL');
  expect(outcome).toBe(0);
});

test.each([
  ['PORT', 'abc', 'expected a whole number from 0 to 65535'],
  ['PUBLIC_URL', '192.168.1.23:3000', 'expected an http:// or https:// URL, such as http://192.168.1.23:3000'],
  ['REDIS_URL', 'localhost:6379', 'expected a redis:// or rediss:// URL, such as redis://127.0.0.1:6379'],
])('%s=%s stops the boot with exit 1 and one line saying what it expects', async (name, value, expected) => {
  await expect(startProcess({ DATA_DIR: dataDir, [name]: value })).rejects.toThrow(
    `mingle exited with 1 before listening:\nmingle: Invalid environment variable ${name}: ${expected}\n`,
  );
});

test('a DATA_DIR that cannot be a directory stops the boot with one line naming it', async () => {
  const file = path.join(dataDir, 'not-a-directory');
  writeFileSync(file, '');
  await expect(startProcess({ DATA_DIR: path.join(file, 'data') })).rejects.toThrow(
    /\nmingle: failed to start: could not keep the snapshot in .*not-a-directory\/data \(DATA_DIR\): ENOTDIR: not a directory, mkdir '[^']*'\n$/,
  );
});

test('a Redis that cannot be reached stops the boot with one line naming it, never its password', async () => {
  const boot = startProcess({ REDIS_URL: 'redis://:hunter2secret@127.0.0.1:1/0' });
  await expect(boot).rejects.toThrow(/\nmingle: failed to start: could not reach Redis at redis:\/\/127\.0\.0\.1:1\/0 \(REDIS_URL\): connect ECONNREFUSED 127\.0\.0\.1:1\n$/);
  await expect(boot).rejects.not.toThrow(/hunter2secret/);
});

test('start.mjs killed through a shell under npm (SIGTERM to the shell) still stops the server', async () => {
  // What npm did before package.json's `exec`, and a script of your own still may: run it in
  // `sh -c`, with npm_lifecycle_event set. A shell sent SIGTERM dies without passing it on;
  // start.mjs notices and stops the server.
  const shell = spawn('sh', ['-c', `"${process.execPath}" scripts/start.mjs`], {
    cwd: ROOT,
    env: { ...process.env, npm_lifecycle_event: 'start', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const closed = new Promise<void>((resolve) => shell.stdout.on('close', resolve));
  shell.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  shell.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never listened:\n${out}`)), 45_000);
    shell.stdout.on('data', () => {
      if (out.includes('Mingle is listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  shell.kill('SIGTERM');
  // The pipe closes once start.mjs and the server, which share it, have both exited.
  await closed;
  // Both lines, though not always in this order: the server shares start.mjs's stdout pipe here,
  // and a write of one can overtake the other's.
  expect(logLines(out).map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
});

test('`npm start` sent SIGTERM waits for the server to stop, then exits 0', async () => {
  // What a supervisor does with the README's command. npm passes the signal to its script and
  // exits when the script does: the server must have stopped by then, or a restart finds the
  // port still held, and the exit code must say it stopped cleanly.
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; serverAlive: boolean }>((resolve) =>
    npm.on('exit', (code, signal) => resolve({ code, signal, serverAlive: isAlive(serverPid) })),
  );
  const serverPid = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never listened:\n${out}`)), 45_000);
    npm.stdout.on('data', () => {
      const listening = logLines(out).find((l) => l.msg === 'Mingle is listening');
      if (listening) {
        clearTimeout(timer);
        resolve(listening.pid as number);
      }
    });
  });
  npm.kill('SIGTERM');
  const { code, signal, serverAlive } = await exited;
  if (serverAlive) process.kill(serverPid, 'SIGKILL');
  expect({ code, signal, serverAlive }).toEqual({ code: 0, signal: null, serverAlive: false });
});

/** Whether the process `pid` is still running. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
