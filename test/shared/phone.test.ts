import { isPhoneNumber, phoneDigits, telUri } from '../../shared/phone';
import { Contact } from '../../shared/schemas';

describe('phone numbers', () => {
  it('are checked on their digits, whatever separators were typed between them', () => {
    expect(phoneDigits('+44 (7700) 900-123')).toBe('+447700900123');
    expect(phoneDigits('020.7946.0958')).toBe('02079460958');
    for (const ok of ['+44 7700 900123', '(020) 7946-0958', '1234567', '+123456789012345']) expect(isPhoneNumber(ok)).toBe(true);
    for (const bad of ['123456', '+1234567890123456', '07700 900123 ext 4', 'call me', '44+7700900123', '']) expect(isPhoneNumber(bad)).toBe(false);
  });

  it('are kept as typed by the schema, white space tidied, and still refused when not a number', () => {
    expect(Contact.parse({ phone: '+44 7700 900123' })).toEqual({ phone: '+44 7700 900123' });
    expect(Contact.parse({ phone: ' +44\t7700   900123 ' })).toEqual({ phone: '+44 7700 900123' });
    // A number copied from a contacts app can carry direction marks: they are dropped, as in any text.
    expect(Contact.parse({ phone: '\u202a+44 7700 900123\u202c' })).toEqual({ phone: '+44 7700 900123' });
    for (const phone of ['12', 'call me', '+44 7700 900123 x', '1'.repeat(33)]) expect(Contact.safeParse({ phone }).success).toBe(false);
  });

  it('become tel: URIs that keep the grouping as RFC 3966 dashes', () => {
    expect(telUri('+44 7700 900123')).toBe('tel:+44-7700-900123');
    expect(telUri('+44 (7700) 900-123')).toBe('tel:+44-(7700)-900-123');
    expect(telUri('+15551234567')).toBe('tel:+15551234567');
  });
});
