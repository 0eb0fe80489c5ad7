import { closeOnBack } from '../../shared/back-closes';
import { h } from '../../shared/dom';

/** Options for {@link confirmAction}. */
export interface ConfirmOptions {
  title: string;
  body: string;
  /** The label of the button that goes ahead, e.g. "End event". */
  confirm: string;
  /** `danger` for what cannot be undone. @default 'primary' */
  tone?: 'primary' | 'danger';
}

/**
 * Asks before something drastic, in a modal `<dialog>` rather than `window.confirm`: it matches
 * the page, names the person as text, and Esc or Cancel backs out. Resolves true to go ahead.
 */
export function confirmAction(o: ConfirmOptions): Promise<boolean> {
  const cancel = h('button', { class: 'btn btn-secondary', attrs: { type: 'submit', value: 'cancel' } }, 'Cancel');
  const dialog = h(
    'dialog',
    // Described by its body, which screen readers then read with the title as the dialog opens
    // on Cancel: what will happen is heard before the choice.
    { class: 'confirm', attrs: { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body' } },
    h(
      'form',
      { class: 'confirm-form', attrs: { method: 'dialog' } },
      h('h2', { id: 'confirm-title', class: 'confirm-title' }, o.title),
      h('p', { id: 'confirm-body', class: 'confirm-body' }, o.body),
      h(
        'div',
        { class: 'confirm-actions' },
        cancel,
        h('button', { class: `btn btn-${o.tone ?? 'primary'}`, attrs: { type: 'submit', value: 'confirm' } }, o.confirm),
      ),
    ),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      releaseBack();
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    dialog.showModal();
    // Back backs out, as Cancel does, rather than leaving the dashboard.
    const releaseBack = closeOnBack(() => dialog.close('cancel'));
    // The safe choice has focus, so a stray Enter does not end the evening.
    cancel.focus();
  });
}
