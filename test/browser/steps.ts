import type { Page } from 'playwright-core';

/** What a person types into the join form. */
export interface JoinDetails {
  name: string;
  /** Event topics to tap. */
  topics?: string[];
  /** Interests typed into "add your own". */
  ownInterests?: string[];
  lookFor?: string;
  solo?: boolean;
}

/** Waits for the attendee page to show a screen (`data-view`). */
export async function waitForView(page: Page, name: string): Promise<void> {
  await page.locator(`[data-view="${name}"]`).waitFor();
}

/** Opens the join link as a newcomer would and fills the form, without submitting it. */
export async function fillJoinForm(page: Page, code: string, d: JoinDetails): Promise<void> {
  await page.goto(`/e/${code}`);
  await waitForView(page, 'join');
  await page.getByLabel('Your first name').fill(d.name);
  for (const topic of d.topics ?? []) {
    await page.locator(`[data-chips="interests"] [data-chip="${topic}"]`).tap();
  }
  const own = page.getByLabel('Add your own interest');
  for (const interest of d.ownInterests ?? []) {
    await own.fill(interest);
    await own.press('Enter');
  }
  if (d.lookFor) await page.getByLabel('How to spot me').fill(d.lookFor);
  if (d.solo === false) await page.getByLabel("I'm here on my own").uncheck();
}

/** Taps Join and waits for the idle screen. */
export async function submitJoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join', exact: true }).tap();
  await waitForView(page, 'idle');
}

export async function joinThroughForm(page: Page, code: string, d: JoinDetails): Promise<void> {
  await fillJoinForm(page, code, d);
  await submitJoin(page);
}

/** The beacon a phone's match card shows. */
export async function beaconOf(page: Page): Promise<{ emoji: string; color: string }> {
  const beacon = page.locator('[data-beacon-emoji]').first();
  return {
    emoji: (await beacon.getAttribute('data-beacon-emoji')) ?? '',
    color: (await beacon.getAttribute('data-beacon-color')) ?? '',
  };
}

export async function partnerNames(page: Page): Promise<string[]> {
  return page.locator('[data-partner-name]').allTextContents();
}
