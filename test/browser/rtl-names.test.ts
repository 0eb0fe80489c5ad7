import type { Browser, Page } from 'playwright-core';
import { listOf } from '../../shared/list';
import { describeInBrowser, launchBrowser } from '../helpers/browser';

/**
 * Where each name lands on screen, left to right, when a sentence listing them is drawn in an
 * ordinary left-to-right line: measured by Chromium, one range per name, in the order written.
 */
async function leftEdges(page: Page, sentence: string, names: string[]): Promise<number[]> {
  return page.evaluate(
    ([text, wanted]) => {
      const p = document.createElement('p');
      p.style.font = '20px sans-serif';
      p.textContent = text;
      document.body.replaceChildren(p);
      const node = p.firstChild!;
      let from = 0;
      return wanted.map((name) => {
        const at = text.indexOf(name, from);
        from = at + name.length;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + name.length);
        return range.getBoundingClientRect().left;
      });
    },
    [sentence, names] as const,
  );
}

describeInBrowser('names in right-to-left scripts in a list', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => browser?.close());

  const names = ['محمد', 'سارة', 'Bob'];

  it('stay in the order written, each beside its own comma', async () => {
    const [first, second, third] = await leftEdges(page, `Go and join ${listOf(names)}`, names);
    expect(first!).toBeLessThan(second!);
    expect(second!).toBeLessThan(third!);
  });

  it('(without being set apart, the first two swap: what the isolation is for)', async () => {
    const plain = `Go and join ${names[0]}, ${names[1]} and ${names[2]}`;
    const [first, second] = await leftEdges(page, plain, names);
    expect(first!).toBeGreaterThan(second!);
  });
});
