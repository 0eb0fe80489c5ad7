import { codeOutcome } from '../../client/src/shared/join-code';

/**
 * The phones and the home page label the field "Event code", and the server speaks of event codes
 * too ("Too many unknown event codes from here"): the hint under the field uses the same name.
 */
describe('a typed code that cannot be one', () => {
  it('is called an event code, as its field is', () => {
    expect(codeOutcome('k7qx3')).toEqual({ problem: 'Event codes have 6 characters. Check the poster and try again.' });
    expect(codeOutcome('K7QX3O')).toEqual({ problem: 'Event codes never use “O”. Check the poster and try again.' });
    expect(codeOutcome('K0QX1O')).toEqual({ problem: 'Event codes never use “0”, “1” or “O”. Check the poster and try again.' });
  });

  it('leads to the event when it can be one', () => {
    expect(codeOutcome('k7q x3m')).toEqual({ go: '/e/K7QX3M' });
  });
});
