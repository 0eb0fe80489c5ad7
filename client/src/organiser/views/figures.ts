import type { Stats } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import { duration, percent } from '../format';
import { explanation } from './explanation';
import { card, setText, whenChanged, type Part } from './part';

/** One live number: its `data-stat` name, its label, and how to write it. */
interface Figure {
  stat: string;
  label: string;
  value(s: Stats): string;
  /** A smaller line under the number. */
  sub?(s: Stats): string;
  /** What the figure means: shown by its ⓘ button (see explanation.ts), and on hover. */
  help: string;
  tone?: 'accent' | 'good' | 'warn';
}

/** Right now: who is here and what they are doing. Big enough to read from a metre away. */
const NOW: Figure[] = [
  {
    stat: 'attendees',
    label: 'Here',
    value: (s) => `${s.attendees}`,
    sub: (s) => `${s.online} online`,
    help: 'Everyone who has joined; online means their page is open right now.',
  },
  {
    stat: 'looking',
    label: 'Looking',
    value: (s) => `${s.looking}`,
    help: 'In the queue for a match, including anyone whose phone is away right now: they keep their place, and are matched once it is back.',
    tone: 'warn',
  },
  {
    stat: 'matched',
    label: 'Finding each other',
    value: (s) => `${s.matched}`,
    help: 'Matched, and walking over to meet.',
    tone: 'accent',
  },
  {
    stat: 'chatting',
    label: 'Chatting',
    value: (s) => `${s.chatting}`,
    help: 'Met their match and talking.',
    tone: 'good',
  },
  {
    stat: 'solo',
    // Unlike "Here", only those online: say so, or the two look like they disagree.
    label: 'Came alone (here now)',
    value: (s) => `${s.solo}`,
    help: 'Online now, and here on their own.',
  },
  {
    stat: 'conversed',
    label: 'Have talked to someone',
    value: (s) => percent(s.conversedShare),
    help: 'Share of attendees who have had at least one conversation through Mingle.',
    tone: 'good',
  },
];

/**
 * Once the event has ended the top row is a record of the evening, not a live view: nobody can
 * look any more, and "Came alone" and "online" count only phones still open, which go as the room
 * empties. What is left says what it is: matches under way carry on ("Still chatting").
 */
const ENDED: Figure[] = [
  { ...NOW[0]!, label: 'Joined', sub: undefined, help: 'Everyone who joined the event.' },
  { ...NOW[2]!, label: 'Still finding each other', help: 'Matched before the end, and still walking over to meet: matches under way carry on.' },
  { ...NOW[3]!, label: 'Still chatting', help: 'Met their match and still talking: matches under way carry on after the end.' },
  { ...NOW[5]!, label: 'Talked to someone', help: 'Share of attendees who had at least one conversation through Mingle.' },
];

/** So far tonight: the numbers for the sponsors. */
const TOTALS: Figure[] = [
  {
    stat: 'matches',
    label: 'Matches made',
    value: (s) => `${s.matchesTotal}`,
    help: 'Every match so far, including groups.',
  },
  {
    stat: 'met',
    label: 'Met up',
    value: (s) => `${s.metTotal}`,
    help: 'Matches where people found each other.',
  },
  {
    stat: 'cant-find',
    label: "Couldn't find",
    value: (s) => `${s.cantFindTotal}`,
    help: 'Matches ended because someone could not find their match.',
  },
  {
    stat: 'timed-out',
    label: 'Timed out',
    value: (s) => `${s.timedOutTotal}`,
    help: 'Matches that ran out of time before anyone confirmed meeting.',
  },
  {
    stat: 'median-wait',
    label: 'Typical wait',
    value: (s) => duration(s.medianWaitMs),
    help: 'Median time from tapping Find to getting a match.',
  },
  {
    stat: 'p90-wait',
    label: '9 in 10 waited under',
    value: (s) => duration(s.p90WaitMs),
    help: '90th percentile of the wait from Find to a match.',
  },
  {
    stat: 'feedback',
    label: 'Good chats',
    value: (s) => goodShare(s.feedback),
    // In words: a screen reader would read the thumbs as "thumbs up sign 4 / thumbs down sign 1".
    sub: (s) => `${s.feedback.good} yes · ${s.feedback.bad} no`,
    help: '“Good chat?” answers from the phones after a chat: the share that said yes. Never who said what.',
  },
  {
    stat: 'reports',
    label: 'Reports',
    value: (s) => `${s.reportsTotal}`,
    // Older servers send no removedTotal: nothing to say then.
    sub: (s) => (s.removedTotal ? `${s.removedTotal} ${s.removedTotal === 1 ? 'person' : 'people'} removed` : ''),
    help: 'Reports about people still at the event; see the Reports panel. Reports by or about someone you removed go with them: “removed” counts those people.',
  },
];

/** `80%` of answers said good; a dash before the first answer. */
function goodShare({ good, bad }: Stats['feedback']): string {
  return good + bad === 0 ? '—' : percent(good / (good + bad));
}

function figureGrid(figures: Figure[], size: 'big' | 'small'): Part {
  const cells = figures.map((f) => {
    const value = h('span', { class: 'figure-value', data: { stat: f.stat } }, '–');
    const sub = f.sub ? h('span', { class: 'figure-sub', data: { statSub: f.stat } }) : null;
    const about = explanation(`figure-help-${f.stat}`, f.label, f.help);
    const el = h(
      'div',
      // The hover text stays for the mouse, where it is quickest; the button is for everyone.
      { class: `figure figure-${size}${f.tone ? ` figure-${f.tone}` : ''}`, attrs: { title: f.help } },
      value,
      h('div', { class: 'figure-head' }, h('span', { class: 'figure-label' }, f.label), about.button),
      sub,
      about.text,
    );
    return { f, el, value, sub };
  });
  const el = h('div', { class: `figures figures-${size} figures-of-${figures.length}` }, ...cells.map((c) => c.el));
  return {
    el,
    update(m) {
      const stats = m.stats;
      for (const { f, value, sub } of cells) {
        setText(value, stats ? f.value(stats) : '–');
        if (sub && f.sub) setText(sub, stats ? f.sub(stats) : '');
      }
    },
  };
}

/** The row of big live numbers across the top; once the event has ended, its record. */
export function nowFigures(): Part {
  let grid = figureGrid(NOW, 'big');
  const el = h('section', { class: 'now', attrs: { 'aria-label': 'Right now' } }, grid.el);
  const regrid = whenChanged(
    (m) => String(m.event?.status === 'ended'),
    (m) => {
      const ended = m.event?.status === 'ended';
      grid = figureGrid(ended ? ENDED : NOW, 'big');
      el.setAttribute('aria-label', ended ? 'The evening' : 'Right now');
      el.replaceChildren(grid.el);
    },
  );
  return {
    el,
    update(m) {
      regrid(m);
      grid.update(m);
    },
  };
}

/** The running totals; once the event has ended, the evening's. */
export function totalFigures(): Part {
  const grid = figureGrid(TOTALS, 'small');
  const el = card('totals', 'So far', grid.el);
  const title = el.querySelector('.card-title')!;
  return {
    el,
    update(m) {
      setText(title, m.event?.status === 'ended' ? 'The evening in numbers' : 'So far');
      grid.update(m);
    },
  };
}
