import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const webDir = path.join(projectRoot, 'web');
const builtIndex = path.join(webDir, 'dist', 'index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** Whether web/dist is missing or older than a source file under web/ (the same rule as bin/start.js). */
export function webBuildIsStale(): boolean {
  return !existsSync(builtIndex) || newest(webDir) > statSync(builtIndex).mtimeMs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds web/dist with Vite when it is missing or stale. Test files run in parallel workers, so a lock
 * folder (mkdir is atomic) lets one build while the others wait, then re-check.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (!webBuildIsStale()) return;
  const lock = path.join(
    tmpdir(),
    `tiaki-web-build-${createHash('sha256').update(projectRoot).digest('hex').slice(0, 12)}.lock`,
  );
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (!webBuildIsStale()) return;
      // A lock older than two minutes belongs to a build that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Gone already.
      }
      if (Date.now() - started > 180_000) throw new Error(`Timed out waiting for the web build lock ${lock}`);
      await sleep(250);
    }
  }
  try {
    if (!webBuildIsStale()) return;
    const { build } = await import('vite');
    await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
