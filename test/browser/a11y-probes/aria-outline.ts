import type { Locator } from 'playwright-core';
import { accessibleNode } from './screen-reader';

/** Roles a person operates, which a screen reader can only speak of by their name. */
const CONTROLS = ['button', 'link', 'textbox', 'searchbox', 'checkbox', 'switch', 'radio', 'combobox', 'slider', 'spinbutton', 'dialog', 'img'];

/** What {@link ariaOutline} reads from a part of the page. */
export interface AriaOutline {
  /** Headings in reading order, as "h2 You both like". */
  headings: string[];
  /** Controls (and dialogs, images) with no accessible name, each as its snapshot line. */
  unnamed: string[];
  /** Headings that come more than one level below the one before (an h1 then an h3). */
  skips: string[];
}

/**
 * The outline a screen reader's user gets of `scope`, read from Playwright's aria snapshot
 * (`locator.ariaSnapshot()`, Chromium's accessibility tree as YAML): each line is
 * `- role "name" [state]: text`, quoted in '…' when the name holds a quote; a control without a
 * name has no `"…"` after its role.
 */
export async function ariaOutline(scope: Locator): Promise<AriaOutline> {
  const lines = (await scope.ariaSnapshot()).split('\n').map((l) => l.trim().replace(/^- '?/, '- '));
  const headings: string[] = [];
  const unnamed: string[] = [];
  for (const line of lines) {
    const heading = /^- heading "(.*)" \[level=(\d)\]/.exec(line);
    if (heading) headings.push(`h${heading[2]} ${heading[1]}`);
    const control = /^- ([a-z]+)(?=$|:| \[)/.exec(line);
    if (control && CONTROLS.includes(control[1]!)) unnamed.push(line);
  }
  const levels = headings.map((h) => Number(h[1]));
  const skips = headings.filter((_, i) => i > 0 && levels[i]! > levels[i - 1]! + 1);
  return { headings, unnamed, skips };
}

/** Whether the focus is on `target` or inside it: where a screen reader now reads. */
export function holdsFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * `target`'s accessible description, as Chromium computes it for screen readers (from
 * aria-describedby and the rest): what is read after its name and role.
 */
export async function descriptionOf(target: Locator): Promise<string> {
  await target.evaluate((el) => el.setAttribute('data-probe-description', ''));
  try {
    return (await accessibleNode(target.page(), '[data-probe-description]')).description;
  } finally {
    await target.evaluate((el) => el.removeAttribute('data-probe-description'));
  }
}

/**
 * `target`'s accessible name, as Chromium computes it for screen readers: what is read before its
 * role. An icon hidden from them (`aria-hidden`) is no part of it; an emoji in the text is, read
 * out by its own name ("handshake").
 */
export async function nameOf(target: Locator): Promise<string> {
  await target.evaluate((el) => el.setAttribute('data-probe-name', ''));
  try {
    return (await accessibleNode(target.page(), '[data-probe-name]')).name;
  } finally {
    await target.evaluate((el) => el.removeAttribute('data-probe-name'));
  }
}
