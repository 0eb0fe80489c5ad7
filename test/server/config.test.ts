import Fastify from 'fastify';
import type { NetworkInterfaceInfo } from 'node:os';
import { ConfigError, loadConfig, withPort } from '../../server/config';
import { isLoopbackUrl } from '../../shared/loopback';

describe('loadConfig', () => {
  test('defaults: the heap may grow 30 % over its live size', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(30);
  });

  test('HEAP_GROWING_PERCENT: 0 leaves it to V8; a number sets it', () => {
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '80' }).heapGrowingPercent).toBe(80);
  });

  test.each(['-1', 'lots', '1.5', '401'])('HEAP_GROWING_PERCENT=%s stops the boot with its name', (value) => {
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: value })).toThrow(ConfigError);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: value })).toThrow(/HEAP_GROWING_PERCENT/);
  });

  test('an unknown LOG_LEVEL names the levels there are, as the other variables say what they expect', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid environment variable LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent$/,
    );
  });
});

describe('JOIN_RATE_LIMIT_PER_MINUTE', () => {
  test('defaults to 1500, enough for a room behind one address; other writes keep their own limit', () => {
    const config = loadConfig({});
    expect(config.joinRateLimitPerMinute).toBe(1500);
    expect(config.rateLimitPerMinute).toBeLessThan(config.joinRateLimitPerMinute);
    expect(loadConfig({ JOIN_RATE_LIMIT_PER_MINUTE: '5000' }).joinRateLimitPerMinute).toBe(5000);
  });

  test.each(['0', 'many'])('JOIN_RATE_LIMIT_PER_MINUTE=%s stops the boot with its name', (value) => {
    expect(() => loadConfig({ JOIN_RATE_LIMIT_PER_MINUTE: value })).toThrow(/JOIN_RATE_LIMIT_PER_MINUTE/);
  });
});

describe('EVENTS_PER_HOUR_PER_ADDRESS', () => {
  test('defaults to 30 events an hour from one address; a positive whole number is taken', () => {
    expect(loadConfig({}).eventsPerHourPerAddress).toBe(30);
    expect(loadConfig({ EVENTS_PER_HOUR_PER_ADDRESS: '200' }).eventsPerHourPerAddress).toBe(200);
    expect(loadConfig({ EVENTS_PER_HOUR_PER_ADDRESS: '' }).eventsPerHourPerAddress).toBe(30);
  });

  test.each(['0', '-5', '2.5', 'unlimited'])('EVENTS_PER_HOUR_PER_ADDRESS=%s stops the boot with one line naming it', (value) => {
    let thrown: unknown;
    try {
      loadConfig({ EVENTS_PER_HOUR_PER_ADDRESS: value });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).message).toMatch(/^Invalid environment variable EVENTS_PER_HOUR_PER_ADDRESS: \S/);
    expect((thrown as ConfigError).message).not.toContain('\n');
  });
});

describe('MATCH_TIMEOUT_MS', () => {
  test('defaults to three minutes; any value of 10 s or more over two ticks is taken', () => {
    expect(loadConfig({}).matchTimeoutMs).toBe(180_000);
    expect(loadConfig({ MATCH_TIMEOUT_MS: '10000' }).matchTimeoutMs).toBe(10_000);
    expect(loadConfig({ MATCH_TIMEOUT_MS: '120001', MATCH_INTERVAL_MS: '60000' }).matchTimeoutMs).toBe(120_001);
  });

  test('180 (seconds by mistake) stops the boot with its name and unit', () => {
    expect(() => loadConfig({ MATCH_TIMEOUT_MS: '180' })).toThrow(
      new ConfigError('Invalid environment variable MATCH_TIMEOUT_MS: must be at least 10000 (milliseconds)'),
    );
  });

  test('a timeout of two ticks or less stops the boot with its name', () => {
    expect(() => loadConfig({ MATCH_TIMEOUT_MS: '20000', MATCH_INTERVAL_MS: '10000' })).toThrow(
      new ConfigError('Invalid environment variable MATCH_TIMEOUT_MS: must be more than twice MATCH_INTERVAL_MS (10000)'),
    );
    expect(() => loadConfig({ MATCH_INTERVAL_MS: '60000', MATCH_TIMEOUT_MS: '90000' })).toThrow(/MATCH_TIMEOUT_MS/);
  });
});

