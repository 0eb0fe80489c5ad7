// @ts-check
// An .mjs file, not .ts: the root tsconfig resolves modules the node10 way, which cannot see
// vite's types, and this keeps `tsc` clean while editors still check it.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const page = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Where `npm run dev` serves the API; the Vite dev server proxies to it. */
const apiTarget = process.env.MINGLE_API ?? 'http://localhost:3000';

/**
 * In dev, `/e/CODE` is the attendee page and `/organiser/ID` the dashboard, as the server's
 * client routes make them in production.
 * @type {import('vite').Plugin}
 */
const pageRoutes = {
  name: 'mingle-page-routes',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/e\/[^/?#]+\/?(\?.*)?$/.test(req.url)) req.url = '/attendee.html';
      else if (req.url && /^\/organiser\/[^/?#]+\/?(\?.*)?$/.test(req.url)) req.url = '/organiser.html';
      next();
    });
  },
};

/**
 * The attendee page's service worker (src/attendee/service-worker.ts), built to `e/sw.js` so
 * that its scope is the attendee pages (`/e/CODE`), with the build written in: the assets the
 * attendee page loads, to keep for offline, and a version, from the page (which names every
 * asset by its hash), that names the worker's cache.
 * @type {import('vite').Plugin}
 */
const attendeeWorker = {
  name: 'mingle-attendee-worker',
  apply: 'build',
  enforce: 'post',
  buildStart() {
    this.emitFile({ type: 'chunk', id: page('src/attendee/service-worker.ts'), fileName: 'e/sw.js' });
  },
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      const html = bundle['attendee.html'];
      const worker = bundle['e/sw.js'];
      if (html?.type !== 'asset' || worker?.type !== 'chunk') return this.error('attendee.html or e/sw.js is missing from the build');
      const source = String(html.source);
      const assets = [...new Set(source.match(/\/assets\/[^"'\s>]+/g) ?? [])].sort();
      const version = createHash('sha256').update(source).digest('hex').slice(0, 12);
      worker.code = `const MINGLE_BUILD = ${JSON.stringify({ version, assets })};\n${worker.code}`;
    },
  },
};

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [pageRoutes, attendeeWorker],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Every phone that can run the page supports module preload; skip the polyfill's bytes.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      input: {
        home: page('index.html'),
        attendee: page('attendee.html'),
        organiser: page('organiser.html'),
      },
      output: {
        // What the pages share lands in chunks named for what they hold.
        codeSplitting: {
          groups: [
            { name: 'shared', test: /[\\/]client[\\/]src[\\/](shared[\\/]|styles[\\/](base|controls|chips)\.css)/ },
            // The phone and the dashboard both hold a socket; the home page never loads this.
            { name: 'socket', test: /[\\/]node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
