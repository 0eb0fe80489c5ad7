import { describeInBrowser } from '../helpers/browser';
import { call, waitFor } from '../helpers/server';
import { pageChattingWithSocket, socketPerson, usePhoneRig } from './steps';

jest.setTimeout(45_000);

/**
 * What a partner typed, closing one of the page's sentences: "How to spot them: Tall, red cap."
 * keeps its one full stop, and "Took my cap off!" gets none after it ("off!." read as our typo).
 */
describeInBrowser('attendee: typed text at the end of a sentence', () => {
  const rig = usePhoneRig();

  it('a partner edits how to spot them, ending it with their own punctuation', async () => {
    const { ann, bob: bobSocket } = await pageChattingWithSocket(rig, 'Stops Night');
    const notice = ann.page.locator('#notice');

    expect(await call(bobSocket, 'profile:update', { lookFor: 'Took my cap off!' })).toMatchObject({ ok: true });
    await notice.getByText('Bob updated how to spot them: Took my cap off!', { exact: true }).waitFor();
    expect(await call(bobSocket, 'profile:update', { name: 'Rob', lookFor: 'Tall, green coat.' })).toMatchObject({ ok: true });
    await notice.getByText('Bob changed their name to Rob and updated how to spot them: Tall, green coat.', { exact: true }).waitFor();
    expect(await call(bobSocket, 'profile:update', { lookFor: 'by the bar' })).toMatchObject({ ok: true });
    await notice.getByText('Rob updated how to spot them: by the bar.', { exact: true }).waitFor();
  });

  it('someone coming over to join, whose "how to spot me" ends in a full stop', async () => {
    const { code, ann } = await pageChattingWithSocket(rig, 'Circle Stops');
    await ann.page.locator('.switch', { hasText: 'Open to one more' }).tap();
    await ann.page.getByText('Someone looking may be sent to join you.').waitFor();

    const catSocket = await socketPerson(rig, code, 'Cat', { lookFor: 'Blue scarf.' });
    const found = waitFor(catSocket, 'match:found');
    expect(await call(catSocket, 'match:find')).toMatchObject({ ok: true });
    await found;
    await ann.page
      .locator('#notice')
      .getByText('Cat is coming over to join you. How to spot them: Blue scarf.', { exact: true })
      .waitFor();
  });
});
