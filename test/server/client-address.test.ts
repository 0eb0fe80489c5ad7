import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import Fastify from 'fastify';
import { clientAddressReader } from '../../server/realtime/client-address';

/** A GET to `port` from `localAddress` to `host`; resolves with the JSON body. */
function get(host: string, port: number, localAddress: string, xff: string | undefined): Promise<{ ip: string; peer: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, localAddress, path: '/', headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(JSON.parse(body) as { ip: string; peer: string }));
    });
    req.on('error', reject);
  });
}

/**
 * The socket limits count a handshake by the address Fastify gives `request.ip` under the same
 * TRUST_PROXY, so that a socket and an HTTP request from one client are one address. Checked
 * against a real Fastify, from several loopback peers (IPv4, IPv4-mapped IPv6, IPv6).
 */
describe("a handshake's client address is read as Fastify reads request.ip", () => {
  // A container may have no IPv6 loopback: then the IPv4 peers only.
  const ipv6 = Object.values(networkInterfaces()).some((infos) => infos?.some((i) => i.address === '::1'));
  const trusts: Array<boolean | string[]> = [false, true, ['127.0.0.1'], ['127.0.0.0/8', '::1'], ['127.0.0.2', '2001:db8::/32'], ['::ffff:127.0.0.1']];
  /** [connect to, from] */
  const peers: Array<[string, string]> = [['127.0.0.1', '127.0.0.1'], ['127.0.0.1', '127.0.0.2'], ...(ipv6 ? [['::1', '::1'] as [string, string]] : [])];
  const chains = [undefined, '203.0.113.5', '198.51.100.1, 203.0.113.5', '198.51.100.1,127.0.0.9 , 127.0.0.8', '2001:db8::7, 127.0.0.1', 'not-an-address, 127.0.0.1', ' , 203.0.113.9'];

  test.each(trusts)('TRUST_PROXY %j', async (trust) => {
    const app = Fastify({ trustProxy: trust });
    app.get('/', async (request) => ({ ip: request.ip, peer: request.raw.socket.remoteAddress }));
    // Both families: an IPv4 peer then shows as ::ffff:127.0.0.x.
    await app.listen({ port: 0, host: ipv6 ? '::' : '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const read = clientAddressReader(trust);
    try {
      const seen = new Set<string>();
      for (const [host, from] of peers) {
        for (const xff of chains) {
          const { ip, peer } = await get(host, port, from, xff);
          seen.add(peer);
          expect({ peer, xff, ip: read({ address: peer, forwardedFor: xff }) }).toEqual({ peer, xff, ip });
        }
      }
      expect([...seen].sort()).toEqual(ipv6 ? ['::1', '::ffff:127.0.0.1', '::ffff:127.0.0.2'] : ['127.0.0.1', '127.0.0.2']);
    } finally {
      await app.close();
    }
  });
});
