import type { Config } from '../config';
import { systemClock, type Clock } from '../core/clock';
import type { AppContext } from '../core/context';
import { FieldCrypto } from '../core/crypto';
import { EventProcessor } from '../core/events';
import { connect, type ConnectOptions, type Db } from '../db/database';

export function createContext(config: Config, options: { clock?: Clock; db?: Db; connect?: ConnectOptions } = {}): AppContext {
  const db = options.db ?? connect(config.databaseUrl, options.connect);
  const clock = options.clock ?? systemClock;
  const events = new EventProcessor(db, clock, (error, event) => {
    console.error(`event handler failed for ${event.type} ${event.id}`, error);
  });
  return { db, config, clock, crypto: new FieldCrypto(config.masterSecret), events };
}
