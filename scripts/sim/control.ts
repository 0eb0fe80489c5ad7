/**
 * A control for the event-loop figures: an idle Node process that only measures its own
 * event-loop delay, in the same windows as the servers. On a shared or overloaded machine its
 * delay is the scheduling noise floor under every other figure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EVENT_LOOP_SAMPLE_MS, delayBeyondSample } from '../../server/metrics';
import { track } from './servers';
import { summarise } from './stats';

const PROBE = `
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: ${EVENT_LOOP_SAMPLE_MS} });
h.enable();
setInterval(() => {
  process.stdout.write(JSON.stringify({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 }) + '\\n');
  h.reset();
}, Number(process.argv[1]));`;

export interface ControlLag {
  /** p99 event-loop delay of each window, beyond the sampling interval: worst and median (ms). */
  lagP99WorstMs: number;
  lagP99MedianMs: number;
  windows: number;
}

export class ControlProbe {
  private readonly child: ChildProcess;
  private readonly p99s: number[] = [];

  constructor(everyMs: number) {
    this.child = spawn(process.execPath, ['-e', PROBE, String(everyMs)], { stdio: ['ignore', 'pipe', 'ignore'] });
    track(this.child);
    let pending = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.p99s.push(delayBeyondSample((JSON.parse(line) as { p99: number }).p99));
    });
  }

  stop(): ControlLag {
    this.child.kill();
    const s = summarise(this.p99s);
    return { lagP99WorstMs: s.max, lagP99MedianMs: s.p50, windows: s.n };
  }
}
