import { slug } from '../../client/src/shared/download';

describe('the name a download is saved under', () => {
  test('is the event or person name in lower case, words joined by dashes', () => {
    expect(slug('Friday Tech Social')).toBe('friday-tech-social');
    expect(slug('  Q&A / Drinks!  ')).toBe('q-a-drinks');
  });

  test('keeps an accented letter whole, without its accent, rather than split a word at it', () => {
    // NFKD parts "é" into "e" and a combining accent, which read as a break between words:
    // "mingle-mu-nster-tech-matches.csv", a vCard named "bjo-rn.vcf".
    expect(slug('Münster Tech')).toBe('munster-tech');
    expect(slug('Björn')).toBe('bjorn');
    expect(slug('Export Évening')).toBe('export-evening');
    expect(slug('Zoë’s Café Night')).toBe('zoe-s-cafe-night');
  });

  test('falls back when nothing of the name is left', () => {
    expect(slug('さくら', 'contact')).toBe('contact');
    expect(slug('')).toBe('event');
  });
});
