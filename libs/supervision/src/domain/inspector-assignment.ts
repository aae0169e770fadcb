import { Seed, SeededRandom, createRandom } from './seeded-random';

/**
 * The second 随机 of 双随机: two distinct inspectors drawn at random for each
 * drawn enterprise, never one who declared a conflict of interest (回避).
 * Uses the plan's seed on its own stream, so the whole plan is re-runnable.
 */
export const INSPECTOR_STREAM = 'inspectors';

export interface Inspector {
  id: number;
  name: string;
}

/** An inspector who must not inspect an enterprise, named by id or by USCC (or both). */
export interface ConflictDeclaration {
  inspectorId: number;
  enterpriseId?: number;
  uscc?: string;
}

export interface AssignableEnterprise {
  id: number;
  uscc: string;
}

export interface Assignment<E extends AssignableEnterprise> {
  enterprise: E;
  inspectors: [Inspector, Inspector];
}

/** An enterprise that cannot get two inspectors from this pool. */
export interface InspectorShortage {
  enterpriseId: number;
  uscc: string;
  eligible: number;
}

/**
 * Raised rather than assigning one inspector or a conflicted one: the law
 * requires two, and the regulator must widen the pool or re-plan. It lists
 * every short enterprise, not just the first, so one fix covers all.
 */
export class InspectorShortageError extends Error {
  constructor(readonly shortages: InspectorShortage[]) {
    const shown = shortages
      .slice(0, 10)
      .map((s) => `${s.uscc} (id ${s.enterpriseId}: ${s.eligible} eligible)`)
      .join(', ');
    const more = shortages.length > 10 ? ` and ${shortages.length - 10} more` : '';
    super(`fewer than two eligible inspectors for ${shown}${more}`);
    this.name = 'InspectorShortageError';
  }
}

class ConflictIndex {
  private readonly byKey = new Map<string, Set<number>>();

  constructor(conflicts: readonly ConflictDeclaration[]) {
    for (const c of conflicts) {
      if (c.enterpriseId === undefined && !c.uscc) {
        throw new RangeError(`conflict of inspector ${c.inspectorId} names no enterprise`);
      }
      if (c.enterpriseId !== undefined) this.add(`id:${c.enterpriseId}`, c.inspectorId);
      if (c.uscc) this.add(`uscc:${c.uscc.trim().toUpperCase()}`, c.inspectorId);
    }
  }

  private add(key: string, inspectorId: number): void {
    const set = this.byKey.get(key) ?? new Set<number>();
    set.add(inspectorId);
    this.byKey.set(key, set);
  }

  /**
   * The inspectors of `sorted` without a conflict with `e`, in the same order.
   * Looks the enterprise up once, not once per inspector, and returns `sorted`
   * itself when nothing is declared against it (nearly always): over 100,000
   * drawn enterprises this is most of the assignment's cost.
   */
  eligible(sorted: Inspector[], e: AssignableEnterprise): Inspector[] {
    const byId = this.byKey.get(`id:${e.id}`);
    const byUscc = this.byKey.get(`uscc:${e.uscc.toUpperCase()}`);
    if (!byId && !byUscc) return sorted;
    return sorted.filter((i) => !byId?.has(i.id) && !byUscc?.has(i.id));
  }
}

/** Pool order must not matter (it comes from a query), so inspectors are sorted by id. */
function sortedPool(pool: readonly Inspector[]): Inspector[] {
  const sorted = [...pool].sort((a, b) => a.id - b.id);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) {
      throw new RangeError(`inspector ${sorted[i].id} appears twice in the pool`);
    }
  }
  return sorted;
}

/** Enterprises that would not get two eligible inspectors; [] if assignment can proceed. */
export function findInspectorShortages(
  pool: readonly Inspector[],
  conflicts: readonly ConflictDeclaration[],
  enterprises: Iterable<AssignableEnterprise>,
): InspectorShortage[] {
  const inspectors = sortedPool(pool);
  const index = new ConflictIndex(conflicts);
  const shortages: InspectorShortage[] = [];
  for (const e of enterprises) {
    const eligible = index.eligible(inspectors, e).length;
    if (eligible < 2) shortages.push({ enterpriseId: e.id, uscc: e.uscc, eligible });
  }
  return shortages;
}

function drawPair(eligible: Inspector[], random: SeededRandom): [Inspector, Inspector] {
  const first = random.nextInt(eligible.length);
  // Draw the second among the others: shift past the first to stay uniform.
  let second = random.nextInt(eligible.length - 1);
  if (second >= first) second++;
  return [eligible[first], eligible[second]];
}

/**
 * Assigns two distinct, non-conflicted inspectors to each enterprise, in the
 * order given (the draw's id order). Throws InspectorShortageError, naming
 * every affected enterprise, before assigning anything.
 */
export function assignInspectors<E extends AssignableEnterprise>(
  seed: Seed,
  pool: readonly Inspector[],
  conflicts: readonly ConflictDeclaration[],
  enterprises: readonly E[],
): Assignment<E>[] {
  const shortages = findInspectorShortages(pool, conflicts, enterprises);
  if (shortages.length > 0) throw new InspectorShortageError(shortages);
  const inspectors = sortedPool(pool);
  const index = new ConflictIndex(conflicts);
  const random = createRandom(seed, INSPECTOR_STREAM);
  return enterprises.map((enterprise) => ({
    enterprise,
    inspectors: drawPair(index.eligible(inspectors, enterprise), random),
  }));
}
