import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import { currentSchema } from './dialect';
import * as core from './migrations/0001_core';
import * as appeals from './migrations/0002_appeals';
import * as inboxOrder from './migrations/0003_inbox_order';
import * as notificationDigest from './migrations/0004_notification_digest';
import * as inboxBoxes from './migrations/0005_inbox_boxes';
import * as articles from './migrations/0006_articles';
import * as search from './migrations/0007_search';
import * as opinion from './migrations/0008_opinion';
import * as triage from './migrations/0009_triage';
import * as opinionIndexes from './migrations/0010_opinion_indexes';
import * as consultSurveys from './migrations/0011_consult_surveys';
import * as consultBallots from './migrations/0012_consult_ballots';
import * as consultHearings from './migrations/0013_consult_hearings';
import * as opinionScanIndexes from './migrations/0014_opinion_scan_indexes';
import * as searchStatistics from './migrations/0015_search_statistics';
import * as recentSearchIndex from './migrations/0016_recent_search_index';
import * as smallerRecentSearchIndex from './migrations/0017_smaller_recent_search_index';

// Listed in code, not read from a folder, so the same migrations run from tsx, tests and bundles alike.
const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_appeals': appeals,
  '0003_inbox_order': inboxOrder,
  '0004_notification_digest': notificationDigest,
  '0005_inbox_boxes': inboxBoxes,
  '0006_articles': articles,
  '0007_search': search,
  '0008_opinion': opinion,
  '0009_triage': triage,
  '0010_opinion_indexes': opinionIndexes,
  '0011_consult_surveys': consultSurveys,
  '0012_consult_ballots': consultBallots,
  '0013_consult_hearings': consultHearings,
  '0014_opinion_scan_indexes': opinionScanIndexes,
  '0015_search_statistics': searchStatistics,
  '0016_recent_search_index': recentSearchIndex,
  '0017_smaller_recent_search_index': smallerRecentSearchIndex,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    migrationTableSchema: await currentSchema(db),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw error instanceof Error ? error : new Error(String(error));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
