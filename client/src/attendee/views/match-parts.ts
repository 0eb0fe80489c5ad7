import type { Beacon, Match } from '../../../../shared/schemas';
import { h, listOfNames } from '../../shared/dom';
import { chipRow } from './view';

/** "Meet Sam", "You're a three", "You're a circle of 5". */
export function matchHeading(match: Match): string {
  const n = match.partners.length;
  if (n <= 1) return `Meet ${match.partners[0]?.name ?? 'your match'}`;
  if (n === 2) return "You're a three";
  return `You're a circle of ${n + 1}`;
}

/** The partners' names for sentences: "Sam", "Sam and Alex". */
export function partnerNames(match: Match): string {
  return listOfNames(match.partners.map((p) => p.name));
}

/**
 * The chat screen's heading, naming only those here: "Chatting with Bob and Carol · Dan is on the
 * way". Someone sent to join who has not found us yet is said apart, as the list marks them, and
 * so is anyone else on their way when I am one ("Go and join Bob · Dan is on the way too").
 */
export function chattingHeading(match: Match): string {
  const here = match.partners.filter((p) => !p.arriving).map((p) => p.name);
  const coming = match.partners.filter((p) => p.arriving).map((p) => p.name);
  const head = here.length > 0 ? `${match.arriving ? 'Go and join' : 'Chatting with'} ${listOfNames(here)}` : '';
  if (coming.length === 0) return head;
  const onTheWay = `${listOfNames(coming)} ${coming.length > 1 ? 'are' : 'is'} on the way${match.arriving && head ? ' too' : ''}`;
  return head ? `${head} · ${onTheWay}` : onTheWay;
}

/**
 * Everyone else in the match is still on their way and I am not: the rest of the group left
 * after someone was sent to join (Ann and Ben met, Cat was sent over, Ben left). I have nobody
 * to talk to yet; I wait where Cat was told to go.
 */
export function waitingForArrivals(match: Match): boolean {
  return !match.arriving && match.partners.length > 0 && match.partners.every((p) => p.arriving);
}

/**
 * The line under the chat heading. On my way to one person left ("Ann is waiting for you"), or
 * to a group still talking; waiting alone for someone on the way (see `waitingForArrivals`),
 * with what "I can't wait" does (`ended`: the event is over, so nobody is found anyone else); or
 * talking. A spot is a place as the organiser typed it ("By
 * the bar"), shown under its label on the card, so the line points to it rather than quote it.
 */
export function chattingLede(match: Match, ended = false): string {
  const here = match.partners.filter((p) => !p.arriving);
  if (match.arriving) {
    if (here.length === 1) {
      return `${here[0]!.name} is waiting for you${match.spot ? ' at the meeting spot' : ''} and knows you're coming. Look for your beacon colour and say hello.`;
    }
    return "They're already talking and know you're coming. Look for your beacon colour and say hello.";
  }
  if (waitingForArrivals(match)) {
    const coming = partnerNames(match);
    const where = match.spot ? 'Wait at the meeting spot' : 'Stay where you are';
    // Once the event has ended, nobody is found anyone else: no promise to.
    const cantWait = ended ? '' : ` If you can't wait, say so and we'll find ${coming} someone else.`;
    return `${where} so ${coming} can find you, and hold up your beacon.${cantWait}`;
  }
  return "Enjoy it. When you're ready, move on — no need to make an excuse.";
}

/**
 * Whether to say "Look for your beacon colour on their phone." under `partner` (who gave no
 * description): only while I still have to find them, so before we met, while I am on my way,
 * or while they are; not for someone I am already standing with.
 */
export function showsBeaconHint(match: Match, partner: Match['partners'][number]): boolean {
  return match.status === 'matched' || match.arriving || partner.arriving;
}

