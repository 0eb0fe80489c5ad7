/**
 * The attendee page's service worker, built to `/e/sw.js` (client/vite.config.mjs), so that its
 * scope is the attendee pages (`/e/CODE`) and nothing else. It lets a phone that lost the venue's
 * Wi-Fi reload the page: the page and its assets come from the network whenever it answers (a
 * new release is seen at once), and from this build's cache only when it does not. The page then
 * shows what it kept (storage.ts, `loadLastState`) until the socket is back. The API and the
 * socket are never cached: they go to the network as if there were no worker.
 *
 * Runs in the worker, not the page: it imports nothing, and names the little it uses of the
 * worker's scope itself (the root tsconfig has the DOM's types, which clash with WebWorker's).
 */

/** Written in by the build: which release this is, and what the attendee page loads. */
declare const MINGLE_BUILD: { version: string; assets: string[] };

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

/** Every release has a cache of its own; the others are deleted once this one takes over. */
const CACHE_PREFIX = 'mingle-attendee-';
const CACHE = `${CACHE_PREFIX}${MINGLE_BUILD.version}`;

/** Every `/e/CODE` is the same file: kept once, under its own name. */
const PAGE = '/attendee.html';

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
  const page = request.mode === 'navigate' && url.pathname.startsWith('/e/');
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
