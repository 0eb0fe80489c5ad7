/**
 * `npm run bench:memory -- --attendees N`: what each attendee costs a server at rest. Starts one
 * real server process (embedded store), joins N attendees over HTTP, connects each one's phone
 * (socket.io-client, websocket) and reads `/metrics` at three points: before anyone joined,
 * after the joins, and with everyone connected. Before each reading the server is left idle
 * until V8's memory reducer has run a full collection (heap used stops falling), so the heap
 * figures are live data, not garbage waiting for the collector.
 */
import { io, type Socket } from 'socket.io-client';
import { machineLine } from './bench/machine';
import { closeAgents, getText, postJson, sourceAddresses } from './sim/loopback';
import { parseMetrics } from './sim/scraper';
import { startServer, tempDataDir } from './sim/servers';
import { readFlags } from './lib/flags';

const USAGE = `npm run bench:memory -- [options]
  --attendees N   attendees to join and connect (default 5000)`;

interface Reading {
  rss: number;
  heap: number;
}

async function reading(url: string): Promise<Reading> {
  const res = await getText(`${url}/metrics`);
  if (!res || res.status !== 200) throw new Error(`no /metrics from ${url}`);
  const m = parseMetrics(res.text);
  return { rss: m.get('process_resident_memory_bytes') ?? NaN, heap: m.get('nodejs_heap_size_used_bytes') ?? NaN };
}

/** Waits until the heap has stopped falling for a while (the memory reducer starts after 8 s idle). */
async function settled(url: string): Promise<Reading> {
  let best = await reading(url);
  let quietSince = Date.now();
  while (Date.now() - quietSince < 12_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const r = await reading(url);
    if (r.heap < best.heap * 0.99) quietSince = Date.now();
    best = r.heap < best.heap ? r : { ...best, rss: r.rss };
  }
  return best;
}

async function main() {
  const n = Number(readFlags(process.argv.slice(2), USAGE, ['attendees']).get('attendees') ?? 5000);
  if (!Number.isInteger(n) || n < 1) throw new Error('--attendees wants a whole number');
  const data = tempDataDir();
  const server = await startServer({ name: 'A', matchIntervalMs: 1000, dataDir: data.dir });
  const sockets: Socket[] = [];
  try {
    const sources = await sourceAddresses(server.url, Math.ceil(n / 20_000) + 1);
    const from = (k: number) => (sources.length ? sources[k % sources.length] : undefined);
    const idle = await settled(server.url);
    const created = await postJson(`${server.url}/api/events`, { name: 'Memory bench' });
    const code = (created.body as { event: { code: string } }).event.code;
    const tokens: string[] = [];
    for (let k = 0; k < n; k += 100) {
      const batch = Array.from({ length: Math.min(100, n - k) }, (_, j) =>
        postJson(`${server.url}/api/events/${code}/attendees`, { name: `Guest ${k + j}`, interests: ['climbing', 'jazz', 'rust'], solo: true, lookFor: 'red scarf' }, from(k + j)),
      );
      for (const res of await Promise.all(batch)) {
        if (res.status !== 201) throw new Error(`join answered ${res.status}`);
        tokens.push((res.body as { token: string }).token);
      }
    }
    const joined = await settled(server.url);
    for (let k = 0; k < n; k += 200) {
      await Promise.all(
        tokens.slice(k, k + 200).map(
          (token, j) =>
            new Promise<void>((resolve, reject) => {
              const s = io(`${server.url}/attendee`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, localAddress: from(k + j) } as Parameters<typeof io>[1]);
              sockets.push(s);
              s.once('state', () => resolve());
              s.once('connect_error', reject);
            }),
        ),
      );
    }
    const connected = await settled(server.url);
    const kb = (bytes: number) => `${(bytes / n / 1024).toFixed(1)} KB`;
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    process.stdout.write(
      [
        machineLine(),
        '',
        `${n} attendees joined and connected to one server (embedded store), measured at rest.`,
        '',
        '| | RSS | heap used | RSS per attendee | heap per attendee |',
        '|---|---:|---:|---:|---:|',
        `| idle server | ${mib(idle.rss)} | ${mib(idle.heap)} | | |`,
        `| joined (no phones) | ${mib(joined.rss)} | ${mib(joined.heap)} | ${kb(joined.rss - idle.rss)} | ${kb(joined.heap - idle.heap)} |`,
        `| joined and connected | ${mib(connected.rss)} | ${mib(connected.heap)} | ${kb(connected.rss - idle.rss)} | ${kb(connected.heap - idle.heap)} |`,
        `| the connection alone | | | ${kb(connected.rss - joined.rss)} | ${kb(connected.heap - joined.heap)} |`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const s of sockets) s.close();
    closeAgents();
    await server.kill('SIGTERM');
    data.remove();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
