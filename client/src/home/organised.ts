import type { EventStatus } from '../../../shared/schemas';
import { h } from '../shared/dom';
import { forgetEvent, listOrganised } from '../shared/organised-events';
import { checkOrganiser } from './api';
import { FORGET_HINT_ID, organisedEntry, type OrganisedEntry } from './organised-entry';

/**
 * How many events show before "Show all": enough for a busy week, few enough that the join box
 * under the list stays on a laptop's first screen.
 */
const SHOWN_AT_FIRST = 3;

/** Live events first, as the organiser most likely wants one now; ended ones last. */
const RANK: Record<EventStatus | 'unchecked', number> = { open: 0, paused: 1, unchecked: 2, ended: 3 };
const rank = (e: OrganisedEntry) => RANK[e.status ?? 'unchecked'];

/**
 * "Your events on this device": the way back to a dashboard once the "event ready" page is gone.
 * Each event this browser holds the organiser token of is asked about first: one the server no
 * longer takes (expired and deleted, say) is forgotten and never offered, as its dashboard could
 * only ask for a link. Null when this browser organises nothing.
 */
export function organisedEvents(): HTMLElement | null {
  const events = listOrganised();
  if (!events.length) return null;
  let expanded = false;
  const checking = h('p', { class: 'field-hint', attrs: { role: 'status' } }, 'Checking them with Mingle…');
  const list = h('ul', { id: 'organised-list', class: 'organised-list' });
  const toggle = h('button', {
    class: 'link-button organised-toggle',
    attrs: { type: 'button', hidden: true, 'aria-expanded': 'false', 'aria-controls': 'organised-list' },
    on: {
      click: () => {
        expanded = !expanded;
        place();
      },
    },
  });
  const entries = events.map((event) => organisedEntry(event, () => place()));
  list.append(...entries.map((e) => e.el));
  for (const e of entries) e.el.hidden = true;

  /**
   * Orders the checked rows (newest first within a status, as listed) and shows the first few
   * unless expanded. A forgotten row keeps its place, holding its Undo, but counts for nothing.
   */
  function place(): void {
    const rows = entries.filter((e) => e.checked).sort((a, b) => rank(a) - rank(b));
    const order = rows.map((e) => e.el);
    // Moving a row would take the focus off its buttons: only when the order did change.
    if (order.some((el, i) => list.children[i] !== el)) list.append(...order);
    const kept = rows.filter((e) => !e.forgotten).length;
    let shown = 0;
    for (const e of rows) {
      e.el.hidden = !expanded && shown >= SHOWN_AT_FIRST;
      if (!e.forgotten) shown++;
    }
    toggle.hidden = kept <= SHOWN_AT_FIRST;
    toggle.textContent = expanded ? 'Show fewer' : `Show all (${kept})`;
    toggle.setAttribute('aria-expanded', String(expanded));
  }

  const section = h(
    'section',
    { class: 'panel panel-organised', data: { organisedEvents: 'checking' }, attrs: { 'aria-labelledby': 'organised-title' } },
    h('h2', { id: 'organised-title', class: 'panel-title' }, 'Your events on this device'),
    checking,
    list,
    toggle,
    h(
      'p',
      { class: 'field-hint organised-hint' },
      'Open a dashboard from its name. ',
      h('span', { id: FORGET_HINT_ID }, "Forget only takes an event off this list: it doesn't delete it."),
    ),
  );
  void Promise.all(
    entries.map(async (e) => {
      const answer = await checkOrganiser(e.event.eventId, e.event.token);
      if (answer === 'refused') {
        forgetEvent(e.event.eventId);
        e.el.remove();
        entries.splice(entries.indexOf(e), 1);
      } else {
        e.show(answer);
      }
      place();
    }),
  ).then(() => {
    checking.remove();
    section.dataset.organisedEvents = 'checked';
    if (!entries.length) section.remove();
  });
  return section;
}
