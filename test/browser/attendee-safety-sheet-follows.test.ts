import { describeInBrowser } from '../helpers/browser';
import { call, waitFor } from '../helpers/server';
import { pageChattingWithSocket, socketPerson, usePhoneRig } from './steps';

jest.setTimeout(45_000);

/**
 * Ann has "Not comfortable?" open in her chat with Bob when Dee joins it (Bob opened it to one
 * more): Dee is on the sheet too, to block or report, without closing it and opening it again.
 * Dee leaving does not take Dee off it: leaving is no reason not to be reported.
 */
describeInBrowser('attendee: the Not comfortable sheet follows who joins the match', () => {
  const rig = usePhoneRig();

  it('lists whoever joins while it is open, and keeps whoever leaves', async () => {
    const { code, ann, bob, match } = await pageChattingWithSocket(rig, 'Safe Night');

    await ann.page.getByRole('button', { name: 'Not comfortable?' }).tap();
    const sheet = ann.page.locator('dialog[data-sheet="safety"]');
    await sheet.getByRole('heading', { name: 'Not comfortable?', exact: true }).waitFor();
    expect(await sheet.getByRole('button', { name: /^(Block|Report) / }).allTextContents()).toEqual(['Block Bob', 'Report Bob']);

    // Ann is on "Report Bob" (a screen reader, or the keyboard) as Dee joins.
    await sheet.getByRole('button', { name: 'Report Bob' }).focus();
    expect(await call(bob, 'match:open', { matchId: match.id, open: true })).toMatchObject({ ok: true });
    const dee = await socketPerson(rig, code, 'Dee');
    const deeFound = waitFor(dee, 'match:found');
    expect(await call(dee, 'match:find')).toMatchObject({ ok: true });
    expect((await deeFound).id).toBe(match.id);

    await sheet.getByRole('heading', { name: 'Not comfortable with someone?', exact: true }).waitFor();
    await sheet.getByRole('button', { name: 'Block Dee' }).waitFor();
    expect(await sheet.getByRole('button', { name: /^(Block|Report) / }).allTextContents()).toEqual(['Block Bob', 'Report Bob', 'Block Dee', 'Report Dee']);
    // Redrawn under it, the list keeps Ann where she was rather than drop her out of the sheet.
    expect(await ann.page.evaluate(() => document.activeElement?.textContent)).toBe('Report Bob');

    // Dee goes before anyone acts: Dee can still be reported, and the report goes through.
    expect(await call(dee, 'match:leave', { matchId: match.id, reason: 'done' })).toMatchObject({ ok: true });
    await ann.page.locator('#notice').getByText(/^Dee /).waitFor();
    expect(await sheet.getByRole('button', { name: /^(Block|Report) / }).allTextContents()).toEqual(['Block Bob', 'Report Bob', 'Block Dee', 'Report Dee']);
    await sheet.getByRole('button', { name: 'Report Dee' }).tap();
    await sheet.getByText('What happened?').waitFor();
    await sheet.locator('label.choice').first().tap();
    await sheet.getByRole('button', { name: 'Send report' }).tap();
    await sheet.getByText("Thank you. The organisers have been told, and you won't be matched with Dee again.").waitFor();
  });
});
