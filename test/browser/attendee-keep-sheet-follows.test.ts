import { describeInBrowser } from '../helpers/browser';
import { call, waitFor } from '../helpers/server';
import { pageChattingWithSocket, socketPerson, usePhoneRig } from './steps';

jest.setTimeout(45_000);

/**
 * Ann has Keep in touch open with Bob when Bob opens their chat to one more and Dee joins: the
 * swap is now with Bob and Dee (Dee must share too), and the sheet says so rather than "Bob
 * sees your details only if they share", keeping what Ann typed. When Dee leaves, it is Bob's again.
 */
describeInBrowser('attendee: the Keep in touch sheet follows who is in the match', () => {
  const rig = usePhoneRig();

  it('names whoever joins or leaves while it is open', async () => {
    const { code, ann, bob, match } = await pageChattingWithSocket(rig, 'Sheet Night');

    await ann.page.getByRole('button', { name: 'Keep in touch' }).tap();
    const sheet = ann.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByRole('heading', { name: 'Keep in touch with Bob', exact: true }).waitFor();
    await sheet.locator('#contact-email').fill('ann@example.com');

    // Bob opens the chat to one more; Dee is sent, and finds them.
    expect(await call(bob, 'match:open', { matchId: match.id, open: true })).toMatchObject({ ok: true });
    const dee = await socketPerson(rig, code, 'Dee');
    const deeFound = waitFor(dee, 'match:found');
    expect(await call(dee, 'match:find')).toMatchObject({ ok: true });
    expect((await deeFound).id).toBe(match.id);
    expect(await call(dee, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });

    await sheet.getByRole('heading', { name: 'Keep in touch with Bob and Dee', exact: true }).waitFor();
    await sheet.getByText('Bob and Dee see your details only if they both share theirs too.', { exact: false }).waitFor();
    expect(await sheet.locator('#contact-email').inputValue()).toBe('ann@example.com');
    await sheet.getByRole('button', { name: 'Share my details' }).tap();
    await sheet.getByText('Shared — waiting for Bob and Dee to share too').waitFor();
    await sheet.getByText('Nobody sees anything until Bob and Dee both share too.', { exact: false }).waitFor();

    // Dee goes: the swap is Bob's alone again. Ann is on "Take it back", and stays there.
    await sheet.getByRole('button', { name: 'Take it back' }).focus();
    expect(await call(dee, 'match:leave', { matchId: match.id, reason: 'done' })).toMatchObject({ ok: true });
    await sheet.getByRole('heading', { name: 'Keep in touch with Bob', exact: true }).waitFor();
    await sheet.getByText('Shared — waiting for Bob to share too').waitFor();
    expect(await ann.page.evaluate(() => document.activeElement?.textContent)).toBe('Take it back');
  });
});
