import type { InspectionResult, PenaltySeverity, RecordStatus, TaxRating } from '@app/scoring';
import { formatDay } from './calendar';
import type { RecordRow } from './population.types';

/**
 * Builders of record rows, one per kind. Each builds its object literal in one
 * go with a fixed key order, so all rows of a kind share one hidden class
 * (the engine iterates millions of them). Ids are set after the records of an
 * enterprise are sorted by date.
 */
export class RecordSink {
  readonly rows: RecordRow[] = [];
  /** Day numbers of `rows`, the sort key (cheaper than comparing date strings). */
  private readonly days: number[] = [];

  constructor(public enterpriseId: number) {}

  reset(enterpriseId: number): void {
    this.enterpriseId = enterpriseId;
    this.rows.length = 0;
    this.days.length = 0;
  }

  annualReport(day: number, year: number): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind: 'ANNUAL_REPORT',
      occurredOn: formatDay(day),
      status: 'ACTIVE',
      year,
    });
  }

  change(kind: 'LEGAL_REP_CHANGE' | 'ADDRESS_CHANGE', day: number): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind,
      occurredOn: formatDay(day),
      status: 'ACTIVE',
    });
  }

  penalty(
    day: number,
    status: RecordStatus,
    severity: PenaltySeverity,
    violationType: string,
    restrictionEndsOn: number | null,
    amount: number,
    documentNo: string,
  ): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind: 'PENALTY',
      occurredOn: formatDay(day),
      status,
      severity,
      violationType,
      restrictive: restrictionEndsOn !== null,
      restrictionEndsOn: restrictionEndsOn === null ? null : formatDay(restrictionEndsOn),
      amount,
      documentNo,
    });
  }

  listing(
    kind: 'ABNORMAL_LISTING' | 'SERIOUS_DISHONESTY_LISTING' | 'JUDGMENT_DEBTOR',
    day: number,
    status: RecordStatus,
    reason: string,
  ): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind,
      occurredOn: formatDay(day),
      status,
      reason,
    });
  }

  inspection(day: number, result: InspectionResult): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind: 'INSPECTION',
      occurredOn: formatDay(day),
      status: 'ACTIVE',
      result,
    });
  }

  complaint(day: number): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind: 'COMPLAINT',
      occurredOn: formatDay(day),
      status: 'ACTIVE',
    });
  }

  honor(day: number, status: RecordStatus, title: string): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind: 'HONOR',
      occurredOn: formatDay(day),
      status,
      title,
    });
  }

  taxRating(day: number, year: number, rating: TaxRating): void {
    this.push(day, {
      id: 0,
      enterpriseId: this.enterpriseId,
      kind: 'TAX_RATING',
      occurredOn: formatDay(day),
      status: 'ACTIVE',
      year,
      rating,
    });
  }

  /** Sorts by date (stable: same-day records keep generation order), numbers them, appends to `out`. */
  flush(out: RecordRow[], firstId: number): number {
    const { rows, days } = this;
    // Insertion sort: a handful of records per enterprise, mostly in order already.
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i];
      const day = days[i];
      let j = i - 1;
      while (j >= 0 && days[j] > day) {
        rows[j + 1] = rows[j];
        days[j + 1] = days[j];
        j--;
      }
      rows[j + 1] = row;
      days[j + 1] = day;
    }
    let id = firstId;
    for (const row of rows) {
      row.id = id++;
      out.push(row);
    }
    rows.length = 0;
    days.length = 0;
    return id;
  }

  private push(day: number, row: RecordRow): void {
    this.rows.push(row);
    this.days.push(day);
  }
}
