import { hasHiddenChars } from '../../../shared/clean';
import { isEmail } from '../../../shared/email';
import { isLookAlikeHost } from '../../../shared/link-host';
import { isPhoneNumber } from '../../../shared/phone';
import type { Contact } from '../../../shared/schemas';
import { tidy } from '../shared/dom';
import { LIMITS, lengthOf } from '../shared/limits';

/** The ways to keep in touch, in the order the sheet offers them. */
export const CONTACT_FIELDS = ['email', 'phone', 'url', 'note'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** What someone typed, field by field, before it is checked. */
export type ContactDraft = Record<ContactField, string>;

export type ContactCheck =
  | { ok: true; contact: Contact }
  /** Per field, plus `none` when nothing was picked at all. */
  | { ok: false; errors: Partial<Record<ContactField | 'none', string>> };

/*
 * The server checks Contact with zod (shared/schemas.ts); the client may not import zod at
 * runtime, so these mirror its rules (the email's and the phone's come from shared/email.ts and
 * shared/phone.ts, as the server's do). test/browser/contact-rules.test.ts fails if they drift.
 */
/** zod's `z.regexes.domain`, which the server requires of a profile link's host. */
const DOMAIN = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

/** A typed link with `https://` added when no scheme was typed (`linkedin.com/in/ann`). */
export function withScheme(raw: string): string {
  const url = raw.trim();
  return url && !/^[a-z][a-z0-9+.-]*:/i.test(url) ? `https://${url}` : url;
}

/** Checks the picked fields as the server will; empty fields are simply not shared. */
export function checkContact(draft: Partial<ContactDraft>): ContactCheck {
  const contact: Contact = {};
  const errors: Partial<Record<ContactField | 'none', string>> = {};

  const email = (draft.email ?? '').trim();
  if (email.length > LIMITS.email) errors.email = 'That email address is too long.';
  else if (email && !isEmail(email)) errors.email = "That doesn't look like an email address.";
  else if (email) contact.email = email;

  // Kept as typed, spacing and all, as the server keeps it: only the check reads the digits.
  const phone = tidy(draft.phone ?? '');
  if (phone && !isPhoneNumber(phone)) errors.phone = 'Use 7 to 15 digits, e.g. +44 7700 900123.';
  else if (phone) contact.phone = phone;

  const url = withScheme(draft.url ?? '');
  const urlProblem = url ? linkProblem(url) : null;
  if (urlProblem) errors.url = urlProblem;
  else if (url) contact.url = url;

  const note = tidy(draft.note ?? '');
  // In code points, as the server's schema and the note's box count: an emoji is one, not two.
  if (lengthOf(note) > LIMITS.contactNote) errors.note = `Keep the note to ${LIMITS.contactNote} characters or fewer.`;
  else if (note) contact.note = note;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(contact).length === 0) return { ok: false, errors: { none: 'Pick at least one way to keep in touch.' } };
  return { ok: true, contact };
}

function linkProblem(url: string): string | null {
  if (url.length > LIMITS.url) return 'That link is too long.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "That link doesn't look right.";
  }
  if (parsed.protocol !== 'https:') return 'Only secure links (starting https://) can be shared.';
  // `https://www.linkedin.com@evil.example` opens evil.example: no name or password before the host.
  if (!DOMAIN.test(parsed.hostname) || parsed.username || parsed.password) return "That link doesn't look right.";
  // Kept as typed, so never with a hidden character in it (the server, as zod, drops tabs and newlines).
  if (hasHiddenChars(url.replace(/[\t\n\r]/g, ''))) return 'That link has a hidden character in it: type it again.';
  // Would read as another site on the other phone (`аpple.com`, with a Cyrillic `а`).
  if (isLookAlikeHost(url)) return 'That link has letters from another alphabet that look like English ones: type it again.';
  return null;
}

/** A link to open someone's profile, only ever https (never `javascript:` or the like). */
export function safeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    // Nor one that hides its host behind a name (`https://www.linkedin.com@evil.example`).
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password ? url : null;
  } catch {
    return null;
  }
}
