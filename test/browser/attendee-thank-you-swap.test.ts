import request from 'supertest';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { meetOnTwoPhones, shareEmail, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * After the event, the thank-you screen's last line is true for someone who swapped details: to
 * save them, not that their details "stay private". Each name shows once in its row.
 */
describeInBrowser('the thank-you screen after a swap', () => {
  const rig = usePhoneRig();

  it('says to save the swapped details, and names the person once', async () => {
    const created = await createEvent(rig.server.url, { name: 'Swap Night', topics: ['Tea'] });
    const [pat, rita] = await meetOnTwoPhones(rig.browser, rig.server.url, created.event.code, ['Pat', 'Rita'], 'Tea');
    rig.pages.push(pat, rita);
    for (const [phone, email] of [[pat, 'pat@example.com'], [rita, 'rita@example.com']] as const) {
      await shareEmail(phone.page, email);
      await phone.page.locator('dialog[data-sheet="keep"]').getByText(/Shared|You swapped details/).first().waitFor();
      await phone.page.locator('dialog[data-sheet="keep"]').getByRole('button', { name: 'Close' }).tap();
    }
    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    await pat.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(pat.page, 'ended');
    const met = pat.page.locator('[data-met]');
    await met.getByText('rita@example.com').waitFor();
    await pat.page.getByText('Save the details you swapped before you go: Mingle deletes them a while after the event. Only people you swapped with saw yours.').waitFor();
    expect(await pat.page.getByText('Your details stay private unless you both chose to share.').count()).toBe(0);
    expect(await met.getByText('Rita', { exact: true }).count()).toBe(1);
  });
});
