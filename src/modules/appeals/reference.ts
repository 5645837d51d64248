import { ShortLivedCache } from '../../core/cache';
import type { AppContext } from '../../core/context';
import type { Db } from '../../db/database';
import type { AppealCategory } from '../../db/schema';
import { getCategory, intakeOrgId } from './repository';
import { loadAppealSettings, type AppealSettings } from './settings';

const TTL_MS = 5000;

/** What every submission reads and an admin seldom changes, cached per app instance (see ShortLivedCache). */
class ReferenceData {
  private readonly categories = new ShortLivedCache<AppealCategory | undefined>(TTL_MS);
  private readonly intakeOrgs = new ShortLivedCache<string>(TTL_MS);
  private readonly settings = new ShortLivedCache<AppealSettings>(TTL_MS);

  category = (db: Db, code: string) => this.categories.get(code, () => getCategory(db, code));
  intakeOrg = (db: Db, requested: string | undefined) => this.intakeOrgs.get(requested ?? '', () => intakeOrgId(db, requested));
  appealSettings = (db: Db) => this.settings.get('', () => loadAppealSettings(db));

  /** After an admin changed categories or settings through this instance. */
  clear(): void {
    this.categories.clear();
    this.intakeOrgs.clear();
    this.settings.clear();
  }
}

// Per app context: two installations in one process (the benchmarks' SQLite and PostgreSQL runs) never share.
const byContext = new WeakMap<AppContext, ReferenceData>();

export function referenceData(ctx: AppContext): ReferenceData {
  let data = byContext.get(ctx);
  if (!data) {
    data = new ReferenceData();
    byContext.set(ctx, data);
  }
  return data;
}
