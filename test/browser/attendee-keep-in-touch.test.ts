import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Connection } from '../../shared/schemas';
import { describeInBrowser, saveScreenshot, useServerAndBrowser } from '../helpers/browser';
import { createEvent, type TestServer } from '../helpers/server';
import { parseVCards } from '../helpers/vcard';
import { matchTwoPhones, meetOnTwoPhones, tokenOf, waitForView } from './steps';

jest.setTimeout(45_000);

interface Details {
  email?: string;
  phone?: string;
  url?: string;
  note?: string;
}

/** Opens Keep in touch (from the match card, or wherever `opener` is) and shares `details`. */
async function share(page: Page, details: Details, opener = page.getByRole('button', { name: 'Keep in touch' })) {
  await opener.tap();
  const sheet = page.locator('dialog[data-sheet="keep"]');
  const labels: Record<keyof Details, string> = { email: 'Email', phone: 'Phone', url: 'Profile link', note: 'A short note' };
  for (const [field, value] of Object.entries(details) as [keyof Details, string][]) {
    await sheet.getByLabel(labels[field], { exact: true }).fill(value);
  }
  await sheet.getByRole('button', { name: 'Share my details' }).tap();
}

/** The people this phone's token may see, straight from the server. */
async function connectionsOf(server: TestServer, token: string): Promise<Connection[]> {
  const res = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${token}`).expect(200);
  return (res.body as { connections: Connection[] }).connections;
}

describeInBrowser('keep in touch, by mutual consent', () => {
  const rig = useServerAndBrowser();

  it('swaps details once both have shared, with tap-to-contact links and a vCard to save', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Coffee Club', topics: ['Coffee'] });
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Coffee');

    await share(ann.page, { email: 'ann@example.com', phone: '+44 (7700) 900-123', url: 'ann.example.com/about', note: 'Coffee next week?' });
    const annSheet = ann.page.locator('dialog[data-sheet="keep"]');
    await annSheet.getByText('Shared — waiting for Bob to share too').waitFor();

    await share(bob.page, { email: 'bob@example.org' });
    const bobSheet = bob.page.locator('dialog[data-sheet="keep"]');
    await bobSheet.getByText('You swapped details with Ann').waitFor();
    await annSheet.getByText('You swapped details with Bob').waitFor();

    // Each sees the other's details, as links that mail, call or open.
    const annOnBob = bobSheet.locator('.contact-card', { hasText: 'Ann' });
    expect(await annOnBob.getByRole('link', { name: 'Email: ann@example.com' }).getAttribute('href')).toBe('mailto:ann@example.com');
    expect(await annOnBob.getByRole('link', { name: /^Call/ }).getAttribute('href')).toBe('tel:+44-(7700)-900-123');
    const open = annOnBob.getByRole('link', { name: /^Open/ });
    expect(await open.getAttribute('href')).toBe('https://ann.example.com/about');
    expect(await open.getAttribute('rel')).toBe('noopener noreferrer');
    await annOnBob.getByText('Coffee next week?').waitFor();
    expect(await annSheet.getByRole('link', { name: 'Email: bob@example.org' }).getAttribute('href')).toBe('mailto:bob@example.org');
    await saveScreenshot(bob.page, 'keep-in-touch');

    // Save contact: a vCard fetched with the token in a header, holding Ann's details.
    const [download] = await Promise.all([bob.page.waitForEvent('download'), annOnBob.getByRole('button', { name: 'Save contact' }).tap()]);
    expect(download.suggestedFilename()).toBe('ann.vcf');
    let text = '';
    for await (const chunk of await download.createReadStream()) text += chunk;
    const [card] = parseVCards(text);
    expect(card).toMatchObject({ FN: ['Ann'], EMAIL: ['ann@example.com'] });

    // What Ann shared is remembered on her phone only, for next time.
    const remembered = await ann.page.evaluate(() => localStorage.getItem('mingle:contact'));
    expect(JSON.parse(remembered ?? '{}')).toMatchObject({ values: { email: 'ann@example.com' }, picked: { email: true } });
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('shows nothing of a sharer until the other shares, and lets the sharer take it back', async () => {
    const secret = 'cy.secret@example.com';
    const { event } = await createEvent(rig.server.url, { name: 'Quiet Drinks', topics: ['Tea'] });
    const [cy, dee] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dee'], 'Tea');

    await share(cy.page, { email: secret });
    const cySheet = cy.page.locator('dialog[data-sheet="keep"]');
    await cySheet.getByText('Shared — waiting for Dee to share too').waitFor();

    // Dee finishes the chat (a round trip) and opens People I met (another): Cy is listed, bare.
    await dee.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(dee.page, 'idle');
    await dee.page.locator('[data-open-people]').tap();
    const cyOnDee = dee.page.locator('dialog[data-sheet="people"] [data-person]', { hasText: 'Cy' });
    await cyOnDee.getByRole('button', { name: 'Keep in touch' }).waitFor();
    expect(await dee.page.content()).not.toContain(secret);
    const [deeSees] = await connectionsOf(rig.server, await tokenOf(dee.page, event.code));
    expect(deeSees).toMatchObject({ name: 'Cy', contact: null });

    // Cy takes it back (the match has ended by now: that is fine), and the form is back.
    await cySheet.getByRole('button', { name: 'Take it back' }).tap();
    await cySheet.getByRole('button', { name: 'Share my details' }).waitFor();

    // Now Dee shares: she waits, and neither phone sees the other's details.
    await share(dee.page, { email: 'dee@example.com' }, cyOnDee.getByRole('button', { name: 'Keep in touch' }));
    await dee.page.locator('dialog[data-sheet="keep"]').getByText('Shared — waiting for Cy to share too').waitFor();
    await cy.page.locator('[data-after-chat]').getByText('Good chat with Dee?').waitFor();
    expect(await cy.page.content()).not.toContain('dee@example.com');
    expect(await dee.page.content()).not.toContain(secret);
    expect(await connectionsOf(rig.server, await tokenOf(cy.page, event.code))).toMatchObject([{ name: 'Dee', contact: null }]);
    expect([...cy.errors, ...dee.errors]).toEqual([]);
  });

  it('swaps before "we found each other" can be saved at once', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Early Birds', topics: ['Birds'] });
    const [gus, hana] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Gus', 'Hana'], 'Birds');
    await share(gus.page, { email: 'gus@example.com' });
    await share(hana.page, { phone: '+1 415 555 0100' });
    const sheet = gus.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByRole('link', { name: 'Call: +1 415 555 0100' }).waitFor();
    // The rig.server lists a revealed swap among the people I met, whether or not we have met yet.
    await sheet.getByRole('button', { name: 'Save contact' }).waitFor();
    expect([...gus.errors, ...hana.errors]).toEqual([]);
  });

  it('keeps a phone number as it was typed, spacing and all: on the card, on the server, in the saved contact', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Spaced Out', topics: ['Maps'] });
    const [max, nia] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Max', 'Nia'], 'Maps');
    await share(max.page, { phone: '  +44 7700  900123 ' });
    await share(nia.page, { email: 'nia@example.com' });
    const maxOnNia = nia.page.locator('dialog[data-sheet="keep"] .contact-card', { hasText: 'Max' });
    const call = maxOnNia.getByRole('link', { name: /^Call/ });
    // Read as typed (white space tidied, as any text is); the link is the same tel: URI as the
    // saved contact's, the grouping kept as RFC 3966 dashes.
    expect(await call.textContent()).toBe('+44 7700 900123');
    expect(await call.getAttribute('href')).toBe('tel:+44-7700-900123');
    const [maxSeen] = await connectionsOf(rig.server, await tokenOf(nia.page, event.code));
    expect(maxSeen!.contact).toEqual({ phone: '+44 7700 900123' });

    const [download] = await Promise.all([nia.page.waitForEvent('download'), maxOnNia.getByRole('button', { name: 'Save contact' }).tap()]);
    let text = '';
    for await (const chunk of await download.createReadStream()) text += chunk;
    // A tel: URI may not hold a space: the grouping stays, as the dashes RFC 3966 allows.
    expect(parseVCards(text)[0]).toMatchObject({ FN: ['Max'], TEL: ['tel:+44-7700-900123'] });
    expect([...max.errors, ...nia.errors]).toEqual([]);
  });

  it('tells a sharer still chatting to look in Keep in touch, which is on their screen, not People I met', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Late Swap', topics: ['Jazz'] });
    const [ivy, jon] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ivy', 'Jon'], 'Jazz');
    await share(ivy.page, { email: 'ivy@example.com' });
    const ivySheet = ivy.page.locator('dialog[data-sheet="keep"]');
    await ivySheet.getByText('Shared — waiting for Jon to share too').waitFor();
    await ivySheet.getByRole('button', { name: 'Close' }).tap();
    await share(jon.page, { email: 'jon@example.com' });
    await ivy.page.locator('#notice').getByText('You swapped details with Jon. Tap Keep in touch to see their details.').waitFor();
    await waitForView(ivy.page, 'chatting');
    expect([...ivy.errors, ...jon.errors]).toEqual([]);
  });

  it('takes a note of emoji the box allows, as the server counts it (an emoji is one)', async () => {
    const note = '🎉'.repeat(120); // 120 of the 200 allowed, though 240 UTF-16 units
    const { event } = await createEvent(rig.server.url, { name: 'Party Poppers', topics: ['Confetti'] });
    const [kay, lou] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Kay', 'Lou'], 'Confetti');
    await share(kay.page, { note });
    const sheet = kay.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByText('Shared — waiting for Lou to share too').waitFor();
    expect(await sheet.getByText(/Keep the note/).count()).toBe(0);

    await share(lou.page, { email: 'lou@example.com' });
    await lou.page.locator('dialog[data-sheet="keep"] .contact-card', { hasText: 'Kay' }).getByText(note).waitFor();
    expect([...kay.errors, ...lou.errors]).toEqual([]);
  });

  it('never shows a link whose host reads as another site: refused as typed, and one kept from before shown in punycode', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Look-alikes', topics: ['Fruit'] });
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Fruit');
    // `аpple.com`, its first letter Cyrillic: the phone says so before sending.
    await share(ann.page, { url: '\u0430pple.com/ann' });
    const annSheet = ann.page.locator('dialog[data-sheet="keep"]');
    await annSheet.getByText('That link has letters from another alphabet that look like English ones: type it again.').waitFor();

    // One kept from before the server refused them, straight into the store: Bob's card shows its
    // host as a browser's address bar would, not as apple.com.
    const { id: attendeeId } = await rig.server.app.services.attendees.authenticate(await tokenOf(ann.page, event.code));
    const [match] = await rig.server.app.store.listMatches(event.id);
    await rig.server.app.store.shareContact(event.id, match!.id, attendeeId, { url: 'https://\u0430pple.com/ann' });
    await share(bob.page, { email: 'bob@example.org' });
    const annOnBob = bob.page.locator('dialog[data-sheet="keep"] .contact-card', { hasText: 'Ann' });
    const open = annOnBob.getByRole('link', { name: /^Open/ });
    expect(await open.textContent()).toBe('xn--pple-43d.com/ann');
    expect(await open.getAttribute('aria-label')).toBe('Open: xn--pple-43d.com/ann');
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('checks the details before sending, as the rig.server would', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Typo Night', topics: ['Chess'] });
    const [eve] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Eve', 'Fin'], 'Chess');
    await share(eve.page, { email: 'eve@', phone: '12', url: 'http://eve.example.com' });
    const sheet = eve.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByText("That doesn't look like an email address.").waitFor();
    await sheet.getByText('Use 7 to 15 digits, e.g. +44 7700 900123.').waitFor();
    await sheet.getByText('Only secure links (starting https://) can be shared.').waitFor();

    // Nothing picked at all.
    for (const box of await sheet.locator('[data-pick]').all()) await box.uncheck();
    await sheet.getByRole('button', { name: 'Share my details' }).tap();
    await sheet.getByText('Pick at least one way to keep in touch.').waitFor();
    expect(eve.errors).toEqual([]);
  });
});
