import { describeInBrowser, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinOpenCircle, meetOnTwoPhones, sendToOpenCircle, waitForView } from './steps';

jest.setTimeout(60_000);

/** The after-chat card names everyone I chatted with in that match, and nobody I reported. */
describeInBrowser('after a chat: whom the card is about', () => {
  const rig = useServerAndBrowser();
  const card = (page: import('playwright-core').Page) => page.locator('[data-after-chat]');

  it('the last one out, alone waiting for someone who never came, is asked too, and may still keep in touch', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Last Out', topics: ['Jazz'] });
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    const cat = await sendToOpenCircle(rig.browser, rig.server.url, event.code, bob, { name: 'Cat', topics: ['Jazz'] });

    await ann.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(ann.page, 'idle');
    await card(ann.page).getByText('Good chat with Bob?').waitFor();
    // Bob has nobody to carry on with: only Cat, still on her way.
    expect(await card(ann.page).getByText(/carried on without you/).count()).toBe(0);

    // Alone waiting for Cat: he can't wait.
    await bob.page.getByRole('button', { name: "I can't wait" }).tap();
    await waitForView(bob.page, 'idle');
    await card(bob.page).getByText('Good chat with Ann?').waitFor();
    await card(bob.page).getByRole('button', { name: 'Keep in touch with Ann' }).waitFor();
    // Ann, looking again, may keep in touch with him too.
    await ann.page.reload();
    await waitForView(ann.page, 'idle');
    await card(ann.page).getByRole('button', { name: 'Keep in touch with Bob' }).waitFor();
    await cat.page.locator('#notice').getByText("Bob wrapped up before you got there. We're finding you someone else.").waitFor();
    expect(await card(cat.page).isHidden()).toBe(true);
    expect([...ann.errors, ...bob.errors, ...cat.errors]).toEqual([]);
  });

  it('after a report, no "Good chat?" nor keeping in touch about them; the one reported sees a chat like any other, and waits for ever', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Safe Night', topics: ['Chess'] });
    const [uma, ada] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Uma', 'Ada'], 'Chess');

    await uma.page.locator('[data-safety-link]').tap();
    const sheet = uma.page.locator('dialog[data-sheet="safety"]');
    await sheet.getByRole('button', { name: 'Report Ada' }).tap();
    await sheet.getByLabel('Made me uncomfortable').check();
    await sheet.getByRole('button', { name: 'Send report' }).tap();
    await sheet.getByText(/The organisers have been told/).waitFor();
    await sheet.getByRole('button', { name: 'Done' }).tap();
    await waitForView(uma.page, 'idle');
    await uma.page.locator('[data-people-open], button', { hasText: 'People I met' }).first().waitFor();
    expect(await card(uma.page).isHidden()).toBe(true);
    expect(await uma.page.getByText(/Keep in touch with Ada|Good chat with Ada/).count()).toBe(0);

    // Ada sees only that Uma wrapped up their chat, no word of a report: keeping in touch is offered as after
    // any chat (a refusal would tell), and her offer waits as if Uma had never shared.
    await waitForView(ada.page, 'idle');
    await card(ada.page).getByRole('button', { name: 'Keep in touch with Uma' }).tap();
    const keep = ada.page.locator('dialog[data-sheet="keep"]');
    await keep.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await keep.getByRole('button', { name: 'Share my details' }).tap();
    await keep.getByText(/Shared — waiting for Uma to share too/).waitFor();
    expect(await ada.page.getByText(/report|block|Too late/i).count()).toBe(0);
    // Uma's phone still offers nothing about Ada.
    expect(await uma.page.getByText(/Keep in touch with Ada|Good chat with Ada|ada@example.com/).count()).toBe(0);
    expect([...uma.errors, ...ada.errors]).toEqual([]);
  });

});

describeInBrowser('after a chat in a trio: whom the card is about', () => {
  const rig = useServerAndBrowser();
  const card = (page: import('playwright-core').Page) => page.locator('[data-after-chat]');

  it('a trio: the card names everyone I chatted with, and keeps in touch with those it still may', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Three Night', topics: ['Jazz'] });
    const [eli, fin] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Eli', 'Fin'], 'Jazz');
    const dee = await joinOpenCircle(rig.browser, rig.server.url, event.code, fin, { name: 'Dee', topics: ['Jazz'] });
    await eli.page.locator('.partner', { hasText: 'Dee' }).getByText('on their way').waitFor({ state: 'detached' });

    await dee.page.getByRole('button', { name: 'Done chatting' }).tap();
    await card(dee.page).getByText('Good chat with Eli and Fin?').waitFor();
    await eli.page.locator('.partner', { hasText: 'Dee' }).waitFor({ state: 'detached' });
    await eli.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(eli.page, 'idle');
    await card(eli.page).getByText('Good chat with Fin and Dee?').waitFor();
    // Eli and Fin carried on without Dee: keeping in touch is with Fin alone.
    await card(eli.page).getByRole('button', { name: 'Keep in touch with Fin' }).waitFor();
    expect([...eli.errors, ...fin.errors, ...dee.errors]).toEqual([]);
  });
});
