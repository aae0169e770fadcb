import { DrawPlan } from './draw-plan';
import { TIERS, Tier, isTier } from './tier';

/**
 * Step 2 of the draw: the population is streamed in enterprise-id order (one
 * cursor over the database, any size) and the selector keeps the rows whose
 * per-tier ordinal the plan drew. Memory stays flat: one counter and one
 * cursor into the plan's ordinals per tier.
 */
export interface PopulationRow {
  id: number;
  uscc: string;
  tier: Tier;
}

/** The streamed population is not the one the plan was made from. */
export class PopulationMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PopulationMismatchError';
  }
}

const TIER_INDEX: Record<Tier, number> = { A: 0, B: 1, C: 2, D: 3 };

export class StreamSelector {
  private readonly ordinals: Int32Array[];
  private readonly populations: number[];
  private readonly seen = [0, 0, 0, 0];
  private readonly next = [0, 0, 0, 0];
  private lastId = -Infinity;
  private drawnCount = 0;

  constructor(plan: DrawPlan) {
    this.ordinals = TIERS.map((t) => plan.tiers[t].ordinals);
    this.populations = TIERS.map((t) => plan.tiers[t].population);
  }

  /** The row itself if drawn, else undefined. Rows must come in strictly increasing id order. */
  select<R extends PopulationRow>(row: R): R | undefined {
    // Ids in order are what makes ordinals mean the same enterprises on a re-run.
    if (!(row.id > this.lastId)) {
      throw new PopulationMismatchError(
        `rows must be in strictly increasing id order: ${row.id} after ${this.lastId}`,
      );
    }
    this.lastId = row.id;
    if (!isTier(row.tier)) {
      throw new PopulationMismatchError(`enterprise ${row.id} has unknown tier '${row.tier}'`);
    }
    const t = TIER_INDEX[row.tier];
    const ordinal = this.seen[t]++;
    if (ordinal >= this.populations[t]) {
      throw new PopulationMismatchError(
        `tier ${row.tier} has more than the ${this.populations[t]} enterprises planned for`,
      );
    }
    const wanted = this.ordinals[t];
    if (this.next[t] < wanted.length && wanted[this.next[t]] === ordinal) {
      this.next[t]++;
      this.drawnCount++;
      return row;
    }
    return undefined;
  }

  /** Drawn so far. */
  get drawn(): number {
    return this.drawnCount;
  }

  /** Call after the last row: fails if any tier had fewer enterprises than planned. */
  finish(): number {
    TIERS.forEach((tier, t) => {
      if (this.seen[t] !== this.populations[t]) {
        throw new PopulationMismatchError(
          `tier ${tier} streamed ${this.seen[t]} enterprises, the plan counted ${this.populations[t]}`,
        );
      }
    });
    return this.drawnCount;
  }
}

/** Convenience for in-memory or generated populations: the drawn rows, in id order. */
export function* selectDrawn<R extends PopulationRow>(
  plan: DrawPlan,
  rows: Iterable<R>,
): Generator<R> {
  const selector = new StreamSelector(plan);
  for (const row of rows) {
    const hit = selector.select(row);
    if (hit) yield hit;
  }
  selector.finish();
}

/** Same for a database cursor or any async stream. */
export async function* selectDrawnAsync<R extends PopulationRow>(
  plan: DrawPlan,
  rows: AsyncIterable<R>,
): AsyncGenerator<R> {
  const selector = new StreamSelector(plan);
  for await (const row of rows) {
    const hit = selector.select(row);
    if (hit) yield hit;
  }
  selector.finish();
}
