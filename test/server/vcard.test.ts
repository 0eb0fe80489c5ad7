import { toVCard } from '../../server/services/vcard';
import { parseVCards } from '../helpers/vcard';

describe('a saved contact (.vcf)', () => {
  it('writes a link as typed, and one whose host reads as another site as it opens, in punycode', () => {
    // `аpple.com` with a Cyrillic `а`: links are refused so now, but one kept from before is
    // written as the card on the phone shows it, never as apple.com.
    const [plain, lookAlike] = [
      toVCard({ name: 'Ann', contact: { url: 'https://münchen.de/ann' } }),
      toVCard({ name: 'Bob', contact: { url: 'https://\u0430pple.com/bob' } }),
    ].map((text) => parseVCards(text)[0]);
    expect(plain?.URL).toEqual(['https://münchen.de/ann']);
    expect(lookAlike?.URL).toEqual(['https://xn--pple-43d.com/bob']);
  });
});
