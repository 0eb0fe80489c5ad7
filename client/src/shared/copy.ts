import { h } from './dom';
import { say } from './live-region';

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

/** How a {@link linkRow}'s link opens. */
export interface LinkRowOptions {
  /**
   * In a new tab, and its name says so: for a page that must stay open, such as a live dashboard,
   * which a click on the link would otherwise leave. `noopener`: the page opened gets no handle
   * on this one.
   * @default false
   */
  newTab?: boolean;
}

/**
 * A link and a Copy button that says when it worked. If the browser copies nothing, the whole
 * link is shown, unclipped, and selected, for the organiser to copy by hand. Styles:
 * styles/copy-link.css.
 */
export function linkRow(url: string, name: string, { newTab = false }: LinkRowOptions = {}): HTMLElement {
  // The new tab in the name, not in the link's text: copying by hand selects that text (below).
  const opens = newTab ? { target: '_blank', rel: 'noopener', 'aria-label': `${url} (opens in a new tab)` } : {};
  // The text in a span of its own, cut with an ellipsis there: the link's ↗ after it (copy-link.css) stays in view.
  const link = h('a', { class: 'link-url', data: { link: name }, attrs: { href: url, ...opens } }, h('span', { class: 'link-text' }, url));
  const copy = h('button', { class: 'btn btn-small btn-secondary', attrs: { type: 'button' } }, 'Copy');
  // A live region: "Copied" on the button alone is not read out by every screen reader.
  const hint = h('p', { class: 'field-hint link-hint', attrs: { role: 'status' } });
  const row = h('div', { class: 'link-row' }, link, copy);
  copy.addEventListener('click', () => {
    void copyText(url).then((copied) => {
      row.classList.toggle('link-row-open', !copied);
      copy.textContent = copied ? 'Copied' : 'Selected';
      // When it worked the button says so on screen; the hint says it to screen readers only.
      hint.classList.toggle('sr-only', copied);
      // Said again on a second copy, though the words are the same.
      say(
        hint,
        copied
          ? 'Link copied.'
          : "This browser won't copy from this page: the whole link is selected above, so copy it with Ctrl+C (⌘C on a Mac) or your phone's Copy.",
      );
      if (!copied) getSelection()?.selectAllChildren(link);
    });
  });
  return h('div', { class: 'link-block' }, row, hint);
}
