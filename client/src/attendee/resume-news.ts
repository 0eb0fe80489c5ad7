import type { EventStatus } from '../../../shared/schemas';
import { say } from '../shared/live-region';

/**
 * Says "Matching is back on" when the organisers resume matching while this phone is between
 * matches (on the idle or the waiting screen), in an out-of-sight live region (`region`). The
 * pause says itself, in the banner its screen is drawn with; the resume only takes the banner
 * away, which a screen reader does not notice. Said for a change seen live, never for the state
 * a page opens on; emptied when the screen moves on, so it is not found there later.
 */
export function resumeNews(region: HTMLElement): (screen: string, status: EventStatus | null) => void {
  let last: { screen: string; status: EventStatus | null } | null = null;
  return (screen, status) => {
    const between = screen === 'idle' || screen === 'waiting';
    if (between && last?.status === 'paused' && status === 'open') say(region, screen === 'waiting' ? BACK_WAITING : BACK_IDLE);
    else if (last && last.screen !== screen) say(region, '');
    last = { screen, status };
  };
}

const BACK_IDLE = 'Matching is back on.';
const BACK_WAITING = "Matching is back on. We're looking for someone for you.";