describe('TRUST_PROXY', () => {
  test('defaults to false; true and false still work', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  test('a comma-separated list of proxy addresses and CIDRs becomes a list', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 172.16.0.0/12,192.168.0.0/16,::1,fc00::/7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '::1',
      'fc00::/7',
    ]);
  });

  test('Fastify believes X-Forwarded-For only from a listed proxy, and only up to it', async () => {
    // The client wrote 6.6.6.6 itself; the proxy appended 203.0.113.7, the address it saw.
    const ipSeen = async (TRUST_PROXY: string) => {
      const app = Fastify({ trustProxy: loadConfig({ TRUST_PROXY }).trustProxy });
      app.get('/ip', async (request) => request.ip);
      try {
        const url = await app.listen({ port: 0, host: '127.0.0.1' });
        return await (await fetch(`${url}/ip`, { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' } })).text();
      } finally {
        await app.close();
      }
    };
    expect(await ipSeen('127.0.0.1')).toBe('203.0.113.7');
    expect(await ipSeen('10.0.0.0/8')).toBe('127.0.0.1');
  });

  test.each(['yes', '1', 'nginx', '10.0.0.0/33', '::/129', '10.0.0.1/8/8', '10.0.0.0/', '10.0.0.1,'])(
    'TRUST_PROXY=%s stops the boot with its name',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^Invalid environment variable TRUST_PROXY: /);
    },
  );
});

describe('PUBLIC_URL', () => {
  const nic = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') =>
    ({ address, family, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` }) as NetworkInterfaceInfo;
  const laptop = {
    lo: [nic('127.0.0.1', true)],
    docker0: [nic('172.17.0.1')],
    wlan0: [nic('fe80::1', false, 'IPv6'), nic('192.168.1.23')],
  };

  test("unset: the laptop's address on the venue's network, so the QR code opens on a phone", () => {
    expect(loadConfig({}, laptop).publicUrl).toBe('http://192.168.1.23:3000');
    expect(loadConfig({ PORT: '8080' }, { eth0: [nic('10.4.0.7')] }).publicUrl).toBe('http://10.4.0.7:8080');
  });

  test('unset, with no private address on a physical interface, or listening on loopback only: localhost', () => {
    expect(loadConfig({}, { lo: [nic('127.0.0.1', true)], docker0: [nic('172.17.0.1')] }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({}, { eth0: [nic('203.0.113.5')] }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ HOST: '127.0.0.1' }, laptop).publicUrl).toBe('http://localhost:3000');
  });

  test('set: taken as given, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://mingle.example.org/' }, laptop).publicUrl).toBe('https://mingle.example.org');
  });

  test('PORT=0: unset, it names the port the server is given (withPort); set, it stays', () => {
    const unset = loadConfig({ PORT: '0' }, laptop);
    expect(withPort(unset, 41234, laptop)).toMatchObject({ port: 41234, publicUrl: 'http://192.168.1.23:41234' });
    expect(withPort(loadConfig({ PORT: '0', HOST: '127.0.0.1' }, laptop), 41234, laptop).publicUrl).toBe('http://localhost:41234');
    const set = loadConfig({ PORT: '0', PUBLIC_URL: 'https://mingle.example.org' }, laptop);
    expect(withPort(set, 41234, laptop)).toMatchObject({ port: 41234, publicUrl: 'https://mingle.example.org' });
  });

  test('loopback URLs are told apart from reachable ones', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000', 'http://app.localhost']) expect(isLoopbackUrl(url)).toBe(true);
    for (const url of ['http://192.168.1.23:3000', 'https://mingle.example.org']) expect(isLoopbackUrl(url)).toBe(false);
  });
});

describe('a bad value says what is expected, in one line, without echoing it', () => {
  test.each([
    ['PORT', '3000.5', 'expected a whole number from 0 to 65535'],
    ['MATCH_INTERVAL_MS', '0', 'expected a whole number from 1 to 60000'],
    ['MATCH_TIMEOUT_MS', 'three minutes', 'expected a whole number of milliseconds, at least 10000'],
    ['RATE_LIMIT_PER_MINUTE', 'lots', 'expected a whole number of at least 1'],
    ['MAX_ATTENDEES_PER_EVENT', '-1', 'expected a whole number of at least 1'],
    ['RETENTION_HOURS', '0', 'expected a number of hours, more than 0 and at most 8760'],
    ['HEAP_GROWING_PERCENT', '500', 'expected a whole number from 0 to 400'],
    ['INSTANCE_ID', 'web/1', 'expected 1 to 64 letters, digits, dots, dashes or underscores'],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'expected a redis:// or rediss:// URL, such as redis://127.0.0.1:6379'],
    ['PUBLIC_URL', 'ftp://192.168.1.23', 'expected an http:// or https:// URL, such as http://192.168.1.23:3000'],
    ['ORGANISER_KEY', 'secret7', 'expected at least 8 characters (a long random secret)'],
    ['METRICS_TOKEN', 'secret7', 'expected at least 8 characters (a long random secret)'],
  ])('%s=%s', (name, value, expected) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(`Invalid environment variable ${name}: ${expected}`));
  });

  test('RETENTION_HOURS may be a fraction of an hour', () => {
    expect(loadConfig({ RETENTION_HOURS: '0.5' }).retentionMs).toBe(1_800_000);
  });
});
