/** Mirrors KpiQuery, UnitKpi and KpiReport in src/modules/appeals/schemas.ts. Rates are percentages (0–100, one decimal). */
export interface UnitKpi {
  unitId: string;
  unitName: string;
  dispatched: number;
  responseDue: number;
  responded: number;
  rated: number;
  resolved: number;
  satisfied: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  score: number | null;
  rank: number | null;
}

export type KpiTotals = Omit<UnitKpi, 'unitId' | 'unitName' | 'rank'>;

export interface KpiTrendPoint {
  month: string;
  received: number;
  closed: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export interface KpiReport {
  month: string;
  weights: { response: number; resolution: number; satisfaction: number };
  units: UnitKpi[];
  totals: KpiTotals;
  trend: KpiTrendPoint[];
}

export interface KpiQuery {
  /** YYYY-MM */
  month?: string;
  months?: number;
}
