import { h } from '../shared/dom';
import { forgetEvent, listOrganised, type OrganisedEvent } from '../shared/organised-events';
import type { Event } from '../../../shared/schemas';
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

/**
 * One event's row, hidden until the server has been asked about its token; then named as the
 * server says (an entry kept before names were, or renamed since), or as last seen here.
 */
function entry(event: OrganisedEvent): { event: OrganisedEvent; el: HTMLElement; show(answer: Event | 'unknown'): void } {
  const { details } = event;
  const name = details?.name ?? 'An event you created here';
  const nameEl = h('p', { class: 'organised-name' }, name);
  const code = h('strong', { data: { organisedCode: details?.code ?? '' } }, details?.code ?? '');
  const codeEl = h('p', { class: 'organised-code', attrs: { hidden: !details } }, 'Join code ', code);
  const note = h('p', { class: 'field-hint' });
  const link = h(
    'a',
    {
      class: 'btn btn-primary btn-small',
      attrs: { href: `/organiser/${encodeURIComponent(event.eventId)}`, 'aria-label': `Open dashboard for ${name}` },
    },
    'Open dashboard',
  );
  const el = h(
    'li',
    { class: 'organised-event', data: { organisedEvent: event.eventId }, attrs: { hidden: true } },
    h('div', { class: 'organised-about' }, nameEl, codeEl, note),
    // The dashboard finds the token saved here: it never goes in the address.
    link,
  );
  const show = (answer: Event | 'unknown') => {
    if (answer === 'unknown') {
      note.append(h('span', { class: 'organised-unchecked' }, "Couldn't check it with Mingle just now: its dashboard will say if it can't open."));
    } else {
      nameEl.textContent = answer.name;
      code.textContent = answer.code;
      code.dataset.organisedCode = answer.code;
      codeEl.hidden = false;
      link.setAttribute('aria-label', `Open dashboard for ${answer.name}`);
    }
    el.hidden = false;
  };
  return { event, el, show };
}
