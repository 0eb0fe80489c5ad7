import type { Match, MatchEnded } from '../../../shared/schemas';
import type { Notice } from './model';

/** The words for a match that ended; the names come from the match as the phone last saw it. */
export function endedNotice({ matchId, reason }: MatchEnded, match: Match | null): Notice | null {
  const partners = match?.id === matchId ? match.partners.map((p) => p.name) : [];
  switch (reason) {
    case 'partner_left':
      return partners.length === 1
        ? { text: `${partners[0]} had to go. Ready for someone new?`, tone: 'info' }
        : { text: 'Your group has wrapped up. Ready for someone new?', tone: 'info' };
    case 'timeout':
      return { text: "That match ran out of time. Tap Find when you're ready to try again.", tone: 'warn' };
    case 'cant_find':
      return { text: "We'll find you someone else.", tone: 'info' };
    case 'done':
      return null;
  }
}
