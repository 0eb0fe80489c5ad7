import { h } from '../shared/dom';

/**
 * The organiser key (the server's ORGANISER_KEY), remembered for this tab only: in
 * sessionStorage, which the browser drops when the tab closes, and never in localStorage, where a
 * shared venue laptop would keep a secret for whoever sits down next. It is kept once the server
 * has taken it, so "Create another event" (or a reload) needs nothing typed again; and the
 * server's asking for one is remembered too, so the field shows before the first refusal.
 * This module's memory stands in where sessionStorage throws (some private modes).
 */
const STORAGE = { key: 'mingle:organiser-key', needed: 'mingle:organiser-key-needed' };
const memory = new Map<string, string>();

function read(name: string): string | null {
  try {
    return sessionStorage.getItem(name) ?? memory.get(name) ?? null;
  } catch {
    return memory.get(name) ?? null;
  }
}

function write(name: string, value: string | null): void {
  if (value === null) memory.delete(name);
  else memory.set(name, value);
  try {
    if (value === null) sessionStorage.removeItem(name);
    else sessionStorage.setItem(name, value);
  } catch {
    /* this page's memory only */
  }
}

/** The form's "Organiser key" field, filled and shown when this tab already knows one is needed. */
export interface OrganiserKeyField {
  el: HTMLElement;
  /** The key to send, or undefined for none. */
  value(): string | undefined;
  /** The error line is about something else now, or nothing: the field no longer says it is wrong. */
  unflag(): void;
  /** The server took `sent`: keep it for this tab's next event. */
  accepted(sent: string | undefined): void;
  /** The server asked for the key: show the field, flag it with the error (and stop keeping a wrong one), focus it. */
  refused(sent: string | undefined): void;
}

/**
 * `errorId` is the form's error line: while it says the key is missing or wrong, it is read with
 * the field, which is marked invalid, until the key is typed again.
 */
export function organiserKeyField(errorId: string): OrganiserKeyField {
  const kept = read(STORAGE.key);
  const hint = 'organiser-key-hint';
  const unflag = () => {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', hint);
  };
  const input = h('input', {
    id: 'organiser-key',
    attrs: { type: 'password', autocomplete: 'off', 'aria-describedby': hint },
    on: { input: unflag },
  });
  input.value = kept ?? '';
  const el = h(
    'div',
    { class: 'field', attrs: { hidden: kept === null && read(STORAGE.needed) === null } },
    h('label', { class: 'field-label', attrs: { for: 'organiser-key' } }, 'Organiser key'),
    input,
    h(
      'p',
      { id: hint, class: 'field-hint' },
      'This Mingle asks for a key before creating events. This tab remembers it until you close it.',
    ),
  );
  return {
    el,
    value: () => input.value.trim() || undefined,
    unflag,
    accepted(sent) {
      if (sent) write(STORAGE.key, sent);
    },
    refused(sent) {
      write(STORAGE.needed, '1');
      // A kept key the server now refuses (its key was changed) must not be offered again.
      if (sent && read(STORAGE.key) === sent) write(STORAGE.key, null);
      // Missing or wrong, the key is what to fix: the focus goes there, which says why.
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${errorId} ${hint}`);
      el.hidden = false;
      input.focus();
      input.select();
    },
  };
}
