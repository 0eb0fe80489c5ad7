import type { ValidationIssue } from '../../../../shared/errors';
import type { Me } from '../../../../shared/schemas';
import { h, listOfNames } from '../../shared/dom';
import { LIMITS } from '../../shared/limits';
import { say } from '../../shared/live-region';
import type { Actions, Model, Outcome, ProfileUpdate } from '../model';
import { profileFields, type ProfileFields, type ProfileValues } from './profile-fields';
import { inlineError, sheetHint, type SheetView } from './sheet';

/** The button that opens {@link profileSheet}: a stable id, so focus can come back to it once the screen is redrawn. */
export function editProfileButton(actions: Actions) {
  return h('button', { id: 'edit-profile', class: 'link-button', attrs: { type: 'button' }, data: { editProfile: '' }, on: { click: actions.editProfile } }, 'Edit profile');
}

/**
 * "Edit my profile": the join form's fields, filled with the profile as it is, to fix a typo in
 * a name or say how to be spotted now the jacket is off, without starting over (which would lose
 * People I met). Only what changed is sent; whoever I am matched with sees the new name and
 * how to spot me at once (the server sends them a fresh `state`).
 */
export function profileSheet(me: Me, topics: readonly string[], seenBy: readonly string[], actions: Actions): SheetView {
  const fields = profileFields({
    prefix: 'profile',
    topics,
    interestsHint: topics.length > 0 ? 'Tap a few, or add your own.' : 'Add a few things you like talking about.',
    initial: me,
  });
  const error = inlineError();
  // Live: a match made while the sheet is open is hidden behind it, and this is where it is said.
  const hint = sheetHint();
  hint.setAttribute('aria-live', 'polite');
  hint.textContent = seenWords(seenBy);
  /** The match the sheet was opened in (none: null), once the first `update` has said it. */
  let openedIn: string | null | undefined;
  const save = h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' }, data: { saveProfile: '' } }, 'Save');
  const cancel = h('button', { class: 'btn btn-secondary btn-block', attrs: { type: 'button' }, on: { click: actions.closeSheet } }, 'Cancel');
  const form = h(
    'form',
    { class: 'form sheet-body', attrs: { novalidate: true }, data: { profileForm: '' }, on: { submit: (e) => void onSubmit(e) } },
    hint,
    ...fields.els,
    error,
    h('div', { class: 'sheet-actions' }, cancel, save),
  );

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (save.disabled) return;
    say(error, '');
    const values = fields.read();
    if (!values) return;
    const patch = changes(me, values);
    if (Object.keys(patch).length === 0) return actions.closeSheet();
    save.disabled = true;
    save.textContent = 'Saving…';
    const outcome = await actions.updateProfile(patch);
    if (outcome.ok) return; // the sheet closes, and the page shows the new profile
    save.disabled = false;
    save.textContent = 'Save';
    refused(outcome, fields, error, save);
  }

  return {
    title: 'Edit my profile',
    el: form,
    update(model: Model) {
      const match = model.state?.match ?? null;
      if (openedIn === undefined) openedIn = match?.id ?? null;
      const names = match?.partners.map((p) => p.name) ?? [];
      const fresh = !!match && match.id !== openedIn && model.state?.status === 'matched';
      const words = `${fresh ? `You've been matched with ${listOfNames(names)}! Save or Cancel to see where to meet. ` : ''}${seenWords(names)}`;
      if (hint.textContent !== words) hint.textContent = words;
      hint.classList.toggle('sheet-hint-news', fresh);
    },
  };
}

/** Who will see the change as soon as it is saved: whoever I am matched with. */
function seenWords(seenBy: readonly string[]): string {
  return seenBy.length > 0 ? `${listOfNames([...seenBy])} will see your new name and how to spot you as soon as you save.` : '';
}

/** The fields of `values` that differ from `me`. */
function changes(me: Me, values: ProfileValues): ProfileUpdate {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(values) as (keyof ProfileValues)[]) {
    if (JSON.stringify(values[key]) !== JSON.stringify(me[key])) patch[key] = values[key];
  }
  return patch as ProfileUpdate;
}

/** What each field may hold, in words, for a refusal that names it. */
const FIELD_RULES: Record<string, string> = {
  name: `Your first name needs 1 to ${LIMITS.name} characters.`,
  lookFor: `“How to spot me” can be up to ${LIMITS.lookFor} characters.`,
  interests: `You can pick up to ${LIMITS.interests} interests, each up to ${LIMITS.topic} characters.`,
  offers: `“I can help with…” takes up to ${LIMITS.offers}, each up to ${LIMITS.topic} characters.`,
  asks: `“I'd like advice on…” takes up to ${LIMITS.asks}, each up to ${LIMITS.topic} characters.`,
};

/**
 * Says why the server refused, in words rather than its code, and that nothing changed: under the
 * field it names when it names one (focused, so the keyboard is where the fix is), else beside Save.
 */
function refused(outcome: Extract<Outcome, { ok: false }>, fields: ProfileFields, error: HTMLElement, save: HTMLButtonElement): void {
  const field = fieldOf(outcome.issues);
  if (outcome.code === 'VALIDATION_FAILED' && field) {
    const words = FIELD_RULES[field] ?? "Mingle couldn't take something in your profile.";
    if (field === 'name' || field === 'lookFor') {
      fields.showError(field, words);
      (field === 'name' ? fields.name : document.getElementById('profile-look-for'))?.focus();
    }
    say(error, `Nothing was changed. ${words}`);
    if (field !== 'name' && field !== 'lookFor') save.focus();
    return;
  }
  say(error, refusalWords(outcome));
  save.focus();
}

/** The top-level field the first issue is about: `interests.2` is about the interests. */
function fieldOf(issues: readonly ValidationIssue[] | undefined): string | undefined {
  return issues?.[0]?.path.split('.')[0] || undefined;
}

function refusalWords(outcome: Extract<Outcome, { ok: false }>): string {
  // Offline, or no answer: the session's words already say what happened and what to do.
  if (outcome.connection) return outcome.message;
  switch (outcome.code) {
    case 'VALIDATION_FAILED':
      return "Nothing was changed. Mingle couldn't take something in your profile. Please check it and save again.";
    case 'RATE_LIMITED':
      return 'Nothing was changed. That was a lot of taps at once. Wait a few seconds, then save again.';
    case 'UNAVAILABLE':
    case 'INTERNAL':
      return "Nothing was changed. Mingle couldn't save just now. Please try again in a moment.";
    default:
      // The server's words are a sentence of their own (server/errors.ts).
      return `Nothing was changed. ${outcome.message}`;
  }
}
