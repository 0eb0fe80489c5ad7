import { JoinBody } from '../../shared/schemas';
import { AnnouncePayload } from '../../shared/schemas';
import { MAX_MARKS_PER_CHAR } from '../../shared/clean';
import { cleanLines, cleanText, topicList } from '../../shared/text';
import { costRatio } from '../helpers/cost';

describe('cleanText', () => {
  it('turns control and bidi characters into a space, as docs/PROTOCOL.md says', () => {
    expect(cleanText('Ann\u0000ie')).toBe('Ann ie');
    expect(cleanText('\u202eevil\u202c name')).toBe('evil name');
    expect(cleanText('  a \t\n b  ')).toBe('a b');
  });

  it('reads a pile of joiners after the marks once: one phone cannot stall the server', () => {
    // A letter, four marks, then joiners, to the longest a report's text may be sent (500 * 4 + 64
    // units). The pile's pattern once tried every way of splitting the joiners between its parts:
    // 200 ms a text, over 1,000 times as long as as many letters, and a burst of 30 reports held
    // every request on the server for 5 to 6 s. Read once, about 6 times (28 November).
    const marks = '\u0301'.repeat(MAX_MARKS_PER_CHAR);
    const pile = `a${marks}${'\u200d'.repeat(2059)}`;
    const letters = `a${marks}${'b'.repeat(2059)}`;
    expect(costRatio(() => cleanText(pile), () => cleanText(letters))).toBeLessThan(100);
  });

  it('never keeps half an emoji: a lone surrogate becomes U+FFFD', () => {
    const emoji = '😀';
    const high = emoji[0]!;
    const low = emoji[1]!;
    expect(cleanText(`Ann ${high}`)).toBe('Ann \ufffd');
    expect(cleanText(`${low}Ann`)).toBe('\ufffdAnn');
    expect(cleanText(`x${high}${high}${low}`)).toBe(`x\ufffd${emoji}`);
    // Whole emoji are left alone.
    expect(cleanText(`Ann ${emoji}`)).toBe(`Ann ${emoji}`);
  });

  it('drops characters that show nothing, so a name cannot be blank on someone else\'s screen', () => {
    expect(cleanText('An\u200bn')).toBe('Ann');
    expect(cleanText('\ufeffBo\u2060b\u200e')).toBe('Bob');
    expect(cleanText('\u200b')).toBe('');
    // Nothing visible left (joiners, a combining mark alone): empty, so a required field refuses it.
    expect(cleanText('\u200d\u200c')).toBe('');
    expect(cleanText(' \u0301 ')).toBe('');
    // The joiners stay where they build something: an emoji family, a Persian word.
    expect(cleanText('👨\u200d👩\u200d👧')).toBe('👨\u200d👩\u200d👧');
    expect(cleanText('می\u200cخواهم')).toBe('می\u200cخواهم');
    expect(JoinBody.safeParse({ name: '\u200b\u202e' }).success).toBe(false);
    expect(JoinBody.parse({ name: 'Ann', lookFor: '\u200b' }).lookFor).toBe('');
  });

  it('is what the schemas store: a joined name is well formed', () => {
    const parsed = JoinBody.parse({ name: `Zoë ${'😀'[0]}`, interests: [`Go${'😀'[1]}`] });
    expect(parsed.name).toBe('Zoë \ufffd');
    expect(parsed.interests).toEqual(['Go\ufffd']);
  });
});

describe('cleanLines (announcements)', () => {
  it('keeps the line breaks typed, each line cleaned, a run of blank lines as one', () => {
    expect(cleanLines('\n  Talks start  at 8 \r\n\n\n\nPizza\u200b after\n\n')).toBe('Talks start at 8\n\nPizza after');
    expect(AnnouncePayload.parse({ message: 'Bar open\u2028Band at 9' }).message).toBe('Bar open\nBand at 9');
    expect(cleanLines('Doors\rBar\u0085Band\u2029End')).toBe('Doors\nBar\nBand\nEnd');
  });

  it('runs the lines past the sixth break on with spaces, and leaves nothing of only blank lines', () => {
    expect(cleanLines('a\nb\nc\nd\ne\nf\ng\n\nh\ni')).toBe('a\nb\nc\nd\ne\nf\ng h i');
    expect(cleanLines('\u200b\n \n\u2060')).toBe('');
    expect(AnnouncePayload.safeParse({ message: '\n\u200b\n' }).success).toBe(false);
  });
});

describe('topicList', () => {
  const list = topicList(3, 10);

  it('counts its cap after de-duplicating case- and space-insensitively', () => {
    expect(list.parse(['Go', 'go ', 'GO', 'Rust', 'Jazz'])).toEqual(['Go', 'Rust', 'Jazz']);
    expect(list.safeParse(['Go', 'Rust', 'Jazz', 'Chess']).success).toBe(false);
  });

  it('applies to the join form: eleven interests, two of them the same, are ten', () => {
    const interests = [...Array.from({ length: 10 }, (_, i) => `topic ${i}`), 'TOPIC 0'];
    expect(JoinBody.parse({ name: 'Ann', interests }).interests).toHaveLength(10);
    expect(JoinBody.safeParse({ name: 'Ann', interests: [...interests.slice(0, 10), 'topic 10'] }).success).toBe(false);
  });
});
