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
