import type { JoinBody } from '../../../shared/schemas';
import { ApiError } from '../shared/api';
import { fetchEvent, joinEvent } from './api';
import type { ModelHost, Notice } from './model';
import { loadGone, loadRemoved, loadToken, markGone, saveToken } from './storage';

/**
 * Says the event `code` is gone for good (its data deleted after it ended), and keeps that on the
 * phone so that a reload says the same: "join again" and "check the poster" would send the person
 * after a code that was right.
 */
export function showEventGone(host: ModelHost): void {
  const { code } = host.model();
  markGone(code, true);
  const message = `Mingle no longer has the event ${code}: it may have finished and been deleted. If it's still going, ask the organisers for its QR code.`;
  host.set({ screen: { name: 'missing', message, gone: true }, notice: null });
}

/** What {@link SignIn} needs of the session it works for. */
export interface SignInHost extends ModelHost {
  /** Opens the socket with `token`: the page goes live. */
  connect(token: string): void;
  /** Says the organisers took this phone's person out of the event `eventId` (`eventName` may be ''). */
  showRemoved(eventId: string | null, eventName: string): void;
}

/**
 * How this phone gets into the event: it resumes with the token it kept, else it shows the join
 * form (also after starting over, or once the server no longer knows it), and joins from there.
 */
export class SignIn {
  /**
   * The token of whoever started over on this phone, sent with the next join so that their
   * blocks stay with the phone (`previousToken`, docs/PROTOCOL.md). Only in this page: kept on
   * the phone, it would let the next person sign in as them.
   */
  private previousToken: string | null = null;

  constructor(private readonly host: SignInHost) {}

  /** "Start over": the next join here is someone else's, who takes on `token`'s blocks. */
  handOver(token: string): void {
    this.previousToken = token;
  }

  /** Resumes with a stored token (one round trip less on slow Wi-Fi), else shows the join form. */
  start(): void {
    const { code } = this.host.model();
    if (!code) {
      this.host.set({ screen: { name: 'missing', message: 'This link is missing its event code. Scan the QR code at the door again.' } });
      return;
    }
    const token = loadToken(code);
    const removedFrom = loadRemoved(code);
    if (token) this.host.connect(token);
    else if (removedFrom) this.host.showRemoved(removedFrom, '');
    else void this.showJoin();
  }

  /**
   * Joins the event and keeps the token on this phone; rejects with the server's ApiError. An
   * event that ended since the form last asked (EVENT_CLOSED) is no failure of the form: the
   * thank-you takes its place, as it would have had the form heard of the end first. One deleted
   * since (NOT_FOUND: the form only shows for an event the server had) says it is gone.
   */
  async join(body: JoinBody): Promise<void> {
    const { code } = this.host.model();
    // After "Start over": the blocks of whoever had this phone stay with it.
    const { previousToken } = this;
    let token: string;
    try {
      ({ token } = await joinEvent(code, previousToken ? { ...body, previousToken } : body));
    } catch (err) {
      const closed = err instanceof ApiError && err.code === 'EVENT_CLOSED';
      const deleted = err instanceof ApiError && err.code === 'NOT_FOUND';
      const { screen } = this.host.model();
      if (screen.name === 'join' && deleted) return showEventGone(this.host);
      if (!closed || screen.name !== 'join') throw err;
      return this.host.set({ screen: { name: 'join', event: { ...screen.event, status: 'ended' } } });
    }
    this.previousToken = null;
    saveToken(code, token);
    this.host.connect(token);
  }

  /** `signedOut`: this phone was in the event, and the server no longer knows its token. */
  async showJoin(notice: Notice | null = null, signedOut = false): Promise<void> {
    const { code } = this.host.model();
    this.host.set({ screen: { name: 'loading' }, notice });
    try {
      const event = await fetchEvent(code);
      markGone(code, false);
      this.host.set({ screen: { name: 'join', event } });
    } catch (err) {
      const unknown = err instanceof ApiError && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED');
      // Its token and its event are both gone (deleted after the event, or a server that lost
      // its data): "join again" and "check the poster" would send them after a code that was right.
      if (unknown && (signedOut || loadGone(code))) return showEventGone(this.host);
      // A mistyped code is refused as malformed (VALIDATION_FAILED) or unknown (NOT_FOUND):
      // either way, the person needs the same words, not a schema's.
      const message = unknown
        ? `We couldn't find an event with the code ${code}. Check the poster and try again.`
        : err instanceof Error ? err.message : String(err);
      this.host.set({ screen: { name: 'missing', message } });
    }
  }
}
