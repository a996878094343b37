#!/usr/bin/env node
// The package's `tiaki` command. TypeScript sources run through tsx so `npx tiaki` works right after
// `npm install`, with no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
await import(main);
