import { readableUrl } from '../../../../shared/link-host';
import { telUri } from '../../../../shared/phone';
import type { Contact } from '../../../../shared/schemas';
import { h, iconLabel } from '../../shared/dom';
import { safeLink } from '../contact';
import type { Actions, Person } from '../model';
import { inlineError, run } from './sheet';

/** A tappable line: mail, call, or open. */
function line(icon: string, label: string, text: string, href: string | null, external = false) {
  return h(
    'li',
    { class: 'contact-line' },
    h('span', { class: 'contact-icon', attrs: { 'aria-hidden': 'true' } }, icon),
    href
      ? h(
          'a',
          {
            class: 'contact-link',
            attrs: { href, 'aria-label': `${label}: ${text}`, ...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {}) },
          },
          text,
        )
      : h('span', null, text),
  );
}

/**
 * `https://www.linkedin.com/in/sam/` -> `linkedin.com/in/sam`, for reading; the link keeps it
 * whole. A host that would read as another site's (`аpple.com`, with a Cyrillic `а`: one shared
 * before the server refused them) is shown in punycode, as a browser's address bar shows it.
 */
function shortUrl(url: string): string {
  return readableUrl(url).replace(/^https:\/\/(www\.)?/i, '').replace(/\/$/, '');
}

/**
 * Someone's shared details, each one a link (email, call, open), and a button to save them.
 * `saveable` is false until the server lists them among the people I met (it does as soon as
 * the swap is revealed), since until then there would be nothing to download. `named` is false
 * where the card sits under their name already (a row of People I met).
 */
export function contactCard(person: Person, contact: Contact, actions: Actions, saveable = true, named = true) {
  const { email, phone, note } = contact;
  const url = safeLink(contact.url);
  const error = inlineError();
  const save = h(
    'button',
    {
      class: 'btn btn-secondary btn-small',
      attrs: { type: 'button' },
      data: { saveContact: person.id },
      on: { click: () => void run(save, error, () => actions.saveContact(person)) },
    },
    iconLabel('⬇', 'Save contact'),
  );
  return h(
    'div',
    { class: 'contact-card', data: { contactOf: person.id } },
    named ? h('p', { class: 'contact-name' }, person.name) : null,
    h(
      'ul',
      { class: 'contact-lines' },
      email ? line('✉️', 'Email', email, `mailto:${email}`) : null,
      // Shown as they typed it ("+44 7700 900123"); the link is the saved contact's tel: URI.
      phone ? line('📞', 'Call', phone, telUri(phone)) : null,
      url ? line('🔗', 'Open', shortUrl(url), url, true) : null,
      note ? h('li', { class: 'contact-line contact-note' }, h('span', { class: 'contact-icon', attrs: { 'aria-hidden': 'true' } }, '💬'), h('q', null, note)) : null,
    ),
    saveable ? save : h('p', { class: 'field-hint' }, "Save contact appears here once you've found each other."),
    error,
  );
}
