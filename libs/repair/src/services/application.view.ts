import type { Role } from '@app/core';
import { actionsFor } from '../policy/application-state';
import { RepairApplication } from '../entities/repair-application.entity';
import { RepairEvidence } from '../entities/repair-evidence.entity';
import { RepairHistoryEntry } from '../entities/repair-history-entry.entity';

/** The public shape of an application (api.md § Credit repair). */
export function applicationView(
  a: RepairApplication,
  about: { uscc: string; recordKind: string; policyTitle: { zh: string; en: string } | null },
  evidence: RepairEvidence[],
  history: RepairHistoryEntry[],
  viewer: Role | 'observer',
) {
  return {
    id: Number(a.id),
    uscc: about.uscc,
    recordId: Number(a.recordId),
    recordKind: about.recordKind,
    status: a.status,
    version: a.version,
    policy: a.policyId,
    /** The policy's title, e.g. 市场监督管理信用修复管理办法（国家市场监督管理总局令第107号）. */
    policyTitle: about.policyTitle,
    reason: a.reason,
    commitment: a.commitment,
    submittedAt: a.submittedAt.toISOString(),
    submittedOn: a.submittedOn,
    acceptBy: a.acceptBy,
    acceptedOn: a.acceptedOn,
    decideBy: a.decideBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    overdue: a.overdue,
    /** Non-empty: part of a deadline fell in a year without official holiday data (Mon–Fri used). */
    calendarFallbackYears: a.calendarFallbackYears,
    /** What the caller may do now: an enterprise never sees 受理/批准, a regulator never 撤回. */
    allowedActions:
      viewer === 'observer'
        ? []
        : actionsFor(a.status, viewer, { materialsRequested: a.materialsRequestedOn !== null }),
    /** 补正: the materials asked for, when, and the last day to supply them (then it lapses). */
    materialsRequested: a.materialsRequested,
    materialsRequestedOn: a.materialsRequestedOn,
    supplyBy: a.supplyBy,
    /** The inspection record whose publication the approval also ended. */
    alsoRepairedRecordId: a.alsoRepairedRecordId === null ? null : Number(a.alsoRepairedRecordId),
    /** The issuing authority's division code: its regulators decide (谁认定谁修复). */
    authorityRegion: a.authorityRegion,
    evidence: evidence.map((e) => ({ kind: e.kind, title: e.title, sha256: e.sha256 })),
    history: history.map((h) => ({
      at: h.at.toISOString(),
      actor: h.actorSub,
      actorRole: h.actorRole,
      action: h.action,
      ...(h.reason ? { reason: h.reason } : {}),
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
    })),
  };
}

export type ApplicationView = ReturnType<typeof applicationView>;
