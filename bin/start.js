#!/usr/bin/env node
// `npm start`: builds the web app when its sources are newer than the last build, then runs the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webSrc = path.join(root, 'web');
const webBuilt = path.join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

if (existsSync(path.join(webSrc, 'vite.config.ts'))) {
  const stale = !existsSync(webBuilt) || newest(webSrc) > statSync(webBuilt).mtimeMs;
  if (stale) {
    const build = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

// The server runs in this same process, so SIGINT/SIGTERM from npm reach it directly.
const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'src/server/main.ts'));
