import { Contact, ReportPayload } from '../../shared/schemas';
import { checkContact, safeLink, type ContactDraft } from '../../client/src/attendee/contact';
import { LIMITS } from '../../client/src/shared/limits';
import { readableUrl } from '../../shared/link-host';

/**
 * The phone checks contact details before sending them (client/src/attendee/contact.ts), with
 * its own copy of the server's rules. These cases must get the same answer from both.
 */
describe('client contact rules agree with the server', () => {
  const cases: Array<Partial<ContactDraft>> = [
    { email: 'ann@example.com' },
    { email: 'ann.o+mingle@mail.example.co.uk' },
    { email: "o'neil@example.ie" },
    { email: 'ann@' },
    { email: 'ann@example' },
    { email: 'ann example@x.com' },
    { email: '.ann@example.com' },
    { email: `${'a'.repeat(250)}@example.com` },
    // Letters of any script, as people's names and some domains have them.
    { email: 'björn@example.com' },
    { email: 'zoë.ng@müller.de' },
    { email: 'ana@correo.españa' },
    { email: 'björn@example' },
    { email: 'björn..x@example.com' },
    { email: 'björn.@example.com' },
    { phone: '+44 7700 900123' },
    { phone: '(020) 7946-0958' },
    { phone: '1234567' },
    { phone: '123456' },
    { phone: '+1234567890123456' },
    { phone: '07700 900123 ext 4' },
    { url: 'https://linkedin.com/in/ann' },
    { url: 'https://www.example.org/path?q=1#x' },
    { url: 'http://example.com' },
    { url: 'https://localhost/me' },
    { url: 'https://192.168.0.1/' },
    { url: 'javascript:alert(1)' },
    { url: 'https://www.linkedin.com@evil.example/in/ann' },
    { url: 'https://ann:secret@example.com/' },
    { url: `https://example.com/${'a'.repeat(190)}` },
    { url: 'https://example.com/\u202egnp.exe' },
    { url: 'https://example.com/\u200bme' },
    { url: 'https://example.com/zoë' },
    // Host names in one script pass; a label mixing in look-alike letters of another does not.
    { url: 'https://münchen.de/ann' },
    { url: 'https://пример.com/ann' },
    { url: 'https://\u0430pple.com/ann' },
    { url: 'https://www.p\u0430ypal.com/ann' },
    { url: 'https://\u0430\u0440\u0440\u04cf\u0435.com' },
    { url: 'https://xn--pple-43d.com/ann' },
    { note: 'Coffee next week?' },
    { note: 'x'.repeat(LIMITS.contactNote) },
    { note: 'x'.repeat(LIMITS.contactNote + 1) },
    { email: 'ann@example.com', phone: '12', note: 'hi' },
    {},
    { email: '   ', note: '  ' },
  ];

  const named = cases.map((draft) => [JSON.stringify(draft).replace(/(.)\1{9,}/g, '$1…'), draft] as const);
  it.each(named)('%s', (_name, draft) => {
    const client = checkContact(draft);
    // What the server sees: the client's cleaned contact when it passes, else the raw fields.
    const raw = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    const server = Contact.safeParse(client.ok ? client.contact : raw);
    expect(client.ok).toBe(server.success);
  });

  it('takes an address with letters of any script, on the phone and on the server', () => {
    for (const email of ['björn@example.com', 'zoë.ng@müller.de']) {
      expect(checkContact({ email })).toEqual({ ok: true, contact: { email } });
      expect(Contact.parse({ email })).toEqual({ email });
    }
  });

  it('keep a phone number as it was typed, spacing and all, white space tidied', () => {
    const typed = ' +44 (7700)  900-123 ';
    expect(checkContact({ phone: typed })).toEqual({ ok: true, contact: { phone: '+44 (7700) 900-123' } });
    expect(Contact.parse({ phone: typed })).toEqual({ phone: '+44 (7700) 900-123' });
  });

  it('adds https:// to a bare link, as a person types it', () => {
    expect(checkContact({ url: 'linkedin.com/in/ann' })).toEqual({ ok: true, contact: { url: 'https://linkedin.com/in/ann' } });
  });

  it('only ever links to https', () => {
    expect(safeLink('https://example.com/ann')).toBe('https://example.com/ann');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('http://example.com')).toBeNull();
    expect(safeLink(undefined)).toBeNull();
  });

  it('never takes a link with a name before its host, which reads as one site and opens another', () => {
    const disguised = 'https://www.linkedin.com@evil.example/in/ann';
    expect(checkContact({ url: disguised })).toEqual({ ok: false, errors: { url: "That link doesn't look right." } });
    expect(checkContact({ url: 'linkedin.com@evil.example/in/ann' })).toMatchObject({ ok: false });
    expect(Contact.safeParse({ url: disguised }).success).toBe(false);
    expect(Contact.safeParse({ url: 'https://ann:secret@example.com/' }).success).toBe(false);
    // One kept from before the check: never offered as a link.
    expect(safeLink(disguised)).toBeNull();
  });

  it('refuses a link whose host reads as another site, naming the field; one script per name is fine', () => {
    // `аpple.com` with a Cyrillic `а`, and `аррӏе.com` all in Cyrillic: both read as apple.com.
    // As the parser reads them, these are the same: a `\` ends the host as a `/` does, full-width
    // `ｃｏｍ` is `com`, and mathematical bold `𝐩𝐩𝐥𝐞` is `pple` (found in review, 28 November).
    for (const url of [
      'https://\u0430pple.com/ann',
      'https://\u0430\u0440\u0440\u04cf\u0435.com',
      'https://WWW.\u0391PPLE.com',
      'https://\u0430\u0440\u0440\u04cf\u0435.com\\ann',
      'https://\u0430\u0440\u0440\u04cf\u0435.\uff43\uff4f\uff4d/ann',
      'https://\u0430\u{1d429}\u{1d429}\u{1d425}\u{1d41e}.com/ann',
    ]) {
      const parsed = Contact.safeParse({ url });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['url'], message: expect.stringMatching(/letters from another alphabet/) })]);
      expect(readableUrl(url)).not.toBe(url);
    }
    for (const url of ['https://münchen.de/ann', 'https://пример.com', 'https://москва.com', 'https://例え.jp', 'https://xn--pple-43d.com']) {
      expect(Contact.parse({ url })).toEqual({ url });
    }
  });

  it('a report text of the client limit is accepted, one more is not', () => {
    const base = { attendeeId: 'a1', reason: 'other' as const };
    expect(ReportPayload.safeParse({ ...base, text: 'x'.repeat(LIMITS.reportText) }).success).toBe(true);
    expect(ReportPayload.safeParse({ ...base, text: 'x'.repeat(LIMITS.reportText + 1) }).success).toBe(false);
  });
});
