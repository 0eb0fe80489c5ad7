import { fill, h, listOfNames } from '../../shared/dom';
import { carriedOnLine, closedLine, closedMark, closedOf, exchangeOf, keepersOf } from '../exchange';
import type { Actions, AfterChat, Model } from '../model';
import { exchangeLine } from './keep-sheet';

/**
 * Right after a chat: "Good chat with Sam?" in one tap, and a way to keep in touch. Shown over
 * the idle and waiting screens until dismissed or the next match.
 */
export function renderAfterChat(region: HTMLElement, after: AfterChat | null, m: Model, actions: Actions): void {
  region.hidden = !after;
  if (!after) return region.replaceChildren();
  const names = listOfNames(after.people.map((p) => p.name));
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

/** Keep in touch from the card: the button, where it stands, or why it can no longer be. */
function keepInTouch(after: AfterChat, m: Model, actions: Actions): HTMLElement {
  // The card asks about everyone I chatted with; keeping in touch is with those it still may be.
  const keepers = keepersOf(m, after.matchId, after.people);
  const names = listOfNames(keepers.map((p) => p.name));
  const exchange = exchangeOf(m, after.matchId);
  const closed = closedOf(m, after.matchId, after.people);
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
    exchange.status === 'none' ? `🤝 Keep in touch with ${names}` : exchangeLine(exchange, keepers),
  );
}
