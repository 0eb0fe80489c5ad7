import type { Match } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import type { Actions } from '../model';
import { keepBlock, safetyLink } from './keep-block';
import { beaconButton, chattingHeading, chattingLede, icebreaker, matchHeading, partnerList, partnerNames, reasons, sharedTopics, spotLine, waitingForArrivals, whereAndWho } from './match-parts';
import { openSwitch } from './open-switch';
import { editProfileButton } from './profile-sheet';
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
    matchLinks(match, actions),
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
 * it) has to find the group, and the group has to spot them. In a pair the same, smaller: one
 * tap on "We found each other" moves both phones here, the other perhaps still on their way.
 * Once the event has ended (`ended`) the chat carries on, but nobody new is found or sent: no
 * "Find someone new", and no "Open to one more". Left alone with someone on the way (the rest
 * went while they walked over), there is nobody to chat with yet: wait for them, beacon held up,
 * or say "I can't wait" (`match:leave` `done`) or go to find someone new; either way the server
 * sends them looking again. Nothing there is "done chatting", and no action is the main one.
 */
export function chattingView(match: Match, actions: Actions, ended = false): View {
  const joining = match.arriving;
  const waiting = waitingForArrivals(match);
  const none = { el: null, update: () => {} };
  // On their way: they keep in touch with the group once they have found it (the server says so
  // too); waiting for them, nor is there anyone here yet to swap details with.
  const keep = joining || waiting ? none : keepBlock(match, actions);
  // Waiting alone for someone on their way, there is no circle yet to open to one more.
  const open = ended || waiting ? none : openSwitch(match, actions);
  const group = joining || waiting || match.partners.length > 1;
  const el = screen(
    'chatting',
    chattingHeading(match),
    h('p', { class: 'lede' }, chattingLede(match, ended)),
    h(
      'article',
      { class: 'card match-card' },
      beaconButton(match, actions.showBeacon, joining || waiting ? 'large' : 'small'),
      group ? partnerList(match) : whereAndWho(match),
      group ? spotLine(match.spot) : null,
      icebreaker(match.icebreaker),
      sharedTopics(match),
      open.el,
      joining ? reasons(match) : null,
      keep.el,
    ),
    matchLinks(match, actions),
    joining
      ? actionBar(actionButton('I found them', actions.met, 'primary'), actionButton("Can't find them", actions.cantFind, 'secondary'))
      : ended
        ? actionBar(actionButton('Done chatting', actions.done, 'primary'))
        : waiting
          ? actionBar(actionButton('Find someone new', actions.findNew, 'secondary'), actionButton("I can't wait", actions.done, 'secondary'))
          : actionBar(actionButton('Find someone new', actions.findNew, 'primary'), actionButton('Done chatting', actions.done, 'secondary')),
  );
  return {
    el,
    update(m) {
      open.update(m);
      keep.update(m);
    },
  };
}

/**
 * Under the card: "Edit profile" (a name's typo, or how to spot me now the jacket is off, which
 * the others see at once) and "Not comfortable?".
 */
function matchLinks(match: Match, actions: Actions) {
  return h('div', { class: 'link-row match-links' }, editProfileButton(actions), safetyLink(match, actions));
}
