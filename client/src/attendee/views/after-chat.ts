import { fill, h, iconLabel, listOfNames } from '../../shared/dom';
import { carriedOnLine, closedLine, closedMark, closedOf, exchangeOf, keepersOf, notInSwapLine, swappedIn } from '../exchange';
import type { Actions, AfterChat, Model, Person } from '../model';
import { exchangeLine } from './keep-sheet';

/**
 * Right after a chat: "Good chat with Sam?" in one tap, and a way to keep in touch. Shown over
 * the idle and waiting screens until dismissed or the next match.
 */
export function renderAfterChat(region: HTMLElement, after: AfterChat | null, m: Model, actions: Actions): void {
  region.hidden = !after;
  if (!after) return region.replaceChildren();
  const names = listOfNames(stillHere(after, m).map((p) => p.name));
  const vote = (good: boolean) =>
    h(
      'button',
      {
        class: 'vote',
        attrs: { type: 'button', 'aria-label': good ? 'Good chat' : 'Not a good chat', disabled: m.busy },
        data: { vote: good ? 'good' : 'bad' },
        on: { click: () => void actions.sendFeedback(good) },
      },
      good ? '👍' : '👎',
    );
  fill(
    region,
    h(
      'div',
      { class: 'after-chat-row' },
      // Focusable from code only: the renderer starts a screen reader here (see render.ts).
      after.feedback === 'ask'
        ? h('p', { class: 'after-chat-question', attrs: { tabindex: -1 } }, `Good chat with ${names}?`)
        : h('p', { class: 'after-chat-question', attrs: { role: 'status', tabindex: -1 } }, 'Thanks! That helps the organisers.'),
      after.feedback === 'ask' ? h('div', { class: 'votes' }, vote(true), vote(false)) : null,
      h(
        'button',
        // Named for what it closes: the notice above has a × of its own.
        { class: 'notice-close', attrs: { type: 'button', 'aria-label': `Dismiss the card about your chat with ${names}` }, on: { click: actions.dismissAfterChat } },
        '×',
      ),
    ),
    keepInTouch(after, m, actions),
  );
}

/**
 * Those on the card still in the event, by a list that covers the match (see `closedOf`); all of
 * them once none is (the chat happened, and the card says who has left).
 */
function stillHere(after: AfterChat, m: Model): Person[] {
  if (!m.connectionsCover.includes(after.matchId)) return after.people;
  const listed = (m.connections ?? []).filter((c) => c.matchId === after.matchId);
  const here = after.people.filter((p) => listed.some((c) => c.attendeeId === p.id));
  return here.length > 0 ? here : after.people;
}

/** Keep in touch from the card: the button, where it stands, or why it can no longer be. */
function keepInTouch(after: AfterChat, m: Model, actions: Actions): HTMLElement {
  // The card asks about everyone I chatted with; keeping in touch is with those it still may be.
  const keepers = keepersOf(m, after.matchId, after.people);
  const names = listOfNames(keepers.map((p) => p.name));
  const exchange = exchangeOf(m, after.matchId);
  const closed = closedOf(m, after.matchId, after.people);
  if (swappedIn(m, after.matchId)) return swappedView(after, m, actions);
  // They swapped details when I was not there: nothing to miss, nor to do next time.
  if (closed?.why === 'not-in-swap') return h('p', { class: 'after-chat-hint', data: { exchange: 'closed' } }, closedLine(closed, after.people));
  // The others carry on, and their offers name only who is still with them (see PROTOCOL.md):
  // who carried on, by the server's list once it has come, and by this phone until then.
  if (after.leftGroup && exchange.status !== 'revealed' && closed?.why !== 'carried-on') {
    return h('p', { class: 'after-chat-hint' }, carriedOnLine(names, exchange.status === 'shared'));
  }
  // Someone has left the event: the server would refuse, and People I met no longer offers it.
  if (closed) return h('p', { class: 'after-chat-hint', data: { exchange: closedMark(closed) } }, closedLine(closed, after.people, exchange.status === 'shared'));
  return h(
    'button',
    {
      class: 'btn btn-secondary btn-small after-chat-keep',
      attrs: { type: 'button' },
      on: { click: () => actions.openSheet({ kind: 'keep', matchId: after.matchId, people: keepers }) },
    },
    exchange.status === 'none' ? iconLabel('🤝', `Keep in touch with ${names}`) : exchangeLine(exchange, keepers),
  );
}

/**
 * I swapped details in that match: with those of them still listed, the button to their details;
 * about anyone on the card not in the swap (they joined after it, or left before), why not with
 * them; once those I swapped with have all left the event, only that their details went too.
 */
function swappedView(after: AfterChat, m: Model, actions: Actions): HTMLElement {
  const exchange = exchangeOf(m, after.matchId);
  const contacts = exchange.status === 'revealed' ? exchange.contacts : [];
  const closed = closedOf(m, after.matchId, after.people);
  // Those still in the event: someone gone took their details with them, and is not "not in it".
  const here = stillHere(after, m).filter((p) => closed?.why !== 'gone' || !closed.people.some((g) => g.id === p.id));
  const outside = here.filter((p) => !contacts.some((c) => c.attendeeId === p.id));
  const lines = outside.map((p) => h('p', { class: 'after-chat-hint', data: { exchange: 'closed' } }, notInSwapLine(p, contacts)));
  if (contacts.length > 0) {
    const keepers = contacts.map((c) => ({ id: c.attendeeId, name: c.name }));
    const button = h(
      'button',
      {
        class: 'btn btn-secondary btn-small after-chat-keep',
        attrs: { type: 'button' },
        on: { click: () => actions.openSheet({ kind: 'keep', matchId: after.matchId, people: keepers }) },
      },
      exchangeLine(exchange, keepers),
    );
    return lines.length > 0 ? h('div', { class: 'after-chat-keep-block' }, button, ...lines) : button;
  }
  if (lines.length > 0) return lines.length > 1 ? h('div', { class: 'after-chat-keep-block' }, ...lines) : lines[0]!;
  return h('p', { class: 'after-chat-hint', data: { exchange: 'closed' } }, closedLine(closed ?? { why: 'gone', people: after.people }, after.people, false, true));
}
