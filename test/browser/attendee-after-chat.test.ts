import request from 'supertest';
import type { Stats } from '../../shared/schemas';
import { describeInBrowser, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { openDashboard, waitForStat } from './organiser-steps';
import { matchTwoPhones, meetOnTwoPhones, waitForView } from './steps';

jest.setTimeout(45_000);

describeInBrowser('after a chat: feedback, and block', () => {
  const rig = useServerAndBrowser();

  it('asks "Good chat?" after Done chatting; a 👍 reaches the dashboard as a count', async () => {
    const created = await createEvent(rig.server.url, { name: 'Feedback Friday', topics: ['Jazz'] });
    const dash = await openDashboard(rig.browser, rig.server.url, created);
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, created.event.code, ['Ann', 'Bob'], 'Jazz');

    await ann.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(ann.page, 'idle');
    const prompt = ann.page.locator('[data-after-chat]');
    await prompt.getByText('Good chat with Bob?').waitFor();
    // Bob was left: he is asked too, about Ann.
    await bob.page.locator('[data-after-chat]').getByText('Good chat with Ann?').waitFor();
    // A reload does not lose the one chance to answer.
    await ann.page.reload();
    await waitForView(ann.page, 'idle');
    await prompt.getByText('Good chat with Bob?').waitFor();

    await prompt.getByRole('button', { name: 'Good chat', exact: true }).tap();
    await prompt.getByText('Thanks! That helps the organisers.').waitFor();
    expect(await prompt.getByRole('button', { name: 'Good chat', exact: true }).count()).toBe(0);

    await waitForStat(dash.page, 'feedback', '100%');
    expect(await dash.page.locator('[data-stat-sub="feedback"]').textContent()).toBe('1 yes · 0 no');
    const { body } = await request(rig.server.url)
      .get(`/api/events/${created.event.id}/stats`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(200);
    expect((body as Stats).feedback).toEqual({ good: 1, bad: 0 });

    // Dismissable, and gone for good.
    await prompt.getByRole('button', { name: 'Dismiss the card about your chat with Bob', exact: true }).tap();
    await prompt.waitFor({ state: 'hidden' });
    await ann.page.reload();
    await waitForView(ann.page, 'idle');
    expect(await prompt.isHidden()).toBe(true);
    // Bob has two × on screen, the notice's and the card's: each says what it closes.
    // Ann only tapped "Done chatting": she has not left the event.
    await bob.page.locator('#notice').getByText('Ann wrapped up your chat. Ready for someone new?').waitFor();
    expect(await bob.page.getByText(/had to go/).count()).toBe(0);
    expect(await bob.page.getByRole('button', { name: 'Dismiss', exact: true }).count()).toBe(0);
    expect(await bob.page.locator('.notice-box').getByRole('button', { name: 'Dismiss this message', exact: true }).count()).toBe(1);
    await bob.page.locator('[data-after-chat]').getByRole('button', { name: 'Dismiss the card about your chat with Ann', exact: true }).tap();
    await bob.page.locator('[data-after-chat]').waitFor({ state: 'hidden' });
    expect([...dash.errors, ...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('blocks from the match card: the blocker is back to idle, the other sees only that they left', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Chess Social', topics: ['Chess'] });
    const [cy, dan] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dan'], 'Chess');

    await cy.page.locator('[data-safety-link]').tap();
    const sheet = cy.page.locator('dialog[data-sheet="safety"]');
    await sheet.getByRole('button', { name: 'Block Dan' }).tap();
    await sheet.getByText('Block Dan?').waitFor();
    await sheet.getByRole('button', { name: 'Block Dan' }).tap();

    await sheet.waitFor({ state: 'detached' });
    await waitForView(cy.page, 'idle');
    await cy.page.getByText("Done. You won't be matched with Dan again.").waitFor();
    // Silent: Dan is told only that Cy can't make it, as for anyone who leaves before meeting.
    await waitForView(dan.page, 'idle');
    await dan.page.locator('#notice').getByText("Cy can't make it after all. Ready for someone new?").waitFor();
    expect(await dan.page.getByText(/block/i).count()).toBe(0);
    // They never met, so there is no "Good chat?" for either.
    expect(await cy.page.locator('[data-after-chat]').isHidden()).toBe(true);
    expect([...cy.errors, ...dan.errors]).toEqual([]);
  });
});
