import type { Match } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import type { Actions } from '../model';
import { keepBlock, safetyLink } from './keep-block';
import { beaconButton, icebreaker, matchHeading, partnerList, partnerNames, reasons, sharedTopics, spotLine } from './match-parts';
import { actionBar, actionButton, screen, type View } from './view';

/** Matched, not yet met: everything needed to find each other in the room. */
export function matchedView(match: Match, actions: Actions): View {
  const keep = keepBlock(match, actions);
  const el = screen(
    'matched',
    matchHeading(match),
    match.partners.length > 1 ? h('p', { class: 'lede' }, `with ${partnerNames(match)}`) : null,
    h(
      'article',
      { class: 'card match-card' },
      beaconButton(match, actions.showBeacon),
      partnerList(match),
      spotLine(match.spot),
      icebreaker(match.icebreaker),
      sharedTopics(match),
      reasons(match),
      keep.el,
    ),
    safetyLink(match, actions),
    actionBar(
      actionButton('We found each other', actions.met, 'primary'),
      actionButton("Can't find them", actions.cantFind, 'secondary'),
    ),
  );
  return { el, update: keep.update };
}

/**
 * Met and talking: conversation help, and the ways onwards. In a group, who is in it and how to
 * spot them, with the meeting spot: someone sent to join (`arriving`, until they say they found
 * it) has to find the group, and the group has to spot them.
 */
export function chattingView(match: Match, actions: Actions): View {
  const joining = match.arriving;
  const openId = 'open-to-one-more';
  const open = h('input', {
    id: openId,
    attrs: { type: 'checkbox', role: 'switch', checked: match.open },
    on: { change: () => actions.setOpen(open.checked) },
  });
  const keep = keepBlock(match, actions);
  const group = joining || match.partners.length > 1;
  const el = screen(
    'chatting',
    joining ? `Go and join ${partnerNames(match)}` : `Chatting with ${partnerNames(match)}`,
    h(
      'p',
      { class: 'lede' },
      joining
        ? 'They’re already talking and know you’re coming. Look for your beacon colour and say hello.'
        : 'Enjoy it. When you’re ready, move on — no need to make an excuse.',
    ),
    h(
      'article',
      { class: 'card match-card' },
      beaconButton(match, actions.showBeacon, joining ? 'large' : 'small'),
      group ? partnerList(match) : null,
      group ? spotLine(match.spot) : null,
      icebreaker(match.icebreaker),
      sharedTopics(match),
      h(
        'div',
        { class: 'field field-switch' },
        h(
          'label',
          { class: 'switch', attrs: { for: openId } },
          open,
          h('span', { class: 'switch-track', attrs: { 'aria-hidden': 'true' } }),
          h('span', { class: 'switch-text' }, 'Open to one more'),
        ),
        h('p', { class: 'field-hint' }, match.open ? 'Someone on their own may be sent to join you.' : 'Let someone on their own join your conversation.'),
      ),
      joining ? reasons(match) : null,
      keep.el,
    ),
    safetyLink(match, actions),
    joining
      ? actionBar(actionButton('I found them', actions.met, 'primary'), actionButton("Can't find them", actions.cantFind, 'secondary'))
      : actionBar(actionButton('Find someone new', actions.findNew, 'primary'), actionButton('Done chatting', actions.done, 'secondary')),
  );
  return {
    el,
    update(m) {
      // Once no request is pending, the switch shows what the server says: a refused or
      // timed-out flip goes back (an accepted one arrives as a new state, and a new screen).
      const now = m.state?.match;
      if (now?.id === match.id && !m.busy) open.checked = now.open;
      keep.update(m);
    },
  };
}
