import type { NetworkInterfaceInfo } from 'node:os';

/** What `os.networkInterfaces()` returns. */
export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Interfaces that phones on the venue's Wi-Fi cannot reach: containers, bridges, tunnels. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|cali|tun|tap|wg|utun|zt|tailscale|lo)/i;

/** 10/8, 172.16/12 and 192.168/16: the ranges a venue's or a home's router hands out. */
function isPrivate(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * The base URL for join links and QR codes when PUBLIC_URL is not set. A QR code that says
 * `localhost` opens nothing on a phone, so a server listening on every interface (the default
 * HOST) offers its address on the local network: the first private IPv4 address of a physical
 * interface, in the order the system lists them. Otherwise, or with no such address,
 * `http://localhost:PORT`. PUBLIC_URL is still the way to be sure.
 */
export function defaultPublicUrl(port: number, host: string, interfaces: Interfaces): string {
  const everywhere = host === '0.0.0.0' || host === '::';
  if (everywhere) {
    for (const [name, infos] of Object.entries(interfaces)) {
      if (VIRTUAL.test(name)) continue;
      const lan = infos?.find((i) => i.family === 'IPv4' && !i.internal && isPrivate(i.address));
      if (lan) return `http://${lan.address}:${port}`;
    }
  }
  return `http://localhost:${port}`;
}
