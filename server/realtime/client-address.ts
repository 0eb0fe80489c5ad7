import { BlockList, isIP } from 'node:net';

/** Where a Socket.IO handshake came from: its TCP peer and the X-Forwarded-For it carried. */
export interface HandshakeOrigin {
  /** The TCP peer's address (`socket.handshake.address`). */
  address: string;
  /** The `X-Forwarded-For` header, if any. */
  forwardedFor: string | string[] | undefined;
}

/**
 * The client address of a Socket.IO handshake, read as Fastify reads `request.ip` under the same
 * `TRUST_PROXY` (proxy-addr): the TCP peer, unless it is a trusted proxy; then each address in
 * X-Forwarded-For from the right, stopping at the first that is not trusted (`true` trusts every
 * hop, so the leftmost is the client). Socket.IO's own `handshake.address` is the TCP peer only:
 * behind nginx it is nginx, and a limit per address would count the whole world as one.
 */
export function clientAddressReader(trust: boolean | string[]): (origin: HandshakeOrigin) => string {
  if (trust === false) return (origin) => origin.address;
  const trusted = trust === true ? () => true : trustedBy(trust);
  return ({ address, forwardedFor }) => {
    const hops = [address, ...forwardedHops(forwardedFor).reverse()];
    for (let i = 0; i < hops.length - 1; i++) {
      if (!trusted(hops[i]!)) return hops[i]!;
    }
    return hops[hops.length - 1]!;
  };
}

/** The addresses in X-Forwarded-For, left to right (a repeated header counts as one list). */
function forwardedHops(header: string | string[] | undefined): string[] {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
}

/** TRUST_PROXY's addresses and CIDRs (config.ts has checked them) as a membership test. */
function trustedBy(entries: string[]): (address: string) => boolean {
  const proxies = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) proxies.addAddress(address, family);
    else proxies.addSubnet(address, Number(bits), family);
  }
  return (address) => {
    const family = isIP(address);
    // A hop that is no address (a forged header) is never a proxy, so it is taken as the client.
    // BlockList matches an IPv4-mapped IPv6 address (::ffff:10.0.0.1) against IPv4 entries.
    return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}
