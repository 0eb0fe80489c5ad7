import { closeOnBack } from '../../shared/back-closes';
import { h, type Child } from '../../shared/dom';
import { say } from '../../shared/live-region';
import type { Actions, Model, Sheet } from '../model';
import { keepSheet } from './keep-sheet';
import { peopleSheet } from './people';
import { privacySheet } from './privacy-sheet';
import { profileSheet } from './profile-sheet';
import { safetySheet } from './safety-sheet';
import { startOverSheet } from './start-over-sheet';

/** What goes in a sheet: its title and body; `update` follows the model while it is open. */
export interface SheetView {
  title: string;
  el: HTMLElement;
  update?(model: Model): void;
  /** The title now, for a sheet whose title can change while it is open: read just after `update`. */
  titleOf?(): string;
}

export function buildSheet(sheet: Sheet, actions: Actions): SheetView {
  switch (sheet.kind) {
    case 'keep':
      return keepSheet(sheet.matchId, sheet.people, actions);
    case 'people':
      return peopleSheet(actions);
    case 'safety':
      return safetySheet(sheet.people, actions, sheet.matchId);
    case 'privacy':
      return privacySheet(actions);
    case 'startOver':
      return startOverSheet(sheet.name, actions);
    case 'profile':
      return profileSheet(sheet.me, sheet.topics, sheet.seenBy, actions);
  }
}

/** An open sheet; `update` follows the model; `close` removes it without reporting a dismissal. */
export interface OpenSheet {
  view: SheetView;
  update(model: Model): void;
  close(): void;
}

/**
 * Shows a sheet as a modal `<dialog>` rising from the bottom of the phone: focus stays inside,
 * and Esc, the ×, a tap on the dimmed page or the phone's Back (see back-closes.ts) calls `dismissed`.
 */
export function openSheet(view: SheetView, name: string, dismissed: () => void): OpenSheet {
  let closing = false;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const openerId = opener?.id;
  /**
   * The dialog gives focus back to what opened it; when the screen was redrawn meanwhile (a saved
   * profile renames the idle screen's heading), that button is gone, and its successor by id takes it.
   */
  const giveFocusBack = () => {
    if (opener?.isConnected || !openerId) return;
    const now = document.activeElement;
    if (!now || now === document.body) document.getElementById(openerId)?.focus({ preventScroll: true });
  };
  const titleId = `sheet-title-${name}`;
  const dialog = h(
    'dialog',
    { class: 'sheet', attrs: { 'aria-labelledby': titleId }, data: { sheet: name } },
    h(
      'div',
      { class: 'sheet-inner' },
      h(
        'header',
        { class: 'sheet-head' },
        h('h2', { id: titleId, class: 'sheet-title', attrs: { tabindex: -1 } }, view.title),
        h('button', { class: 'notice-close', attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: () => dialog.close() } }, '×'),
      ),
      view.el,
    ),
  );
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close(); // the backdrop, outside the inner box
  });
  dialog.addEventListener('close', () => {
    releaseBack();
    dialog.remove();
    giveFocusBack();
    if (!closing) dismissed();
  });
  document.body.append(dialog);
  dialog.showModal();
  const releaseBack = closeOnBack(() => dialog.close());
  dialog.querySelector<HTMLElement>('.sheet-title')?.focus();
  const title = dialog.querySelector<HTMLElement>('.sheet-title')!;
  return {
    view,
    update(model) {
      view.update?.(model);
      const now = view.titleOf?.();
      if (now !== undefined && title.textContent !== now) title.textContent = now;
    },
    close() {
      releaseBack();
      closing = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      giveFocusBack();
    },
  };
}

/** A line of text that says what went wrong, next to what was tapped. */
export function inlineError(): HTMLParagraphElement {
  return h('p', { class: 'form-error', attrs: { role: 'alert' } });
}

/** A paragraph of quieter explanation inside a sheet. */
export function sheetHint(...children: Child[]) {
  return h('p', { class: 'sheet-hint' }, ...children);
}

/**
 * Runs a tap's action with its button disabled meanwhile, showing a refusal in `error`.
 * Resolves true when the action worked.
 */
export async function run(button: HTMLButtonElement, error: HTMLElement, action: () => Promise<{ ok: boolean; message?: string }>): Promise<boolean> {
  button.disabled = true;
  say(error, '');
  const outcome = await action();
  button.disabled = false;
  if (!outcome.ok) error.textContent = outcome.message ?? 'That did not work. Please try again.';
  return outcome.ok;
}
