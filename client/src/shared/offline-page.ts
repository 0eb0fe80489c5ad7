/**
 * Registers the service worker that lets a page open offline (see ../service-worker.ts): the one the
 * build put in the page's own folder, `<scope>sw.js`, so that it serves that page's URLs alone
 * (`/e/` for the attendee page, `/organiser/` for the dashboard). Once the page has loaded, so
 * that it takes nothing from the page's own start. Without it (an old browser, private browsing,
 * the dev server, which has no worker to serve) the page works as before, only not offline after
 * a reload.
 */
export function keepForOffline(scope: '/e/' | '/organiser/'): void {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${scope}sw.js`, { scope }).catch(() => {});
  });
}
