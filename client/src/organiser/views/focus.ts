/**
 * A control is disabled while its work is on the way, so it cannot be pressed twice. Disabling
 * the focused control drops the keyboard focus to <body>, and a keyboard or screen-reader user
 * is thrown back to the top of the page. Call this just before disabling `control`, and call
 * what it returns once the work is done: the focus goes back to `to` (the control itself, or
 * where it makes sense if the control stays disabled, e.g. after "End event").
 *
 * It does nothing if the control did not have the focus, or if the user has since put the focus
 * somewhere else: it only ever undoes the drop.
 */
export function holdFocus(control: HTMLElement): (to?: HTMLElement | null) => void {
  const held = document.activeElement === control;
  return (to = control) => {
    if (!held || !to?.isConnected || to.matches(':disabled')) return;
    const active = document.activeElement;
    const dropped = !active || active === document.body || active === control;
    if (dropped) to.focus();
  };
}

/** Keeps the keyboard focus in a list drawn afresh; see {@link rowFocus}. */
export interface RowFocus {
  /** Draws the list with `draw`, then puts back the focus the redraw took from a row's button. */
  redraw(draw: () => void): void;
  /**
   * Call as a row's button opens its confirmation, and call what it returns once that has closed
   * and again once the action is answered: a redraw under the open dialog takes the button the
   * dialog would give the focus back to, leaving it on <body>; this puts it back in the list.
   */
  hold(key: string): () => void;
}

/**
 * Keeps the keyboard focus in a list of people whose rows are drawn afresh, each with one button
 * (Remove). Replacing the rows takes the focused button with them, and a keyboard or
 * screen-reader user is thrown back to the top of the page. Instead the focus goes to the same
 * row's new button or, if that row has gone (its person was removed), to the next row's, else
 * the previous row's, else to `empty`, the line saying the list is empty (tabindex -1).
 * `keyOf` tells rows apart across redraws.
 */
export function rowFocus(list: HTMLElement, empty: HTMLElement, keyOf: (row: HTMLElement) => string): RowFocus {
  const rows = () => [...list.children] as HTMLElement[];
  /** Focuses `key`'s row's button, else the nearest row's still there by `order`, else `empty`. */
  const land = (key: string, order: string[]) => {
    const here = new Map(rows().map((row) => [keyOf(row), row]));
    const at = Math.max(0, order.indexOf(key));
    const nearest = [key, ...order.slice(at + 1), ...order.slice(0, at).reverse()].find((k) => here.has(k));
    (nearest === undefined ? empty : here.get(nearest)?.querySelector('button'))?.focus();
  };
  return {
    redraw(draw) {
      const active = document.activeElement;
      const row = active ? rows().find((r) => r.contains(active)) : undefined;
      const order = rows().map(keyOf);
      draw();
      if (row) land(keyOf(row), order);
    },
    hold(key) {
      const order = rows().map(keyOf);
      return () => {
        const active = document.activeElement;
        if (!active || active === document.body) land(key, order);
      };
    },
  };
}
