import { parentPort, workerData } from 'node:worker_threads';
import { textSegmenter } from '../core/textDictionary';
import { allModules } from '../modules';
import { warmUpTextPipeline } from '../text';
import type { BackgroundSettings, FromBackground, ToBackground } from './background';
import { createContext } from './context';
import { subscribeModules } from './modules';
import { startScheduler } from './scheduler';

const port = parentPort!;
const { settings } = workerData as { settings: BackgroundSettings };
// The secret arrives as a plain Uint8Array: structured cloning does not keep Buffer.
const config = { ...settings.config, masterSecret: Buffer.from(settings.config.masterSecret) };
const ctx = createContext(config, { connect: { ...settings.connect, checkpointer: false } });
subscribeModules(ctx, allModules);
warmUpTextPipeline();
await textSegmenter(ctx);
const stopScheduler = startScheduler(ctx, allModules, (message, error) => console.error(message, error), { jobs: settings.jobs });

const send = (message: FromBackground) => port.postMessage(message);
const drainFailed = (error: unknown) => console.error('event drain failed', error);

port.on('message', (message: ToBackground) => {
  if (message.type === 'drain') {
    ctx.events
      .drain()
      .catch(drainFailed)
      .finally(() => send({ type: 'drained', id: message.id }));
  } else {
    stopScheduler();
    void ctx.events
      .stop()
      .then(() => ctx.db.destroy())
      .finally(() => port.close());
  }
});
send({ type: 'ready' });
// What committed while no thread was handling events (before a start or a restart).
ctx.events.drain().catch(drainFailed);
