import { execSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

/** The machine a benchmark ran on, as one line for the report. */
export function machineLine(): string {
  const date = execSync('date -u').toString().trim();
  const nproc = execSync('nproc').toString().trim();
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1]!.trim();
  } catch {
    // Not Linux: keep os.cpus()'s model.
  }
  const gib = Math.round(totalmem() / 2 ** 30);
  const load = loadavg().map((x) => x.toFixed(2)).join(', ');
  return `\`date -u\`: ${date}. Machine: \`nproc\` ${nproc}, CPU "${model}" (/proc/cpuinfo), ${gib} GiB RAM, Node ${process.version}. Load average at start: ${load}.`;
}
