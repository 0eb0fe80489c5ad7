import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds the client before any test runs, so browser tests load the current pages. Takes a few
 * milliseconds when client/dist is already up to date with client/.
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, [path.resolve(__dirname, '../scripts/ensure-client.mjs')], { stdio: 'inherit' });
}
