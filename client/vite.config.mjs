// @ts-check
// An .mjs file, not .ts: the root tsconfig resolves modules the node10 way, which cannot see
// vite's types, and this keeps `tsc` clean while editors still check it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const page = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Where `npm run dev` serves the API; the Vite dev server proxies to it. */
const apiTarget = process.env.MINGLE_API ?? 'http://localhost:3000';

/**
 * In dev, `/e/CODE` is the attendee page, as the server's client route makes it in production.
 * @type {import('vite').Plugin}
 */
const attendeeRoute = {
  name: 'mingle-attendee-route',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/e\/[^/?#]+\/?(\?.*)?$/.test(req.url)) req.url = '/attendee.html';
      next();
    });
  },
};

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [attendeeRoute],
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
        // organiser: page('organiser.html'), when the dashboard arrives
      },
      output: {
        // What the pages share lands in one chunk named for what it is.
        codeSplitting: {
          groups: [{ name: 'shared', test: /[\\/]client[\\/]src[\\/](shared[\\/]|styles[\\/](base|controls|chips)\.css)/ }],
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
