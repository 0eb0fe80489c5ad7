import type { Model } from './model';

/**
 * How long the phone says only "Reconnecting…" before it says more. A Wi-Fi blip or a walk
 * between access points passes within a few seconds (the socket retries every 5 s at most);
 * after this long something is wrong with the phone's network, and the person can fix it.
 */
export const STILL_OFFLINE_MS = 25_000;

/** The bar's words while this person's other tabs hold every connection they may have. */
export const TOO_MANY_TABS = 'Mingle is open in too many tabs on this phone: close one to carry on here.';

/** Said first while the screen shows the `state` kept on the phone, on a page opened offline. */
export const KEPT = "You're offline: this is what Mingle last showed you.";

/**
 * The connection bar's words, or '' when it is hidden: "Reconnecting…" at first, then, once the
 * phone has been offline for {@link STILL_OFFLINE_MS}, what to check and that nothing is lost
 * meanwhile (the server keeps a place in the queue and a match for a phone that is away).
 */
export function connectionText(m: Model): string {
  if (m.screen.name !== 'live' || !isOffline(m)) return '';
  if (m.tooManyTabs) return TOO_MANY_TABS;
  if (!m.stillOffline) return m.stateKept ? `${KEPT} Reconnecting…` : 'Reconnecting…';
  const status = m.state?.status;
  const kept =
    status === 'looking'
      ? 'and you keep your place in the queue.'
      : status === 'matched' || status === 'chatting'
        ? "and being offline doesn't end your match."
        : 'and carries on where you left off.';
  return `Still no connection. Check your Wi-Fi or mobile data: Mingle keeps trying, ${kept}`;
}

/** True while the socket is down: taps are refused at once (or, for one, kept) rather than sent. */
export function isOffline(m: Model): boolean {
  return m.connection === 'offline';
}
