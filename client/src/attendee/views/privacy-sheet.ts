import { fill, h } from '../../shared/dom';
import type { Actions } from '../model';
import { inlineError, run, sheetHint, type SheetView } from './sheet';

/** What Mingle keeps about me, and a way to delete it all now rather than after the event. */
export function privacySheet(actions: Actions): SheetView {
  const body = h('div', { class: 'sheet-body', data: { privacy: '' } });
  const button = (label: string, style: string, onTap: () => void) =>
    h('button', { class: `btn btn-${style} btn-block`, attrs: { type: 'button' }, on: { click: onTap } }, label);

  function about() {
    fill(
      body,
      h(
        'ul',
        { class: 'privacy-list' },
        h('li', null, 'Mingle keeps your first name, interests and how to spot you, who you met, and any details you chose to share.'),
        h('li', null, 'Your details are only ever shown to someone who shared theirs with you too.'),
        h(
          'li',
          null,
          'The organisers see counts and popular interests. While you wait for a match they see your name and how to spot you, so a host can come over, ' +
            'and if someone reports you, your first name and the report. They never see your contact details.',
        ),
        h('li', null, "It's all deleted automatically a while after the event."),
        h('li', null, 'Details you share are remembered on this phone only, to save typing next time.'),
      ),
      button('Delete my data now', 'danger', confirm),
    );
  }

  function confirm() {
    const error = inlineError();
    const go = button('Yes, delete my data', 'danger', () => void run(go, error, actions.forgetMe));
    fill(
      body,
      h('p', { class: 'sheet-lead' }, 'Delete everything about you?'),
      sheetHint(
        'Your profile, who you met, your feedback and any details you shared are deleted from Mingle at once, ' +
          'and this phone forgets you too. People you swapped details with no longer see yours (a contact they already saved stays with them). ' +
          "This can't be undone.",
      ),
      error,
      h('div', { class: 'sheet-actions' }, button('Cancel', 'secondary', about), go),
    );
    go.focus();
  }

  about();
  return { title: 'Your data', el: body };
}
