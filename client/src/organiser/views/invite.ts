import { linkRow } from '../../shared/copy';
import { fill, h, icon, iconLabel } from '../../shared/dom';
import { LOCALHOST_ICON, localhostWarning } from '../../shared/join-link';
import type { Model } from '../model';
import { card, setText, type Part } from './part';

/**
 * How people get in, kept on the dashboard once the "event ready" page is gone: the join code,
 * the join link to paste into an email or a chat, and the QR code to print or put on a slide.
 * If the link names localhost (the server was started without PUBLIC_URL, on a machine with no
 * address it could offer), it says plainly that phones cannot open it, and what to do.
 */
export function inviteCard(): Part {
  const code = h('p', { class: 'invite-code', data: { inviteCode: '' } });
  const links = h('div', { class: 'invite-links' });
  const qr = h('a', { class: 'btn btn-secondary btn-small', data: { download: 'qr' } }, iconLabel('⬇', 'QR code (PNG)'));
  const warning = h('p', { class: 'warn-text invite-warning', attrs: { role: 'alert', hidden: true } });
  let shown: string | null = null;
  const el = card(
    'invite',
    'Invite people',
    h('p', { class: 'card-hint' }, 'They scan the QR code (', iconLabel('📽️', 'Projector mode'), ' shows it big), or open the link, or type the code on the home page.'),
    code,
    links,
    qr,
    warning,
  );
  return {
    el,
    update(m: Model) {
      if (!m.event) return;
      // Joining an ended event is refused: nobody is to be invited any more (the projector drops its QR code too).
      el.hidden = m.event.status === 'ended';
      const joinUrl = m.joinUrl ?? `${location.origin}/e/${m.event.code}`;
      setText(code, m.event.code);
      if (joinUrl !== shown) {
        shown = joinUrl;
        // In a new tab: a click here must not take the organiser away from the live dashboard.
        links.replaceChildren(linkRow(joinUrl, 'join-link', { newTab: true }));
      }
      const path = `/api/events/${encodeURIComponent(m.event.code)}/qr.png`;
      if (qr.getAttribute('href') !== path) {
        qr.setAttribute('href', path);
        qr.setAttribute('download', `mingle-${m.event.code}-qr.png`);
      }
      const words = localhostWarning(joinUrl);
      warning.hidden = words === '';
      if (words === '') setText(warning, '');
      else if (warning.textContent !== `${LOCALHOST_ICON} ${words}`) fill(warning, icon(`${LOCALHOST_ICON} `), words);
    },
  };
}
