/** Where the build puts the attendee page's service worker: its scope is the attendee pages. */
const WORKER = '/e/sw.js';

/**
 * Registers the service worker that lets the page open offline (see service-worker.ts), once the
 * page has loaded so that it takes nothing from the page's own start. Without it (an old browser,
 * private browsing, the dev server, which has no worker to serve) the page works as before, only
 * not offline after a reload.
 */
export function keepForOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(WORKER, { scope: '/e/' }).catch(() => {});
  });
}
