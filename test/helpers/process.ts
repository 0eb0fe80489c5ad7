import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface MingleProcess {
  url: string;
  child: ChildProcess;
  /** Everything it logged, for a failing test to print. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /**
   * Resolves once `count` lines logged from offset `from` of `output()` on match `line`: waits
   * on what the process writes, never on a clock. Rejects if it exits first.
   */
  waitForLines(line: RegExp, count?: number, from?: number): Promise<string[]>;
}

/** Starts `server/main.ts` as a real process on a free port and waits until it listens. */
export async function startProcess(env: Record<string, string>): Promise<MingleProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', MATCH_INTERVAL_MS: '50', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"address":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*Mingle is listening/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`mingle exited with ${code} before listening:\n${out}`)));
  });
  return {
    url,
    child,
    exited,
    output: () => out,
    waitForLines(line, count = 1, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = out.slice(from).split('\n').filter((l) => line.test(l));
          if (hits.length < count) return false;
          child.stdout!.off('data', check);
          resolve(hits);
          return true;
        };
        if (check()) return;
        // Listeners run in order: the one above has added the chunk to `out` by now.
        child.stdout!.on('data', check);
        void exited.then(() => reject(new Error(`mingle exited before logging ${count} × ${line}:\n${out}`)));
      });
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
