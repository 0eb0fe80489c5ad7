import type { ReportReason } from '../../../../shared/schemas';
import { fill, h } from '../../shared/dom';
import { LIMITS, lengthOf, limitLength } from '../../shared/limits';
import { say } from '../../shared/live-region';
import { REPORT_REASONS } from '../../shared/report-reasons';
import { keepingFocus } from '../../shared/keep-focus';
import { peopleOf } from '../exchange';
import type { Actions, Model, Person } from '../model';
import { inlineError, run, sheetHint, type SheetView } from './sheet';

/**
 * "Not comfortable?": walking away is always fine; beyond that, block someone (silent, at once)
 * or report them to the organisers. One person at a time, with a calm word at each step.
 * Opened from a match's card (`matchId`), it lists whoever joins that match while it is open,
 * too; nobody drops off it, since leaving is no reason not to be reported.
 */
export function safetySheet(opened: Person[], actions: Actions, matchId?: string): SheetView {
  let people = opened;
  const body = h('div', { class: 'sheet-body', data: { safety: '' } });
  const titleOf = () => (people.length === 1 ? 'Not comfortable?' : 'Not comfortable with someone?');
  /** Whether the choice of people is on screen (not a block's confirm or a report's form). */
  let choosing = false;
  /** `describedBy`: the id of the line under it that says what it does, read with it. */
  const button = (label: string, style: string, onTap: () => void, describedBy?: string) =>
    h('button', { class: `btn btn-${style} btn-block`, attrs: { type: 'button', 'aria-describedby': describedBy }, on: { click: onTap } }, label);

  function choose() {
    choosing = true;
    fill(
      body,
      sheetHint("It's always fine to walk away — no excuse needed."),
      ...people.map((p) =>
        h(
          'div',
          { class: 'safety-person', data: { safetyFor: p.id } },
          people.length > 1 ? h('p', { class: 'safety-name' }, p.name) : null,
          button(`Block ${p.name}`, 'secondary', () => confirmBlock(p), `safety-block-${p.id}`),
          h('p', { id: `safety-block-${p.id}`, class: 'field-hint' }, `Don't match me with ${p.name} again`),
          button(`Report ${p.name}`, 'secondary', () => report(p), `safety-report-${p.id}`),
          h('p', { id: `safety-report-${p.id}`, class: 'field-hint' }, 'Tell the organisers what happened'),
        ),
      ),
      h(
        'button',
        { class: 'link-button', attrs: { type: 'button' }, on: { click: () => actions.openSheet({ kind: 'privacy' }) } },
        'Leave Mingle and delete my data',
      ),
    );
  }

  function confirmBlock(p: Person) {
    choosing = false;
    const error = inlineError();
    const go = button(`Block ${p.name}`, 'danger', () => void run(go, error, () => actions.block(p)));
    fill(
      body,
      h('p', { class: 'sheet-lead' }, `Block ${p.name}?`),
      sheetHint(`You won't be matched with ${p.name} again at this event, and ${p.name} isn't told. If you're matched with them now, that match ends.`),
      error,
      h('div', { class: 'sheet-actions' }, button('Cancel', 'secondary', choose), go),
    );
  }

  function report(p: Person) {
    choosing = false;
    const reasons = (Object.keys(REPORT_REASONS) as ReportReason[]).map((reason) =>
      h(
        'label',
        { class: 'choice' },
        h('input', { attrs: { type: 'radio', name: 'report-reason', value: reason, required: true } }),
        h('span', null, REPORT_REASONS[reason]),
      ),
    );
    const text = h('textarea', { id: 'report-text', attrs: { rows: 3, placeholder: 'Optional' } });
    limitLength(text, LIMITS.reportText);
    const count = h('span', { class: 'field-count', attrs: { 'aria-live': 'polite' } });
    text.addEventListener('input', () => (count.textContent = text.value ? `${lengthOf(text.value)} / ${LIMITS.reportText}` : ''));
    const error = inlineError();
    error.id = 'report-error';
    // A radio group (one choice of several), so that it can say it needs a choice (aria-invalid).
    const choices = h(
      'fieldset',
      { class: 'field', attrs: { role: 'radiogroup', 'aria-describedby': error.id }, on: { change: () => choices.removeAttribute('aria-invalid') } },
      h('legend', { class: 'field-label' }, 'What happened?'),
      ...reasons,
    );
    const send = h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' } }, 'Send report');
    const form = h(
      'form',
      {
        class: 'form',
        attrs: { novalidate: true },
        on: {
          submit: (e) => {
            e.preventDefault();
            const reason = form.querySelector<HTMLInputElement>('input[name="report-reason"]:checked')?.value as ReportReason | undefined;
            if (!reason) {
              say(error, 'Please pick what happened.');
              // Marked on the choices and read with them; the focus goes to them, to pick one.
              choices.setAttribute('aria-invalid', 'true');
              form.querySelector<HTMLInputElement>('input[name="report-reason"]')?.focus();
              return;
            }
            void run(send, error, () => actions.report(p, reason, text.value)).then((ok) => ok && reported(p));
          },
        },
      },
      choices,
      h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: 'report-text' } }, 'Anything to add?', count), text),
      sheetHint(`The organisers see ${p.name}'s first name and what you write here — not who you are.`),
      error,
      send,
      button('Cancel', 'quiet', choose),
    );
    fill(body, h('p', { class: 'sheet-lead' }, `Report ${p.name}`), form);
    form.querySelector<HTMLInputElement>('input')?.focus();
  }

  /** A report blocks them too, and ends a match with them (docs/PROTOCOL.md, `attendee:report`). */
  function reported(p: Person) {
    choosing = false;
    fill(
      body,
      h(
        'p',
        { class: 'sheet-lead', attrs: { role: 'status' }, data: { reported: '' } },
        `Thank you. The organisers have been told, and you won't be matched with ${p.name} again.`,
      ),
      sheetHint("They'll take it from here. Take a breather, find a friend, or talk to the staff if you'd like to."),
      button('Done', 'primary', actions.closeSheet),
    );
  }

  /** Those opened with, and anyone who has joined the match since. */
  const peopleNow = (m: Model): Person[] => {
    const match = m.state?.match;
    if (!matchId || match?.id !== matchId) return people;
    const joined = peopleOf(match.partners).filter((p) => !people.some((q) => q.id === p.id));
    return joined.length > 0 ? [...people, ...joined] : people;
  };

  choose();
  return {
    title: titleOf(),
    el: body,
    update(m) {
      const now = peopleNow(m);
      if (now === people) return;
      people = now;
      if (choosing) keepingFocus(body, choose);
    },
    titleOf,
  };
}
