import { h } from '../shared/dom';

/**
 * Copies `text` to the clipboard; resolves false if the browser would not. The clipboard API
 * exists only in a secure context (https, localhost), and a venue laptop often serves Mingle on a
 * plain-http LAN address: there the older way still works, selecting a field's text and asking
 * the browser to copy it. Call it from a click, which both ways need.
 */
export async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* refused (permissions, focus): try the older way */
    }
  }
  return copyBySelecting(text);
}

/** The older way: a readonly, off-screen field holding the text, selected and copied. */
function copyBySelecting(text: string): boolean {
  const field = h('textarea', { class: 'copy-buffer', attrs: { readonly: true, 'aria-hidden': 'true', tabindex: -1 } });
  field.value = text;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(field);
  field.select();
  // iOS selects nothing in a readonly field with select() alone.
  field.setSelectionRange(0, text.length);
  let copied = false;
  try {
    // Deprecated, but the only copy a page may do outside a secure context.
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  field.remove();
  focused?.focus();
  return copied;
}
