/**
 * Web addresses whose host reads as another site's: `аpple.com` with a Cyrillic `а` reads as
 * apple.com on someone else's screen, yet opens xn--pple-43d.com. Browsers show such hosts in
 * punycode; a contact card shows the address as typed, so the server refuses them (shared
 * Contact schema) and the card shows any kept from before in punycode too (contact-card.ts).
 *
 * No zod here: the phone's own checks import it (client/src/attendee/contact.ts).
 */

/** Alphabets with letters that look like Latin ones: a host label may use one of them, never two. */
const ALPHABETS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Coptic', 'Georgian'].map(
  (script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const,
);

/**
 * Cyrillic and Greek letters that, lower-cased as a host is, look like Latin ones: a label made
 * of nothing else (`аррӏе`, all Cyrillic) under a Latin top-level domain reads as a Latin name.
 */
const LATIN_LOOKALIKES = /^[асԁеһіјӏорԛѕԝѡхуүьαικνορυ0-9-]+$/u;

/** Characters a URL parser reads as the dot between labels (UTS #46). */
const DOTS = /[.\u3002\uff0e\uff61]/;

/**
 * Where the host of `url` is, as it was typed (null when it has none, or it is no https link).
 * It ends where a URL parser ends it: a `\` is read as a `/` in an https address.
 */
function hostIn(url: string): { host: string; start: number } | null {
  const found = /^https:\/\/(?:[^/\\?#@]*@)?([^/\\?#:]*)/i.exec(url);
  const host = found?.[1];
  return host ? { host, start: found[0].length - host.length } : null;
}

/**
 * Whether the host of `url`, as the parser reads it, mixes alphabets within one label (`аpple`),
 * or dresses a label wholly in Cyrillic or Greek letters that look Latin under a Latin top-level
 * domain (`аррӏе.com`). Names wholly in one script (`пример.com`, `münchen.de`, `例え.jp`) pass.
 */
export function isLookAlikeHost(url: string): boolean {
  // As the URL parser maps it before opening it (UTS #46 folds compatibility forms): full-width
  // `ｃｏｍ` is `com`, and mathematical `𝐩` (a script of its own to no alphabet) is `p`.
  const host = hostIn(url)?.host.normalize('NFKC').toLowerCase();
  if (!host || /^[\x00-\x7f]*$/.test(host)) return false;
  const labels = host.split(DOTS);
  const tld = labels[labels.length - 1] ?? '';
  const latinTld = /^[a-z0-9-]*$/.test(tld);
  return labels.some((label) => {
    const alphabets = ALPHABETS.filter(([, letters]) => letters.test(label)).length;
    return alphabets > 1 || (latinTld && label !== tld && /[^\x00-\x7f]/.test(label) && LATIN_LOOKALIKES.test(label));
  });
}

/**
 * `url` for reading, with a look-alike host (isLookAlikeHost) in punycode, as a browser's
 * address bar shows it; any other URL as it is.
 */
export function readableUrl(url: string): string {
  const typed = hostIn(url);
  if (!typed || !isLookAlikeHost(url) || !URL.canParse(url)) return url;
  return url.slice(0, typed.start) + new URL(url).hostname + url.slice(typed.start + typed.host.length);
}
