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

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [pageRoutes],
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
