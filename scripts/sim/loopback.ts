/**
 * Spreading the crowd's connections over several loopback source addresses (127.0.0.2, .3, ...),
 * so one address's ephemeral ports are never the limit. Linux routes all of 127.0.0.0/8 to `lo`,
 * so binding a client socket to any of them needs no setup. engine.io-client hands
 * `localAddress` to `ws`, which hands it to `net.connect`; HTTP joins use it the same way.
 */
import http from 'node:http';
import { connect } from 'node:net';

/** Whether the URL's host is this machine's loopback. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}

/** Connects once from `localAddress` to the URL's host and port. */
function reachableFrom(url: string, localAddress: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 80), localAddress });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Up to `wanted` source addresses from 127.0.0.2 on that can reach the server, or an empty list
 * (let the OS choose) for a remote server or when binding fails.
 */
export async function sourceAddresses(url: string, wanted: number): Promise<string[]> {
  if (wanted <= 0 || !isLoopback(url)) return [];
  const out: string[] = [];
  for (let i = 0; i < wanted; i++) {
    const addr = `127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`;
    if (!(await reachableFrom(url, addr))) break;
    out.push(addr);
  }
  return out;
}

const agents = new Map<string, http.Agent>();

function agentFor(localAddress: string | undefined): http.Agent {
  const key = localAddress ?? '';
  let agent = agents.get(key);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 32, ...(localAddress ? { localAddress } : {}) });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes the keep-alive connections of {@link postJson}. */
export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

export interface HttpReply {
  status: number;
  body: unknown;
}

/** POSTs JSON and parses the JSON answer. Network failures reject. */
export function postJson(url: string, body: unknown, localAddress?: string, timeoutMs = 15_000, headers: Record<string, string> = {}): Promise<HttpReply> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: agentFor(localAddress),
        headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('TIMEOUT')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** GETs text, or null on any failure. */
export function getText(url: string, timeoutMs = 5_000, headers: Record<string, string> = {}): Promise<{ status: number; text: string } | null> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs, agent: agentFor(undefined), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy(new Error('TIMEOUT')));
    req.on('error', () => resolve(null));
  });
}

/** The `authorization` header for a server's secret (ORGANISER_KEY, METRICS_TOKEN), or none without one. */
export const bearer = (secret: string | undefined): Record<string, string> => (secret ? { authorization: `Bearer ${secret}` } : {});
