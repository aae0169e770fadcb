/** Shapes of the public API (see /docs-json), as far as the console reads them. */
export type Tier = 'A' | 'B' | 'C' | 'D';
export const TIERS: Tier[] = ['A', 'B', 'C', 'D'];

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type ByTier = Record<Tier, number>;

export interface Summary {
  region: string;
  regionName: string | null;
  total: number;
  byTier: ByTier;
  subRegions?: { region: string; regionName: string | null; total: number; byTier: ByTier }[];
}

export interface Label {
  zh: string;
  en: string;
}

export interface Enterprise {
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  industryCode: string;
  industryName: {
    section: string;
    sectionName: Label;
    division: string | null;
    divisionName: string | null;
  } | null;
  type: string;
  registeredCapital: string;
  establishedOn: string;
  status: string;
}

export interface Factor {
  code: string;
  category: string | null;
  label: Label | null;
  points: number;
  recordIds: number[];
}

export interface Veto {
  code: string;
  effect: string;
  label: Label | null;
  recordIds: number[];
}

export interface Assessment {
  uscc: string;
  tier: Tier;
  score: number;
  modelVersion: string;
  modelHash: string;
  asOf: string;
  assessedAt: string | null;
  base?: number | null;
  thresholds?: { A: number; B: number; C: number } | null;
  factors: Factor[];
  vetoes: Veto[];
  trigger?: string;
}

export interface Simulation extends Assessment {
  baseline: { tier: Tier; score: number };
  without: number[];
}

export interface CreditRecord {
  id: number;
  kind: string;
  occurredOn: string;
  status: string;
  severity?: string;
  amount?: string;
  violationType?: string;
  restrictive?: boolean;
  reason?: string;
  result?: string;
  field?: string;
  authorityRegion?: string;
  title?: string;
  year?: number;
  rating?: string;
  documentNo?: string;
  /** Active penalties and serious-list entries: the day publication ends by itself. */
  publicUntil?: string;
}

export interface Measure {
  id: string;
  kind: string;
  zh: string;
  en: string;
  triggers: { on: string; zh: string; en: string; recordIds?: number[] }[];
}

export interface Measures {
  tier: Tier;
  measures: Measure[];
}

export interface Application {
  id: number;
  uscc: string;
  recordId: number;
  recordKind: string;
  status: string;
  version: number;
  policy: string;
  policyTitle: Label | null;
  reason: string;
  submittedAt: string;
  acceptBy: string;
  decideBy: string | null;
  /** 补正: what was asked for and by when it must be supplied. */
  materialsRequested: string[];
  supplyBy: string | null;
  /** The issuing authority's division code: its regulators decide (谁认定谁修复). */
  authorityRegion: string;
  overdue: boolean;
  allowedActions: string[];
  evidence: { kind: string; title: string; sha256: string }[];
  history: { at: string; actor: string; action: string; reason?: string }[];
}

export interface Eligibility {
  eligible: boolean;
  policy: string;
  conditions: { code: string; met: boolean; earliestOn?: string; detail?: string }[];
}

export interface Run {
  id: number;
  status: 'queued' | 'running' | 'completed' | 'failed';
  mode: 'full' | 'incremental';
  modelVersion: string;
  region: string | null;
  asOf: string;
  dryRun: boolean;
  total: number;
  processed: number;
  changed: number;
  /** Classified for the first time: not changes. */
  firstClassified: number;
  /** The region the counts cover (the caller's jurisdiction inside a wider run). */
  countsRegion: string | null;
  failed: number;
  requestedBy: string;
  createdAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  byTier: Record<string, number>;
  transitions: Record<string, number>;
}

/** The deadline of an application's current stage. */
export const deadlineOf = (a: Application) =>
  a.status === 'ACCEPTED'
    ? a.decideBy
    : a.status === 'SUBMITTED'
      ? a.acceptBy
      : a.status === 'AWAITING_MATERIALS'
        ? a.supplyBy
        : null;

/** A run's changes in words: a first classification is not a change. */
export const changesOf = (r: Run) => ({
  first: r.firstClassified ?? 0,
  changed: r.changed - (r.firstClassified ?? 0),
});

/** A row of GET /risk: an enterprise of the jurisdiction with its current tier. */
export interface TierListItem {
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  tier: Tier;
  score: number;
  asOf: string;
}
