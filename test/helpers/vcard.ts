/**
 * A small RFC 6350 reader for tests: checks CRLF line ends, unfolds continuation lines, and
 * returns each card's properties by name with their values unescaped.
 */
export function parseVCards(text: string): Array<Record<string, string[]>> {
  if (/[^\r]\n/.test(text)) throw new Error('vCard lines must end in CRLF');
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const cards: Array<Record<string, string[]>> = [];
  let card: Record<string, string[]> | null = null;
  for (const line of lines) {
    const colon = indexOfUnquoted(line, ':');
    if (colon < 0) throw new Error(`not a property line: ${line}`);
    const [name] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    if (name === 'BEGIN' && value === 'VCARD') {
      card = {};
      continue;
    }
    if (!card) throw new Error('property outside BEGIN:VCARD');
    if (name === 'END' && value === 'VCARD') {
      for (const required of ['VERSION', 'FN']) if (!card[required]) throw new Error(`missing ${required}`);
      cards.push(card);
      card = null;
      continue;
    }
    (card[name!.toUpperCase()] ??= []).push(unescape(value));
  }
  if (card) throw new Error('unterminated vCard');
  return cards;
}

function indexOfUnquoted(line: string, ch: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ch && !quoted) return i;
  }
  return -1;
}

function unescape(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
