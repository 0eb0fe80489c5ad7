import { h, icon, listOfNames } from '../../shared/dom';
import { LIMITS, limitLength } from '../../shared/limits';
import { say } from '../../shared/live-region';
import { CONTACT_FIELDS, checkContact, type ContactDraft, type ContactField } from '../contact';
import type { Actions, Person } from '../model';
import { loadContact, saveContact } from '../storage';
import { inlineError, sheetHint } from './sheet';

interface FieldSpec {
  label: string;
  /** Names the checkbox for screen readers: "Share my email". */
  pick: string;
  placeholder: string;
  attrs: Record<string, string | number>;
}

const FIELDS: Record<ContactField, FieldSpec> = {
  email: { label: 'Email', pick: 'Share my email', placeholder: 'you@example.com', attrs: { type: 'email', inputmode: 'email', autocomplete: 'email', maxlength: LIMITS.email } },
  phone: { label: 'Phone', pick: 'Share my phone number', placeholder: '+44 7700 900123', attrs: { type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: LIMITS.phone } },
  url: { label: 'Profile link', pick: 'Share my profile link', placeholder: 'linkedin.com/in/you', attrs: { type: 'url', inputmode: 'url', autocomplete: 'url', maxlength: LIMITS.url } },
  note: { label: 'A short note', pick: 'Share a note', placeholder: "Coffee next week? I'm around Tuesdays.", attrs: {} },
};

interface Row {
  field: ContactField;
  picked: HTMLInputElement;
  input: HTMLInputElement | HTMLTextAreaElement;
  error: HTMLElement;
}

/** Who sees my details, and when: the form's first line (`data-keep-hint`, kept up to date by the sheet). */
export function contactFormHint(people: readonly Person[]): string {
  const names = listOfNames(people.map((p) => p.name));
  return people.length > 1
    ? `${names} see your details only if they ${people.length === 2 ? 'both' : 'all'} share theirs too. Until then nobody sees anything, and you can take it back.`
    : `${names} sees your details only if they share theirs too. Until then nobody sees anything, and you can take it back.`;
}

/**
 * Pick what to share: each way to keep in touch has a tick box and its box to type in. What was
 * shared last time is offered again, remembered on this phone only.
 */
export function contactForm(matchId: string, people: readonly Person[], actions: Actions): HTMLFormElement {
  const remembered = loadContact();
  const rows: Row[] = CONTACT_FIELDS.map((field) => {
    const spec = FIELDS[field];
    const id = `contact-${field}`;
    const value = remembered?.values[field] ?? '';
    const note = field === 'note' ? h('textarea', { id, attrs: { rows: 2, placeholder: spec.placeholder, ...spec.attrs } }) : null;
    // The note is free text: capped in code points, as the server counts (an emoji is one).
    if (note) limitLength(note, LIMITS.contactNote);
    const input = note ?? h('input', { id, attrs: { placeholder: spec.placeholder, spellcheck: 'false', autocapitalize: 'off', ...spec.attrs } });
    // What is wrong with a box is read with it (and marked on it, below, while it holds).
    input.setAttribute('aria-describedby', `${id}-error`);
    input.value = value;
    const picked = h('input', {
      attrs: { type: 'checkbox', 'aria-label': spec.pick, checked: remembered ? remembered.picked[field] && value !== '' : false },
      data: { pick: field },
    });
    // Typing in a box picks it; unticking keeps what was typed, just does not share it.
    input.addEventListener('input', () => (picked.checked = input.value.trim() !== ''));
    return { field, picked, input, error: h('p', { id: `${id}-error`, class: 'field-error', attrs: { 'aria-live': 'polite' } }) };
  });

  const hint = sheetHint(contactFormHint(people));
  hint.dataset.keepHint = '';
  const formError = inlineError();
  const submit = h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' } }, 'Share my details');
  const form = h(
    'form',
    { class: 'form contact-form', attrs: { novalidate: true }, on: { submit: (e) => void onSubmit(e) } },
    hint,
    ...rows.map((r) =>
      h(
        'div',
        { class: 'field contact-field' },
        h(
          'div',
          { class: 'contact-field-head' },
          // A 44 px target round the 24 px box (sheet.css); the words beside it label the field.
          h('label', { class: 'contact-pick' }, r.picked),
          h('label', { class: 'field-label', attrs: { for: r.input.id } }, FIELDS[r.field].label),
        ),
        r.input,
        r.error,
      ),
    ),
    formError,
    submit,
    sheetHint(icon('🔒 '), "Remembered on this phone only, so next time it's one tap."),
  );

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (submit.disabled) return;
    const draft = {} as Partial<ContactDraft>;
    for (const r of rows) if (r.picked.checked) draft[r.field] = r.input.value;
    const check = checkContact(draft);
    for (const r of rows) {
      const wrong = check.ok ? '' : (check.errors[r.field] ?? '');
      say(r.error, wrong);
      if (wrong) r.input.setAttribute('aria-invalid', 'true');
      else r.input.removeAttribute('aria-invalid');
    }
    say(formError, check.ok ? '' : (check.errors.none ?? ''));
    if (!check.ok) {
      rows.find((r) => check.errors[r.field])?.input.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Sharing…';
    const outcome = await actions.shareContact(matchId, check.contact);
    submit.disabled = false;
    submit.textContent = 'Share my details';
    if (!outcome.ok) {
      formError.textContent = outcome.message;
      return;
    }
    const values = {} as ContactDraft;
    const picked = {} as Record<ContactField, boolean>;
    for (const r of rows) [values[r.field], picked[r.field]] = [r.input.value.trim(), r.picked.checked];
    saveContact({ values, picked });
  }

  return form;
}
