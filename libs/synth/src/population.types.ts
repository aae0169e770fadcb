import type { CreditRecordInput, EnterpriseStatus } from '@app/scoring';
import type { GenerationRates } from './generation-rates';

/** One row of the enterprise table. */
export interface EnterpriseRow {
  /** 1..N, sequential. */
  id: number;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  type: string;
  /** CNY, at most 2 decimals. */
  registeredCapital: number;
  establishedOn: string;
  status: EnterpriseStatus;
}

/**
 * One row of the record table: the engine's record plus the owner and the
 * kind-specific texts the engine does not read. Ids are 1..M, sequential; the
 * records of one enterprise are contiguous and ordered by `occurredOn`.
 */
export interface RecordRow extends CreditRecordInput {
  enterpriseId: number;
  /** PENALTY: fine in CNY (0 for a warning). */
  amount?: number;
  /** PENALTY: decision number, e.g. 杭西市监处罚〔2025〕123号. */
  documentNo?: string;
  /** ABNORMAL_LISTING, SERIOUS_DISHONESTY_LISTING, JUDGMENT_DEBTOR. */
  reason?: string;
  /** HONOR. */
  title?: string;
}

/** A person, known only by a salted hash of a fake ID number. */
export interface PersonRow {
  id: number;
  /** Hex sha256 of `${salt}:${idNumber}`; the number itself is never emitted. */
  idHash: string;
  name: string;
}

export type PersonRole = 'LEGAL_REPRESENTATIVE' | 'SHAREHOLDER' | 'EXECUTIVE';

export interface LinkRow {
  enterpriseId: number;
  personId: number;
  role: PersonRole;
}

/**
 * One batch of the stream. Insert its tables in this order: enterprises,
 * records, persons, links. A link may reference a person of this batch or of
 * the previous one (never older): see SHARE_WINDOW.
 */
export interface PopulationBatch {
  enterprises: EnterpriseRow[];
  records: RecordRow[];
  persons: PersonRow[];
  links: LinkRow[];
}

export interface PopulationOptions {
  /** Number of enterprises N (ids 1..N). */
  enterprises: number;
  /** Any safe integer. */
  seed: number;
  /** `YYYY-MM-DD`: the day the population is observed; no record is later. */
  asOf: string;
  /** Enterprises per batch, at least SHARE_WINDOW (default 1000). */
  batchSize?: number;
  /** Overrides of DEFAULT_RATES (shallow). */
  rates?: Partial<GenerationRates>;
  /** Salt of person ID hashes (default 'synth'). */
  personSalt?: string;
}
