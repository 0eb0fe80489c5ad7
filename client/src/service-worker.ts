/**
 * The service worker of the pages that must reload offline: one source, built once per page
 * (client/vite.config.mjs) to a file in that page's own folder, so that each worker's scope is its
 * pages and nothing else: `/e/sw.js` for the attendee pages (`/e/CODE`), `/organiser/sw.js` for
 * the dashboard (`/organiser/ID`, projector mode included). It lets a phone, or the organiser's
 * laptop, that lost the venue's Wi-Fi reload the page: the page and its assets come from the
 * network whenever it answers (a new release is seen at once), and from this build's cache only
 * when it does not. The page then shows what it kept (the attendee page's storage.ts
 * `loadLastState`, the dashboard's kept-figures.ts) until the socket is back. The API and the
 * socket are never cached: they go to the network as if there were no worker.
 *
 * Runs in the worker, not the page: it imports nothing, and names the little it uses of the
 * worker's scope itself (the root tsconfig has the DOM's types, which clash with WebWorker's).
 */

/**
 * Written in by the build, one per page: which release this is (a hash of the page, which names
 * every asset by its hash), the page's name (which names the caches), the path of its pages
 * (`/e/`), the file every one of them is (`/attendee.html`), and the assets that page loads.
 */
declare const MINGLE_BUILD: { version: string; name: string; scope: string; page: string; assets: string[] };

interface LifecycleEvent extends Event {
  waitUntil(done: Promise<unknown>): void;
}

interface RequestEvent extends LifecycleEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

interface WorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: LifecycleEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: RequestEvent) => void): void;
}

const worker = self as unknown as WorkerScope;

/**
 * Every release of each page has a cache of its own (`mingle-attendee-<build>`); the page's
 * others are deleted once this one takes over. The other page's caches are its own worker's.
 */
const CACHE_PREFIX = `mingle-${MINGLE_BUILD.name}-`;
const CACHE = `${CACHE_PREFIX}${MINGLE_BUILD.version}`;

/** Every page under the scope (`/e/CODE`, `/organiser/ID`) is the same file: kept once, under its own name. */
const PAGE = MINGLE_BUILD.page;

worker.addEventListener('install', (event) => {
  // The page that registered this worker loaded its files before the worker was there to see them.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([PAGE, ...MINGLE_BUILD.assets]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  const page = request.mode === 'navigate' && url.pathname.startsWith(MINGLE_BUILD.scope);
  // Nothing else: `/api/` and `/socket.io/` go to the network alone, never to or from the cache.
  if (!page && !url.pathname.startsWith('/assets/')) return;
  event.respondWith(networkFirst(event, page ? PAGE : request));
});

/** The network's answer, kept for later under `key`; this build's copy only when there is none. */
async function networkFirst(event: RequestEvent, key: RequestInfo): Promise<Response> {
  try {
    const response = await fetch(event.request);
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
    }
    return response;
  } catch (offline) {
    const kept = await (await caches.open(CACHE)).match(key);
    if (kept) return kept;
    throw offline;
  }
}

export {};
