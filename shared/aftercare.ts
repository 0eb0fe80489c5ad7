import { z } from 'zod';
import { EMAIL } from './email';
import { id } from './id';
import { isLookAlikeHost } from './link-host';
import { isPhoneNumber } from './phone';
import { cleanText, hasHiddenChars, text } from './text';

/**
 * The wire contract after the chat: contacts shared by mutual consent, feedback, blocks and
 * reports, and the list of people I met. Part of schemas.ts, which exports all of it.
 */

/**
 * Whether a URL has no user name or password in it (`https://name:pw@host`). One that is no URL
 * at all passes here: `z.url` has already said so, and zod runs this check after it anyway.
 */
function withoutUserInfo(url: string): boolean {
  if (!URL.canParse(url)) return true;
  const parsed = new URL(url);
  return parsed.username === '' && parsed.password === '';
}

/** Contact details, shared only by mutual consent. At least one field. */
export const Contact = z
  .object({
    email: z.email({ pattern: EMAIL }).max(254).optional(),
    /**
     * E.164-ish: an optional +, then 7..15 digits, with spaces, dashes, dots and brackets between
     * them as typed (shared/phone.ts). Kept as typed, cleaned as any text (`cleanText`), so that
     * "+44 7700 900123" reads the same on the other phone and in its vCard.
     */
    phone: z
      .string()
      .max(32)
      .transform(cleanText)
      .refine(isPhoneNumber, 'must be a phone number, e.g. +44 7700 900123')
      .optional(),
    /**
     * No user name or password before the host: `https://www.linkedin.com@evil.example/in/ann`
     * opens evil.example, yet reads as LinkedIn on the other phone. Nobody's profile needs one.
     */
    url: z
      .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be a web address starting https://, e.g. https://example.com' })
      .max(200)
      .refine(withoutUserInfo, 'must be a web address with nothing before its host, e.g. https://example.com/you')
      // Kept as typed, so never with a control, bidi or invisible character (zod drops only tabs and newlines).
      .refine((url) => !hasHiddenChars(url), 'must be a web address with no hidden characters in it, e.g. https://example.com/you')
      // `аpple.com` with a Cyrillic `а` reads as apple.com on the other phone (shared/link-host.ts).
      .refine((url) => !isLookAlikeHost(url), 'must be a web address with no letters from another alphabet that look like Latin ones, e.g. https://example.com/you')
      .optional(),
    note: text(1, 200).optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'share at least one way to keep in touch');
export type Contact = z.infer<typeof Contact>;

export const ContactSharePayload = z.object({ matchId: id, contact: Contact }).strict();
export const ContactWithdrawPayload = z.object({ matchId: id }).strict();

/** Sent to each member of a match once everyone in it has shared. */
export const ContactRevealed = z.object({
  matchId: z.string(),
  contacts: z.array(z.object({ attendeeId: z.string(), name: z.string(), contact: Contact })),
});
export type ContactRevealed = z.infer<typeof ContactRevealed>;

export const MatchFeedbackPayload = z.object({ matchId: id, good: z.boolean() }).strict();
export const BlockPayload = z.object({ attendeeId: id }).strict();
export const ReportReason = z.enum(['harassment', 'inappropriate', 'made_uncomfortable', 'spam', 'other']);
export type ReportReason = z.infer<typeof ReportReason>;
export const ReportPayload = z.object({ attendeeId: id, reason: ReportReason, text: text(1, 500).optional() }).strict();

/** Someone I met in this event, and their details if we both chose to keep in touch. */
export const Connection = z.object({
  attendeeId: z.string(),
  name: z.string(),
  sharedTopics: z.array(z.string()),
  matchId: z.string(),
  at: z.string(),
  contact: Contact.nullable(),
  /** Whether I have offered my details in that match (the offer may still be waiting). */
  shared: z.boolean(),
  /**
   * Whether I may still offer them there: not when I left a group that carried on, nor when they
   * swapped details without me (see `contact:share`).
   */
  canShare: z.boolean(),
  /**
   * Not yet rather than too late: I may not offer them there now (`canShare` false) only because
   * the match is still on, with one of us alone in it waiting for someone on their way. If that
   * one never comes, we may swap; if they come, we never may. `connections:changed` says when it
   * settles. False once the match has ended, and whenever something else stands in the way.
   */
  pending: z.boolean(),
  /**
   * Why I may not (`canShare` false), when it is this: I left the match and they carried on
   * there without me (with someone they met after I left, or someone who found them). The page
   * says so rather than only "too late". False otherwise, including while it is `pending`.
   */
  carriedOn: z.boolean(),
  /**
   * Why I may not (`canShare` false), when it is this: details were already swapped in that match,
   * and not between the two of us (one of us joined after the swap, or left before it). A match
   * swaps once, so we never can there. The same both ways.
   */
  notInSwap: z.boolean(),
});
export type Connection = z.infer<typeof Connection>;

export const ConnectionsResponse = z.object({
  connections: z.array(Connection),
  /**
   * The matches where I swapped details (everyone then in it shared, me among them), whoever of
   * them is still listed: nothing of mine waits there any more, even once all of those I swapped
   * with have left the event and their rows with them.
   */
  swapped: z.array(z.string()),
  /**
   * The people I reported (by id), whom `connections` leaves out: so that a phone of mine that did
   * not send the report keeps them apart too, rather than read their absence as their leaving.
   */
  reported: z.array(z.string()),
});
export type ConnectionsResponse = z.infer<typeof ConnectionsResponse>;
/**
 * `GET /api/me/connections.vcf`: one person's card (`id`), or everyone's but `except` (ids, comma
 * separated: whom this phone keeps apart, as the server cannot tell who asked for a block).
 */
export const VcfQuery = z.object({
  id: id.optional(),
  except: z
    .string()
    .max(64 * 100 + 99)
    .transform((s) => s.split(','))
    .pipe(z.array(id).max(100))
    .optional(),
});
