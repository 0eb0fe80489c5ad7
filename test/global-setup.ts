import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { playwrightDisableFeatures } from './helpers/chromium';

/**
 * Builds the client before any test runs, so browser tests load the current pages. Takes a few
 * milliseconds when client/dist is already up to date with client/. Then reads Playwright's own
 * `--disable-features` switch once for every worker (test/helpers/chromium.ts).
 */
export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [path.resolve(__dirname, '../scripts/ensure-client.mjs')], { stdio: 'inherit' });
  await playwrightDisableFeatures();
}
