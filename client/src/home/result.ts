import type { CreateEventResponse } from '../../../shared/schemas';
import { h, icon } from '../shared/dom';
import { linkRow } from '../shared/copy';
import { LOCALHOST_ICON, localhostWarning } from '../shared/join-link';

/**
 * The organiser's own link: the dashboard with the token in the fragment, which browsers never
 * send to a server. The dashboard stores it and wipes it from the address bar.
 */
export function organiserLink(created: CreateEventResponse): string {
  return `${created.dashboardUrl}#token=${encodeURIComponent(created.organiserToken)}`;
}

/** The new event: a QR code big enough to project, the links, and the join code. */
export function eventCreated(created: CreateEventResponse, startAgain: () => void): HTMLElement {
  const { event, joinUrl } = created;
  const dashboard = organiserLink(created);
  const qr = h('img', {
    class: 'qr',
    attrs: {
      src: `/api/events/${encodeURIComponent(event.code)}/qr.svg`,
      alt: `QR code linking to ${joinUrl}`,
      width: 320,
      height: 320,
    },
  });
  return h(
    'section',
    { class: 'panel result', data: { eventCode: event.code }, attrs: { 'aria-labelledby': 'result-title' } },
    h(
      'div',
      { class: 'poster' },
      h('p', { class: 'poster-kicker' }, 'Scan to find someone to chat to'),
      h('h2', { id: 'result-title', class: 'poster-title', attrs: { tabindex: -1 } }, event.name),
      qr,
      h('p', { class: 'poster-code' }, 'or go to ', h('strong', null, joinUrl)),
    ),
    h(
      'div',
      { class: 'result-details' },
      h('p', { class: 'result-done' }, 'Your event is ready 🎉'),
      detail('Join code', h('p', { class: 'join-code-big', data: { joinCode: event.code } }, event.code)),
      detail('Join link', linkRow(joinUrl, 'join-link'), ...warningFor(joinUrl)),
      detail(
        'Organiser dashboard',
        linkRow(dashboard, 'dashboard-link'),
        h(
          'p',
          { class: 'field-hint warn-text' },
          icon('🔒 '),
          'Keep this link private: anyone who has it can pause, announce to and end your event. Save it somewhere safe to run the event from another laptop.',
        ),
      ),
      h(
        'div',
        { class: 'result-actions' },
        h('a', { class: 'btn btn-primary', attrs: { href: dashboard }, data: { link: 'open-dashboard' } }, 'Open dashboard'),
        h('a', { class: 'btn btn-secondary', attrs: { href: joinUrl, target: '_blank', rel: 'noopener' } }, 'Join as attendee'),
        h('button', { class: 'btn btn-secondary', attrs: { type: 'button' }, on: { click: () => window.print() } }, 'Print poster'),
        h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: startAgain } }, 'Create another event'),
      ),
    ),
  );
}

function detail(label: string, ...content: HTMLElement[]) {
  return h('div', { class: 'detail' }, h('h3', { class: 'block-title' }, label), ...content);
}

/** The localhost warning under the join link, when there is one. */
function warningFor(joinUrl: string): HTMLElement[] {
  const words = localhostWarning(joinUrl);
  return words ? [h('p', { class: 'field-hint warn-text', attrs: { role: 'alert' }, data: { localhostWarning: '' } }, icon(`${LOCALHOST_ICON} `), words)] : [];
}
