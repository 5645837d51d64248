// The background thread's first module: plain JavaScript, because a worker thread does not inherit
// the TypeScript loader the app was started with; it registers it, then loads the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
