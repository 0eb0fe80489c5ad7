/**
 * The phone's Back closes what is laid over the page (a sheet, a dialog, the beacon) rather than
 * leave the page: on a phone, Back is how a person puts a sheet away.
 *
 * While anything is laid over the page, the page holds one history entry of its own, pushed on
 * top of the page's (same address, marked in `history.state`). Back pops it, and the top layer
 * is closed. A layer closed any other way (its ×, Esc, a tap on the backdrop, or the page itself)
 * takes the entry back with `history.back()`, whose `popstate` is then let by: otherwise the next
 * Back would only pop the stray entry and seem to do nothing. One layer closing as another opens
 * in the same turn (a sheet giving way to another) keeps the entry, rather than popping one
 * entry and pushing another while that Back is still on its way.
 */

/** Marks the history entry that stands for the layers open. */
const MARK = 'mingleLayer';

/** Open layers, the top one last: each one's close. */
const layers: Array<() => void> = [];
/** The page's own entry is in history, on top. */
let held = false;
/** `history.back()` calls made to take our entry back, whose `popstate` has not come yet. */
let backsUnderWay = 0;
let listening = false;

function listen(): void {
  if (listening) return;
  window.addEventListener('popstate', onPopState);
  listening = true;
}

function onPopState(): void {
  if (backsUnderWay > 0) {
    backsUnderWay--;
    // Back on the page's entry, after the step that would have scrolled it: a reload may again.
    if (backsUnderWay === 0 && layers.length === 0) history.scrollRestoration = 'auto';
    // A layer opened while the entry was on its way out: it needs one again.
    sync();
    return;
  }
  // The person's Back: our entry is gone (if we held one), and the top layer goes with it.
  if (!held) return;
  held = false;
  layers.pop()?.();
  // Two layers open (one over the other): Back closes one at a time.
  sync();
}

/** Brings history in line with the layers open: an entry while any is, none otherwise. */
function sync(): void {
  if (backsUnderWay > 0) return; // settled when that Back lands
  if (layers.length > 0 && !held) {
    // Going back to the page's entry would put the page back where it was scrolled to when the
    // layer opened, undoing what its closing brought into view (say, "Your profile is saved."
    // at the top, focused). Set on the page's entry before the push, which takes it over too;
    // put back once our Back has landed (`onPopState`).
    history.scrollRestoration = 'manual';
    history.pushState({ ...(history.state as object | null), [MARK]: true }, '');
    held = true;
  } else if (layers.length === 0 && held) {
    held = false;
    backsUnderWay++;
    history.back();
  }
}

/**
 * A layer opens: Back now calls `close` (once, and only while it is the top layer). Returns
 * what to call when the layer closes by any other means; calling it after Back closed the layer,
 * or twice, does nothing.
 */
export function closeOnBack(close: () => void): () => void {
  listen();
  let done = false;
  const layer = () => {
    done = true;
    close();
  };
  layers.push(layer);
  sync();
  return () => {
    if (done) return;
    done = true;
    const i = layers.indexOf(layer);
    if (i >= 0) layers.splice(i, 1);
    // Later in this turn, so that a layer opened in its place keeps the entry.
    queueMicrotask(sync);
  };
}

/**
 * A reload while a layer was open lands on our entry, with nothing laid over the page any more:
 * it is taken back at once, or the first Back after the reload would seem to do nothing.
 */
function dropStrayEntry(): void {
  if (typeof history === 'undefined') return;
  const state = history.state as Record<string, unknown> | null;
  if (!state?.[MARK]) return;
  if (history.length < 2) {
    // Nothing to go back to (a tab restored with this entry alone): unmarked where it stands, as
    // a Back that never lands would leave every later layer without an entry.
    const { [MARK]: _ours, ...rest } = state;
    history.replaceState(rest, '');
    return;
  }
  listen();
  held = true;
  sync();
}

dropStrayEntry();
