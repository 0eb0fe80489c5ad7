import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { CLIENT_DIST } from '../../server/http/client';
import { createEvent, startServer, type TestServer } from '../helpers/server';

const CSP =
  "default-src 'self'; img-src 'self' data:; connect-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

const PAGES = ['/', '/e/ABC234', '/organiser/some-event-id', '/index.html', '/attendee.html', '/organiser.html'];

/** The built pages (test/global-setup.ts builds them), served by a real Mingle. */
describe('security and cache headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ organiserKey: 'organiser-key-1', metricsToken: 'metrics-secret' });
  });
  afterAll(() => server.close());

  const expectSecurityHeaders = (res: request.Response) => {
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  };

  test.each(PAGES)('%s: the policy, and no-cache so a new release is seen at once', async (page) => {
    const res = await request(server.url).get(page).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(res);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  test('hashed assets are cached for a year, and carry the headers too', async () => {
    const html = (await request(server.url).get('/e/ABC234').expect(200)).text;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const res = await request(server.url).get(asset).expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test.each([
    ['attendee page', '/e/sw.js', '/e/ABC234', '/e/'],
    ['dashboard', '/organiser/sw.js', '/organiser/some-event', '/organiser/'],
  ])("the %s's service worker: a script, asked for afresh each time, under the policy", async (_page, worker, pageUrl, scope) => {
    const res = await request(server.url).get(worker).expect(200);
    // A service worker must be served as JavaScript, and `no-cache` so a release is seen at once.
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(res);
    // Its scope is its own folder, the page's URLs: it asks for no wider one.
    expect(res.headers['service-worker-allowed']).toBeUndefined();
    expect(res.text).toContain(`"scope":"${scope}"`);
    // `default-src 'self'` lets the page register it (worker-src falls back to it), and lets it fetch.
    expect(CSP).not.toMatch(/worker-src|script-src/);
    // It keeps the files its page loads, by the names this build gave them.
    const html = (await request(server.url).get(pageUrl).expect(200)).text;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) expect(res.text).toContain(`"${asset}"`);
  });

  test('the pages need nothing the policy forbids: no inline script, nothing from elsewhere', () => {
    for (const file of ['index.html', 'attendee.html', 'organiser.html']) {
      const html = readFileSync(path.join(CLIENT_DIST, file), 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [tag, body] of scripts) {
        expect(tag).toMatch(/\ssrc="\/assets\//);
        expect(body!.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//); // nothing from another origin
    }
  });

  test('API answers and errors carry them too', async () => {
    expectSecurityHeaders(await request(server.url).get('/healthz').expect(200));
    expectSecurityHeaders(await request(server.url).get('/api/events/ZZZZZZ').expect(404));
    expectSecurityHeaders(await request(server.url).get('/no/such/route').expect(404));
  });

  test('the organiser key and metrics token: right, wrong, and of another length', async () => {
    const post = (auth?: string) => {
      const req = request(server.url).post('/api/events');
      return (auth === undefined ? req : req.set('authorization', auth)).send({ name: 'Keyed' });
    };
    await post().expect(401);
    await post('Bearer organiser-key-2').expect(401);
    await post('Bearer organiser-key-1-and-more').expect(401);
    await post('Bearer ').expect(401);
    const made = await request(server.url).post('/api/events').set('authorization', 'Bearer organiser-key-1').send({ name: 'Keyed' }).expect(201);
    expect(made.body.event.name).toBe('Keyed');

    await request(server.url).get('/metrics').expect(401);
    await request(server.url).get('/metrics').set('authorization', 'Bearer metrics-secreT').expect(401);
    await request(server.url).get('/metrics').set('authorization', 'Bearer m').expect(401);
    await request(server.url).get('/metrics').set('authorization', 'metrics-secret').expect(401);
    await request(server.url).get('/metrics').set('authorization', 'Bearer metrics-secret').expect(200);
    // createEvent's helper sends no key: refused here, as the key is set.
    await expect(createEvent(server.url)).rejects.toThrow();
  });
});
