import request from 'supertest';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers';
import { startServer, type TestServer } from '../helpers/server';

/**
 * Socket.IO answers its own HTTP requests under `/socket.io/`, without Fastify: its errors are
 * JSON (and a long-polling answer, were the transport ever allowed again, would carry other
 * people's names as `text/plain`). Every HTTP answer carries the security headers
 * (docs/PROTOCOL.md), these too.
 */
describe("Socket.IO's own answers carry the security headers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const expectSecurityHeaders = (res: request.Response) => {
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  };

  test('a long-polling handshake, refused (WebSocket only)', async () => {
    const res = await request(server.url).get('/socket.io/?EIO=4&transport=polling').expect(400);
    expectSecurityHeaders(res);
  });

  test('an engine error', async () => {
    const res = await request(server.url).get('/socket.io/?EIO=4&transport=carrier-pigeon').expect(400);
    expectSecurityHeaders(res);
  });

  test('the API still carries them once, with its own values', async () => {
    const res = await request(server.url).get('/healthz').expect(200);
    expectSecurityHeaders(res);
    expect(res.headers['content-security-policy']).not.toContain(',');
  });
});
