import type { CreateRecordDto } from '../dto/create-record.dto';
import type { PersonLinkDto } from '../dto/replace-persons.dto';
import type { UpsertEnterpriseDto } from '../dto/upsert-enterprise.dto';

/** A line that passed validation, ready to be written. `line` is its 1-based line number. */
export type ImportItem =
  | {
      kind: 'enterprise';
      line: number;
      uscc: string;
      enterprise: UpsertEnterpriseDto;
      records: CreateRecordDto[];
      persons?: PersonLinkDto[];
    }
  | { kind: 'record'; line: number; uscc: string; record: CreateRecordDto }
  | { kind: 'persons'; line: number; uscc: string; persons: PersonLinkDto[] };

export interface Rejection {
  line: number;
  reason: string;
  /** The field at fault, when one is (a single write answers with it). */
  field?: string;
}

/** What a parsed line became: something to write, or a rejection. */
export type ParsedLine = { item: ImportItem; end: number } | { rejection: Rejection; end: number };

/** What writing some lines did; the counters of an import are sums of these. */
export interface ImportTally {
  lines: number;
  accepted: number;
  rejected: Rejection[];
  enterprises: number;
  records: number;
  recordsSkipped: number;
  persons: number;
  inputsChanged: number;
}

export function emptyTally(): ImportTally {
  return {
    lines: 0,
    accepted: 0,
    rejected: [],
    enterprises: 0,
    records: 0,
    recordsSkipped: 0,
    persons: 0,
    inputsChanged: 0,
  };
}
