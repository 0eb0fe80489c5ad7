import type { Route } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinOpenCircle, meetOnTwoPhones, usePhoneRig } from './steps';

jest.setTimeout(60_000);

/**
 * Opening Keep in touch asks the server for the people I met; the sheet redraws when what it
 * shows changes. What I typed meanwhile must survive a list that comes back after I started
 * typing: a newcomer I had not met yet when the list was last read is on it now.
 */
describeInBrowser('the Keep in touch form while the list of people I met comes in', () => {
  const rig = usePhoneRig();

  it('keeps what I typed, and shares it, when the list arrives after I started typing', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Slow Wi-Fi Social', topics: ['Tea'] });
    const [alice, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Alice', 'Bob'], 'Tea');
    const chloe = await joinOpenCircle(rig.browser, rig.server.url, event.code, bob, { name: 'Chloé', topics: ['Tea'] });
    rig.pages.push(alice, bob, chloe);
    await alice.page.locator('.partner', { hasText: 'Chloé' }).locator('[data-partner-arriving]').waitFor({ state: 'detached' });

    // Counts the lists Alice's phone has taken in: a task after the reply is read, so after its
    // promise chain (read, then the model and the screen) has run.
    await alice.page.evaluate(() => {
      const w = window as unknown as { listsRead: number };
      w.listsRead = 0;
      const fetchNow = window.fetch.bind(window);
      window.fetch = async (...args: Parameters<typeof fetch>) => {
        const res = await fetchNow(...args);
        if (!String(args[0]).endsWith('/api/me/connections')) return res;
        const read = res.json.bind(res);
        res.json = async () => {
          const body: unknown = await read();
          setTimeout(() => (w.listsRead += 1));
          return body;
        };
        return res;
      };
    });
    // The list Alice's phone asks for as the sheet opens is held until she has typed.
    const held: Route[] = [];
    let asked!: () => void;
    const askedFor = new Promise<void>((resolve) => (asked = resolve));
    await alice.page.route('**/api/me/connections', (route) => {
      held.push(route);
      asked();
    });
    await alice.page.getByRole('button', { name: 'Keep in touch' }).tap();
    const sheet = alice.page.locator('dialog[data-sheet="keep"]');
    const email = sheet.getByLabel('Email', { exact: true });
    await email.fill('alice@example.com');
    await askedFor;
    for (const route of held) await route.continue();
    await alice.page.unroute('**/api/me/connections');
    await alice.page.waitForFunction(() => (window as unknown as { listsRead: number }).listsRead > 0);
    // The list now names Chloé: the sheet follows it, with what Alice typed where she typed it.
    expect(await email.inputValue()).toBe('alice@example.com');
    await sheet.getByRole('button', { name: 'Share my details' }).tap();
    await sheet.getByText(/Shared — waiting for (Bob and Chloé|Chloé and Bob) to share too$/).waitFor();
  });
});
