// `npm start`: build the client if it has never been built, then run the server in the
// foreground. Signals go to the server, and this exits with the server's code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureClient } from './ensure-client.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

try {
  await ensureClient();
} catch (err) {
  process.stderr.write(`mingle: could not build the client: ${err?.stack ?? err}\n`);
  process.exit(1);
}

// `node --import tsx` rather than the tsx CLI: one process, so signals reach the server directly.
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: repo,
  stdio: 'inherit',
  env: process.env,
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}

// npm runs a script in `sh -c`; package.json's `exec` makes this process take the shell's place,
// so a SIGTERM sent to npm's pid (a supervisor, `kill`) reaches this, npm waits for the server to
// stop and exits with its code. Started through a shell without `exec` (an older package.json, a
// script of your own), a SIGTERM would reach that shell, which dies without passing it on: the
// server would keep the port, with no one left to stop it. So when the shell is gone, stop the
// server as if it had been sent SIGTERM. Only under npm: run directly (say, with nohup), this may
// outlive the shell that started it.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    server.kill('SIGTERM');
  }, 500);
  watch.unref();
}

server.on('error', (err) => {
  process.stderr.write(`mingle: could not start the server: ${err.message}\n`);
  process.exit(1);
});

server.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so whoever started us sees the real cause.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
