import { groupText, type GroupMember } from '../../server/matching/group-reasons';

const person = (id: string, p: Partial<GroupMember> = {}): GroupMember => ({ id, interests: [], solo: false, offers: [], asks: [], ...p });

// The reviewer's scenario: Ann and Bob were paired; Cat joins as a third; then Bob leaves.
const ann = person('ann', { solo: true, interests: ['Jazz'], asks: ['fundraising'] });
const bob = person('bob', { solo: true, interests: ['jazz'], offers: ['Fundraising'] });
const cat = person('cat', { interests: ['chess'] });
const pair = { id: 'm1', sharedTopics: ['Jazz'], icebreaker: 'You both like Jazz. How did you get into it?' };
const catJoined = ["You're joining a pair who just met, as a third, so you don't have to wait longer"];

describe('what a match says once its people change', () => {
  it('tells a trio only what holds of the three of them', () => {
    const text = groupText(pair, [ann, bob, cat], { cat: catJoined });
    expect(text.sharedTopics).toEqual([]);
    expect(text.reasons).toEqual({
      ann: ['Someone there is on their own too', 'You share Jazz with someone there', 'Someone there can help with Fundraising, which you asked about'],
      bob: ['Someone there is on their own too', 'You share jazz with someone there', 'You can help with Fundraising, which someone there asked about'],
      cat: catJoined,
    });
  });

  it('tells the pair left after a leave the pair statements about each other, and nothing of the one who left', () => {
    const trio = groupText(pair, [ann, bob, cat], { cat: catJoined });
    const text = groupText({ id: pair.id, ...trio }, [ann, cat]);
    expect(text.sharedTopics).toEqual([]);
    expect(text.reasons).toEqual({
      ann: ['You were both looking to meet someone new'],
      cat: ['You were both looking to meet someone new'],
    });
  });

  it('is back to the pair statements when the third leaves the original pair', () => {
    const trio = groupText(pair, [ann, bob, cat], { cat: catJoined });
    const text = groupText({ id: pair.id, ...trio }, [ann, bob]);
    expect(text.sharedTopics).toEqual(['Jazz']);
    expect(text.reasons['ann']).toEqual(["You're both here on your own", 'You both picked Jazz', 'They can help with Fundraising, which you asked about']);
  });

  it('shares only the topics everyone picked, in the order the match showed them, in the first member’s spelling', () => {
    const a = person('a', { interests: ['tea', 'Go', 'chess'] });
    const b = person('b', { interests: ['CHESS', 'go', 'tea'] });
    const c = person('c', { interests: ['Chess', 'tea'] });
    const text = groupText({ id: 'm', sharedTopics: ['chess', 'tea', 'Go'], icebreaker: 'What brought you here tonight?' }, [a, b, c]);
    expect(text.sharedTopics).toEqual(['chess', 'tea']);
    expect(text.reasons['a']).toEqual(['You all picked chess and tea', 'You share Go with someone there']);
    expect(text.reasons['c']).toEqual(['You all picked chess and tea']);
  });

  it('says who else is on their own, and something even when a group has nothing in common', () => {
    const text = groupText({ id: 'm', sharedTopics: [], icebreaker: 'Hi?' }, [person('a', { solo: true }), person('b', { solo: true }), person('c', { solo: true }), person('d')]);
    expect(text.reasons['a']).toEqual(['Someone there is on their own too']);
    expect(text.reasons['d']).toEqual(['You were all looking to meet someone new']);
    const allSolo = groupText({ id: 'm', sharedTopics: [], icebreaker: 'Hi?' }, [person('a', { solo: true }), person('b', { solo: true }), person('c', { solo: true })]);
    expect(allSolo.reasons['a']).toEqual(["You're all here on your own"]);
  });

  describe('the icebreaker', () => {
    it('is replaced by a general question when its topic is no longer shared by everyone', () => {
      const text = groupText(pair, [ann, bob, cat]);
      expect(text.icebreaker).not.toMatch(/jazz/i);
      // Seeded by the match and its people: every instance picks the same one.
      expect(groupText(pair, [ann, bob, cat]).icebreaker).toBe(text.icebreaker);
    });

    it('is kept while its topic is still shared', () => {
      const jazzCat = person('cat', { interests: ['JAZZ'] });
      const ice = "What's got you excited about Jazz lately?";
      expect(groupText({ ...pair, icebreaker: ice }, [ann, bob, jazzCat]).icebreaker).toBe(ice);
    });

    it('is kept when a topic no longer shared only appears inside another word', () => {
      const ice = "What's got you excited about party games lately?";
      const text = groupText({ id: 'm', sharedTopics: ['party games', 'art'], icebreaker: ice }, [
        person('a', { interests: ['party games', 'art'] }),
        person('b', { interests: ['party games'] }),
      ]);
      expect(text.sharedTopics).toEqual(['party games']);
      expect(text.icebreaker).toBe(ice);
    });

    it('no longer speaks to two once there are three, even about a topic they all share', () => {
      const jazzCat = person('cat', { interests: ['jazz'] });
      const text = groupText(pair, [ann, bob, jazzCat]);
      expect(text.sharedTopics).toEqual(['Jazz']);
      expect(text.icebreaker).not.toMatch(/You both/);
    });

    it('is kept when nothing it names changed', () => {
      const general = 'What brought you here tonight?';
      expect(groupText({ ...pair, icebreaker: general }, [ann, bob, cat]).icebreaker).toBe(general);
    });
  });
});
