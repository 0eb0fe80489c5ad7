// Builds the client (client/dist) with Vite when it is missing, or, if asked, out of date.
// `node scripts/ensure-client.mjs` rebuilds when missing or stale; start.mjs only when missing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const clientDir = path.join(repo, 'client');
const distDir = path.join(clientDir, 'dist');
/** Code the pages import from outside client/ (text clean-up, the join code rule). */
const sharedDir = path.join(repo, 'shared');
const configFile = path.join(clientDir, 'vite.config.mjs');
/** The pages the server routes to; the build is missing if any is. */
const PAGES = ['index.html', 'attendee.html', 'organiser.html'];

/** Newest modification time of the sources under `dir` (not dist), in ms. */
function newestSource(dir = clientDir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== distDir && entry.name !== 'node_modules') newest = Math.max(newest, newestSource(full));
    } else {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** 'missing', 'stale' (a source is newer than the oldest built page) or 'fresh'. */
export function clientBuildState() {
  const pages = PAGES.map((p) => path.join(distDir, p));
  if (!pages.every((p) => existsSync(p))) return 'missing';
  const built = Math.min(...pages.map((p) => statSync(p).mtimeMs));
  return Math.max(newestSource(), newestSource(sharedDir)) > built ? 'stale' : 'fresh';
}

/**
 * Builds the client if needed. Resolves true if it built.
 * @param {{ rebuildStale?: boolean }} [options] rebuildStale defaults to false
 */
export async function ensureClient({ rebuildStale = false } = {}) {
  const state = clientBuildState();
  if (state === 'fresh' || (state === 'stale' && !rebuildStale)) return false;
  process.stderr.write(`mingle: client build ${state}, building with Vite…\n`);
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureClient({ rebuildStale: true }).catch((err) => {
    process.stderr.write(`mingle: client build failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
