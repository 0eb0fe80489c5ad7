import { readableUrl } from '../../shared/link-host';
import { telUri } from '../../shared/phone';
import type { Contact } from '../../shared/schemas';

/** One person as a vCard 4.0 (RFC 6350): CRLF line ends, escaped values, lines folded at 75 octets. */
export function toVCard(person: { name: string; contact: Contact; note?: string }): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escape(person.name)}`, `N:;${escape(person.name)};;;`];
  const { email, phone, url, note } = person.contact;
  if (email) lines.push(`EMAIL;TYPE=home:${escape(email)}`);
  // The grouping they typed, as a tel: URI allows it (dashes for spaces: see telUri).
  if (phone) lines.push(`TEL;VALUE=uri;TYPE=cell:${telUri(phone)}`);
  // A look-alike host kept from before links were checked for one goes in as it opens, in
  // punycode, as a browser's address bar shows it (shared/link-host.ts).
  if (url) lines.push(`URL:${escape(readableUrl(url))}`);
  const notes = [note, person.note].filter(Boolean).join('\n');
  if (notes) lines.push(`NOTE:${escape(notes)}`);
  lines.push('END:VCARD');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** RFC 6350 §3.4: backslash, comma, semicolon and newline are escaped in text values. */
function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');
}

/** RFC 6350 §3.2: lines longer than 75 octets continue on the next line after a space. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}
