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

/** The pages that reload offline, each with its own copy of the one service worker. */
const offlinePages = [
  { name: 'attendee', html: 'attendee.html', scope: '/e/' },
  { name: 'organiser', html: 'organiser.html', scope: '/organiser/' },
];
/** The service worker's one build, before each page's copy is made from it (and it is dropped). */
const WORKER_SOURCE = 'offline-worker.js';

/**
 * The service worker (src/service-worker.ts), built once and written out once per page,
 * to `e/sw.js` and `organiser/sw.js`, so that each one's scope is its own page's URLs (`/e/CODE`,
 * `/organiser/ID`). Each copy has that page's build written in: the assets it loads, to keep for
 * offline, the page's file and path, and a version, from the page (which names every asset by its
 * hash), that names the worker's cache.
 * @type {import('vite').Plugin}
 */
const offlineWorkers = {
  name: 'mingle-offline-workers',
  apply: 'build',
  enforce: 'post',
  buildStart() {
    this.emitFile({ type: 'chunk', id: page('src/service-worker.ts'), fileName: WORKER_SOURCE });
  },
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      const worker = bundle[WORKER_SOURCE];
      if (worker?.type !== 'chunk') return this.error(`${WORKER_SOURCE} is missing from the build`);
      for (const { name, html, scope } of offlinePages) {
        const built = bundle[html];
        if (built?.type !== 'asset') return this.error(`${html} is missing from the build`);
        const source = String(built.source);
        const assets = [...new Set(source.match(/\/assets\/[^"'\s>]+/g) ?? [])].sort();
        const version = createHash('sha256').update(source).digest('hex').slice(0, 12);
        const build = { version, name, scope, page: `/${html}`, assets };
        this.emitFile({ type: 'asset', fileName: `${scope.slice(1)}sw.js`, source: `const MINGLE_BUILD = ${JSON.stringify(build)};\n${worker.code}` });
      }
      delete bundle[WORKER_SOURCE];
    },
  },
};

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [pageRoutes, offlineWorkers],
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
