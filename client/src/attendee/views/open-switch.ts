import { MAX_GROUP_SIZE } from '../../../../shared/groups';
import type { Match } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import type { Actions, Model } from '../model';

/**
 * "Open to one more", for a group that has met. The hints promise only what the matcher does:
 * on, someone looking may be sent over; off, nothing either way, since a pair that has just met
 * may still be sent a third. Nothing for someone still on their way (it is not their group yet),
 * and "Your group is full" once nobody more can come.
 */
export function openSwitch(match: Match, actions: Actions): { el: HTMLElement | null; update(m: Model): void } {
  if (match.arriving) return { el: null, update: () => {} };
  if (match.partners.length + 1 >= MAX_GROUP_SIZE) {
    return { el: h('p', { class: 'group-full', data: { groupFull: '' } }, 'Your group is full.'), update: () => {} };
  }
  const id = 'open-to-one-more';
  const open = h('input', {
    id,
    attrs: { type: 'checkbox', role: 'switch', checked: match.open, 'aria-describedby': `${id}-hint` },
    on: { change: () => actions.setOpen(open.checked) },
  });
  const el = h(
    'div',
    { class: 'field field-switch' },
    h(
      'label',
      { class: 'switch', attrs: { for: id } },
      open,
      h('span', { class: 'switch-track', attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'switch-text' }, 'Open to one more'),
    ),
    // Read with the switch: what turning it on (or having it on) means.
    h('p', { id: `${id}-hint`, class: 'field-hint' }, match.open ? 'Someone looking may be sent to join you.' : "Turn it on if you'd welcome someone who's looking."),
  );
  return {
    el,
    update(m) {
      // Once no request is pending, the switch shows what the server says: a refused or
      // timed-out flip goes back (an accepted one arrives as a new state, and a new screen).
      const now = m.state?.match;
      if (now?.id === match.id && !m.busy) open.checked = now.open;
    },
  };
}
