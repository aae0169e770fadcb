import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseJsonColumn } from '@app/core';

export type ActivationStatus = 'PROPOSED' | 'ACTIVE' | 'RETIRED' | 'REFUSED';

export interface ModelActivation {
  id: number;
  version: string;
  status: ActivationStatus;
  dryRunId: number | null;
  /** What the proposal was judged on: the dry run's transitions and the model's performance. */
  attachments: Record<string, unknown> | null;
  reason: string | null;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  activatedAt: string | null;
}

const COLUMNS = `id, version, status, dry_run_id, attachments, reason, proposed_by, proposed_at,
  decided_by, decided_at, decision_reason, activated_at`;

const iso = (v: unknown) => (v == null ? null : new Date(v as Date).toISOString());

function activation(r: Record<string, unknown>): ModelActivation {
  return {
    id: Number(r.id),
    version: r.version as string,
    status: r.status as ActivationStatus,
    dryRunId: r.dry_run_id == null ? null : Number(r.dry_run_id),
    attachments: r.attachments == null ? null : parseJsonColumn(r.attachments),
    reason: (r.reason as string | null) ?? null,
    proposedBy: r.proposed_by as string,
    proposedAt: iso(r.proposed_at)!,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: iso(r.decided_at),
    decisionReason: (r.decision_reason as string | null) ?? null,
    activatedAt: iso(r.activated_at),
  };
}

/**
 * The active model as state (risk owns it: scoring reads it), with the
 * proposals that change it. Exactly one row is ACTIVE; activation retires the
 * previous one in the same transaction.
 */
@Injectable()
export class ModelActivationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The first activation, from MODEL_VERSION, when there is none: row id 1,
   * so processes starting together insert it once.
   */
  async seed(version: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO model_activations (id, version, status, reason, proposed_by, proposed_at,
         decided_by, decided_at, activated_at)
       VALUES (1, ?, 'ACTIVE', 'first activation, from MODEL_VERSION', 'MODEL_VERSION', ?,
         'MODEL_VERSION', ?, ?)
       ON DUPLICATE KEY UPDATE id = id`,
      [version, at, at, at],
    );
  }

  async activeVersion(): Promise<string | null> {
    const [r] = await this.db.query(
      "SELECT version FROM model_activations WHERE status = 'ACTIVE' ORDER BY activated_at DESC, id DESC LIMIT 1",
    );
    return r ? (r.version as string) : null;
  }

  async list(): Promise<ModelActivation[]> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM model_activations ORDER BY id DESC LIMIT 200`,
    );
    return rows.map(activation);
  }

  async find(id: number, m: EntityManager = this.db.manager, lock = false) {
    const [r] = await m.query(
      `SELECT ${COLUMNS} FROM model_activations WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return r ? activation(r) : null;
  }

  async propose(p: {
    version: string;
    dryRunId: number;
    attachments: Record<string, unknown>;
    reason: string | null;
    proposedBy: string;
    at: Date;
  }): Promise<number> {
    const { insertId } = await this.db.query(
      `INSERT INTO model_activations (version, status, dry_run_id, attachments, reason,
         proposed_by, proposed_at) VALUES (?, 'PROPOSED', ?, ?, ?, ?, ?)`,
      [p.version, p.dryRunId, JSON.stringify(p.attachments), p.reason, p.proposedBy, p.at],
    );
    return Number(insertId);
  }

  /** Approves and activates, retiring the active one. */
  async activate(m: EntityManager, id: number, by: string, reason: string | null, at: Date) {
    await m.query("UPDATE model_activations SET status = 'RETIRED' WHERE status = 'ACTIVE'");
    await m.query(
      `UPDATE model_activations SET status = 'ACTIVE', decided_by = ?, decided_at = ?,
         decision_reason = ?, activated_at = ? WHERE id = ?`,
      [by, at, reason, at, id],
    );
  }

  async refuse(m: EntityManager, id: number, by: string, reason: string, at: Date) {
    await m.query(
      `UPDATE model_activations SET status = 'REFUSED', decided_by = ?, decided_at = ?,
         decision_reason = ? WHERE id = ?`,
      [by, at, reason, id],
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
