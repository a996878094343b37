// Starts a verify worker thread: registers tsx (as bin/tiaki.js does) so the worker can load TypeScript.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
