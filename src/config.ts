import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PasswordPolicy {
  minLength: number;
  adminMinLength: number;
  minClasses: number;
  maxAgeDays: number;
  history: number;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  /** 32-byte master secret; every key (field encryption, blind index, audit chain) is derived from it. */
  masterSecret: Buffer;
  cookieSecure: boolean;
  trustProxy: boolean;
  session: { idleMinutes: number; adminIdleMinutes: number; absoluteHours: number };
  lockout: { maxFailures: number; minutes: number };
  passwordPolicy: PasswordPolicy;
  /** Anonymous appeal submissions allowed per IP and hour. */
  anonymousSubmitsPerHour: number;
  revealsPerHour: number;
  sweepIntervalSeconds: number;
  open311ApiKeys: string[];
  logLevel: string;
}

function readSecret(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  if (env.LIANXIN_SECRET) {
    const secret = Buffer.from(env.LIANXIN_SECRET, 'base64');
    if (secret.length < 32) {
      throw new Error('LIANXIN_SECRET must be at least 32 bytes, base64-encoded');
    }
    return secret;
  }
  // Single-instance installs keep a generated secret beside the database; several instances must share LIANXIN_SECRET.
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

const intFrom = (value: string | undefined, fallback: number) =>
  value === undefined || value === '' ? fallback : Number.parseInt(value, 10);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.LIANXIN_DATA_DIR ?? 'data');
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ?? `sqlite://${path.join(dataDir, 'lianxin.db')}`,
    dataDir,
    masterSecret: readSecret(dataDir, env),
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    session: {
      idleMinutes: intFrom(env.SESSION_IDLE_MINUTES, 30),
      adminIdleMinutes: intFrom(env.ADMIN_SESSION_IDLE_MINUTES, 15),
      absoluteHours: intFrom(env.SESSION_ABSOLUTE_HOURS, 12),
    },
    lockout: { maxFailures: intFrom(env.LOCKOUT_FAILURES, 5), minutes: intFrom(env.LOCKOUT_MINUTES, 30) },
    passwordPolicy: {
      minLength: intFrom(env.PASSWORD_MIN_LENGTH, 8),
      adminMinLength: intFrom(env.ADMIN_PASSWORD_MIN_LENGTH, 12),
      minClasses: intFrom(env.PASSWORD_MIN_CLASSES, 3),
      maxAgeDays: intFrom(env.PASSWORD_MAX_AGE_DAYS, 90),
      history: intFrom(env.PASSWORD_HISTORY, 5),
    },
    anonymousSubmitsPerHour: intFrom(env.ANONYMOUS_SUBMITS_PER_HOUR, 20),
    revealsPerHour: intFrom(env.REVEALS_PER_HOUR, 20),
    sweepIntervalSeconds: intFrom(env.SWEEP_INTERVAL_SECONDS, 60),
    open311ApiKeys: (env.OPEN311_API_KEYS ?? '').split(',').filter(Boolean),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
