/**
 * Secrets and contact details written into log strings (messages, URLs, error text), found by
 * their shape and blanked. Every pattern here runs on every string logged, so each is linear in
 * the text: bounded repeats, and no two unbounded ones that could both match the same run.
 */

export const CENSOR = '[redacted]';

/** `?name=value`, `&name=value`, `#name=value`, `;name=value`: a URL parameter, name bounded. */
const URL_PARAM = /([?&#;])([^=&#;?\s]{0,128})=([^&#\s"']*)/g;
/** Parameter names whose values are credentials: `token`, `organiserToken`, `secret`, `password`. */
const SECRET_NAME = /token|secret|password/i;

/** A password in a URL's user info: `redis://user:…@host`. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]{0,15}:\/\/[^\s:/@]{0,64}:)[^\s@/]{1,256}@/gi;

/**
 * An HTTP credential written out: `Bearer …` (any case, any length), `Basic …` with a value
 * shaped like one (so "basic checks passed" stays).
 */
const SCHEME_CREDENTIAL = /\b(bearer|basic)(\s+)([A-Za-z0-9._~+/=-]+)/gi;

/**
 * Something shaped like a credential on its own: 43 or more URL-safe base64 characters in a row,
 * the length of an attendee's or organiser's token (32 random bytes) or longer, such as a token's
 * SHA-256 hash in hex. Ids, join codes and socket ids are shorter; paths and stack lines are
 * broken up by other characters.
 */
const TOKEN_SHAPE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43,}(?![A-Za-z0-9_-])/g;

/**
 * A run of words or numbers joined by `-` or `_` (`the-quick-brown-fox-…`, `MAX_RETRY_COUNT_…`):
 * each piece lower case, capitalised, all capitals or all digits. A random token is not shaped
 * so, whichever characters it happens to draw: about 1 in 1,500 has no digit, and asking for
 * letters and digits both, as this once did, let those through. The price: a long camelCase name
 * (`MatchTickerAnnounceWaitingForEveryone…`, two capitals in a piece) is blanked too, which a
 * pattern for such names would not repay: nested repeats that could backtrack on hostile text.
 */
const WORD = /^(?:[A-Z]?[a-z]+|[A-Z]+|\d+)?$/;
const isWords = (run: string): boolean => run.split(/[-_]+/).every((piece) => WORD.test(piece));

/**
 * An email address (a contact detail); not a URL's user name (`redis://mingle@host`). Its local
 * part is the whole run of such characters before the `@`, however long, so a search starts only
 * where a run does: starting at every character, as `{1,64}` did, read up to 64 on from each (9 ms
 * for a 15 KB request line of letters, where a short one costs microseconds).
 */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g;

/** A phone number written the international way: `+`, then 7 to 15 digits, grouped as typed. */
const PHONE = /\+\d[\d ().-]{5,22}\d/g;

/** Whether `text` could hold anything {@link censorText} blanks: a cheap test for most log strings. */
const MAY_HOLD = /[=@+]|earer|asic|EARER|ASIC/;

/**
 * `text` with every credential and contact detail found in it blanked: values of secret URL
 * parameters, URL passwords, `Bearer …` credentials, token-shaped runs, email addresses and
 * international phone numbers. Numbers without a `+` (times, counts, dates) are left alone, so a
 * phone number typed without one is not found here: contact details are blanked by their keys
 * (see logger.ts), this is the net for those written into text.
 */
export function censorText(text: string): string {
  if (text.length < 43 && !MAY_HOLD.test(text)) return text;
  return text
    .replace(URL_PARAM, (all, lead: string, name: string) => (SECRET_NAME.test(name) ? `${lead}${name}=${CENSOR}` : all))
    .replace(URL_PASSWORD, `$1${CENSOR}@`)
    .replace(SCHEME_CREDENTIAL, (all, scheme: string, gap: string, value: string) =>
      /^bearer$/i.test(scheme) || value.length >= 8 ? `${scheme}${gap}${CENSOR}` : all,
    )
    .replace(TOKEN_SHAPE, (run) => (isWords(run) ? run : CENSOR))
    // A URL's user name (`redis://mingle@host`) stays: the @ right after `scheme://name`.
    .replace(EMAIL, (address, at: number, whole: string) => (/:\/\/[^\s/?#@=&]*$/.test(whole.slice(Math.max(0, at - 80), at)) ? address : CENSOR))
    .replace(PHONE, (number) => {
      const digits = number.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15 ? CENSOR : number;
    });
}
