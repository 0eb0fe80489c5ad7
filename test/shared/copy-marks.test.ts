import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The pages' words, checked where they are written: every string in client/src. One apostrophe
 * (straight, as the server's messages that show beside them) and one kind of quotation mark
 * (curly, as “We found each other”), so no page mixes "can't" with "can’t" or "Good chat?"
 * with “Good chat?”. Comments and regular expressions are not copy, so are not read.
 */
const CLIENT = join(__dirname, '../../client/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each string's text (template parts included), with where it is. */
function strings(file: string): { at: string; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { at: string; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ at: `${relative(CLIENT, file)}:${line}`, text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

const all = sourceFiles(CLIENT).flatMap(strings);

describe('the client copy’s marks', () => {
  it('has its strings to read', () => {
    expect(all.length).toBeGreaterThan(500);
  });

  it('uses the straight apostrophe throughout', () => {
    expect(all.filter((s) => /[’‘]/.test(s.text))).toEqual([]);
  });

  it('quotes words with curly marks, never straight ones', () => {
    // A straight " before a capital and after a space or start, in words: a quotation. Markup
    // and selectors (`[data-x="…"]`, `="`) are not words.
    const quoting = all.filter((s) => /(^|\s)"[A-Za-z][^"=]*"(\s|[.,:;)]|$)/.test(s.text) && !/[=[]/.test(s.text));
    expect(quoting).toEqual([]);
  });
});
