import { spawn } from 'node:child_process';
import path from 'node:path';

// Each case starts a script as its own process (`node --import tsx`, which compiles it first).
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');

/**
 * Runs `scripts/<script>` with `args` as `npm run` would. Resolves with its exit code and
 * output, or `running` if it is still going after `withinMs`: then it had started its work (a
 * benchmark with its defaults, minutes of it), and is stopped.
 */
function run(script: string, args: string[], withinMs = 40_000): Promise<{ code: number | 'running'; out: string }> {
  // Port 1: no Mingle answers there, so a demo that reaches the network fails rather than
  // create an event on a server that happens to be running.
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '1', MINGLE_URL: 'http://127.0.0.1:1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'running', out });
    }, withinMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}

/**
 * The benchmarks run for minutes with their defaults, and the demo creates an event: asked for
 * help, or given a flag they do not know (a typo that would otherwise leave the default in
 * place), they say how to call them instead, and do nothing else.
 */
test.each([
  ['demo.ts', 'npm run demo'],
  ['bench-matcher.ts', 'npm run bench:matcher'],
  ['bench-scale.ts', 'npm run bench:scale'],
  ['bench-memory.ts', 'npm run bench:memory'],
  ['bench-stats.ts', 'npm run bench:stats'],
])('scripts/%s --help prints how to call it and exits 0', async (script, command) => {
  const { code, out } = await run(script, ['--help']);
  expect({ code, usage: out.includes(command) }).toEqual({ code: 0, usage: true });
});

test('an unknown flag is refused with the usage, exit 2 (scripts/lib/flags.ts, which they all use)', async () => {
  const { code, out } = await run('bench-matcher.ts', ['--size', '50']);
  expect({ code, refused: out.includes('unknown option --size'), usage: out.includes('npm run bench:matcher') }).toEqual({ code: 2, refused: true, usage: true });
});