/** The beacon's emoji on its colour, as a button that opens the full-screen beacon. */
export function beaconButton(match: Match, onTap: () => void, size: 'large' | 'small' = 'large') {
  const { beacon } = match;
  const who = match.partners.length > 1 ? 'You all' : 'You both';
  return h(
    'button',
    {
      class: `beacon beacon-${size}`,
      attrs: { type: 'button', 'aria-label': `Show your beacon: the ${beacon.colorName} ${beacon.emoji}, full screen` },
      data: { beaconColor: beacon.color, beaconEmoji: beacon.emoji, beaconName: beacon.colorName },
      on: { click: onTap },
    },
    swatch(beacon),
    h(
      'span',
      { class: 'beacon-text' },
      h('span', { class: 'beacon-title' }, 'Your beacon'),
      h('span', { class: 'beacon-hint' }, `${who} have the ${beacon.colorName} ${beacon.emoji}. Tap to hold it up.`),
    ),
  );
}

function swatch(beacon: Beacon) {
  const el = h('span', { class: 'beacon-swatch', attrs: { 'aria-hidden': 'true' } }, beacon.emoji);
  el.style.backgroundColor = beacon.color;
  return el;
}

/**
 * Who they are and how to spot them; someone sent to join who has not found us yet is marked.
 * The beacon line stands in for a missing description only while they are still to be found.
 */
export function partnerList(match: Match) {
  return h(
    'ul',
    { class: 'partners' },
    ...match.partners.map((p) =>
      h(
        'li',
        { class: 'partner', data: { partnerId: p.id } },
        h(
          'span',
          { class: 'partner-head' },
          h('span', { class: 'partner-name', data: { partnerName: '' } }, p.name),
          p.arriving ? h('span', { class: 'partner-arriving', data: { partnerArriving: '' } }, 'on their way') : null,
        ),
        p.lookFor
          ? h('span', { class: 'partner-look', data: { partnerLook: p.id } }, h('span', { class: 'label' }, 'How to spot them: '), p.lookFor)
          : showsBeaconHint(match, p)
            ? h('span', { class: 'partner-look partner-look-none', data: { partnerLook: p.id } }, 'Look for your beacon colour on their phone.')
            : null,
      ),
    ),
  );
}

/**
 * The meeting spot, as the organiser typed it, under a label: organisers write spots as places
 * ("By the bar", "Under the big clock"), so no verb in front of them reads right.
 */
export function spotLine(spot: string | null) {
  if (!spot) return null;
  return h(
    'p',
    { class: 'spot' },
    h('span', { class: 'spot-icon', attrs: { 'aria-hidden': 'true' } }, '📍'),
    h('span', null, h('span', { class: 'spot-label' }, 'Meeting spot: '), h('strong', null, spot)),
  );
}

/**
 * For a pair that has met, small: where, and how to spot them. One tap on "We found each other"
 * moves both phones on, so the other may still be crossing the room, or the tap came early.
 */
export function whereAndWho(match: Match) {
  const partner = match.partners[0];
  const look = partner?.lookFor
    ? h('p', { class: 'where-who-look', data: { partnerLook: partner.id } }, h('span', { class: 'label' }, `How to spot ${partner.name}: `), partner.lookFor)
    : null;
  if (!match.spot && !look) return null;
  return h('div', { class: 'where-who', data: { whereWho: '' } }, spotLine(match.spot), look);
}

export function sharedTopics(match: Match) {
  if (match.sharedTopics.length === 0) return null;
  const who = match.partners.length === 1 ? 'You both like' : 'You all like';
  return h('div', { class: 'card-block' }, h('h2', { class: 'block-title' }, who), chipRow(match.sharedTopics));
}

/** A group by its size, as the reasons' heading names it ("Why you three"). */
const GROUP_OF: Record<number, string> = { 2: 'you two', 3: 'you three', 4: 'you four', 5: 'you five' };

export function reasons(match: Match) {
  if (match.reasons.length === 0) return null;
  return h(
    'div',
    { class: 'card-block' },
    h('h2', { class: 'block-title' }, `Why ${GROUP_OF[match.partners.length + 1] ?? 'this group'}`),
    h('ul', { class: 'reasons' }, ...match.reasons.map((r) => h('li', null, r))),
  );
}

export function icebreaker(text: string) {
  return h(
    'figure',
    { class: 'icebreaker' },
    h('figcaption', { class: 'block-title' }, 'Icebreaker'),
    h('blockquote', null, text),
  );
}
