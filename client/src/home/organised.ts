import { h } from '../shared/dom';
import { forgetEvent, listOrganised, type OrganisedEvent } from '../shared/organised-events';
import { checkOrganiser } from './api';

/**
 * "Your events on this device": the way back to a dashboard once the "event ready" page is gone.
 * Each event this browser holds the organiser token of is asked about first: one the server no
 * longer takes (expired and deleted, say) is forgotten and never offered, as its dashboard could
 * only ask for a link. Null when this browser organises nothing.
 */
export function organisedEvents(): HTMLElement | null {
  const events = listOrganised();
  if (!events.length) return null;
  const checking = h('p', { class: 'field-hint', attrs: { role: 'status' } }, 'Checking them with Mingle…');
  const entries = events.map(entry);
  const section = h(
    'section',
    { class: 'panel panel-organised', data: { organisedEvents: 'checking' }, attrs: { 'aria-labelledby': 'organised-title' } },
    h('h2', { id: 'organised-title', class: 'panel-title' }, 'Your events on this device'),
    checking,
    h('ul', { class: 'organised-list' }, ...entries.map((e) => e.el)),
  );
  void Promise.all(
    entries.map(async (e) => {
      const answer = await checkOrganiser(e.event.eventId, e.event.token);
      if (answer === 'refused') {
        forgetEvent(e.event.eventId);
        e.el.remove();
      } else {
        e.show(answer);
      }
    }),
  ).then(() => {
    checking.remove();
    section.dataset.organisedEvents = 'checked';
    if (!section.querySelector('.organised-event')) section.remove();
  });
  return section;
}

/** One event's row, hidden until the server has been asked about its token. */
function entry(event: OrganisedEvent): { event: OrganisedEvent; el: HTMLElement; show(answer: 'ok' | 'unknown'): void } {
  const { details } = event;
  const name = details?.name ?? 'An event you created here';
  const note = h('p', { class: 'field-hint' }, details ? null : 'Its name shows here once you open its dashboard.');
  const el = h(
    'li',
    { class: 'organised-event', data: { organisedEvent: event.eventId }, attrs: { hidden: true } },
    h(
      'div',
      { class: 'organised-about' },
      h('p', { class: 'organised-name' }, name),
      details ? h('p', { class: 'organised-code' }, 'Join code ', h('strong', { data: { organisedCode: details.code } }, details.code)) : null,
      note,
    ),
    // The dashboard finds the token saved here: it never goes in the address.
    h(
      'a',
      {
        class: 'btn btn-primary btn-small',
        attrs: { href: `/organiser/${encodeURIComponent(event.eventId)}`, 'aria-label': `Open dashboard for ${name}` },
      },
      'Open dashboard',
    ),
  );
  const show = (answer: 'ok' | 'unknown') => {
    if (answer === 'unknown') {
      note.append(h('span', { class: 'organised-unchecked' }, " Couldn't check it with Mingle just now: its dashboard will say if it can't open."));
    }
    el.hidden = false;
  };
  return { event, el, show };
}
