import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntry } from './audit-entry';

const COLUMNS =
  'at, actor_sub, actor_role, actor_region, action, resource, uscc, status_code, request_id, client_request_id, ip';

export interface AuditRow {
  id: string | number;
  at: Date;
  actor_sub: string;
  actor_role: string;
  actor_region: string | null;
  action: string;
  resource: string | null;
  uscc: string | null;
  status_code: number;
  request_id: string | null;
  client_request_id: string | null;
  ip: string | null;
}

export interface AuditFilter {
  actor?: string;
  uscc?: string;
  action?: string;
  /** Inclusive lower and exclusive upper bound of `at`. */
  from?: Date;
  to?: Date;
}

/** `audit_log`: entries appended in batches, read back newest first. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(entries: AuditEntry[]): Promise<void> {
    await this.db.query(`INSERT INTO audit_log (${COLUMNS}) VALUES ?`, [entries.map(toRow)]);
  }

  async page(f: AuditFilter, page: number, pageSize: number) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (f.actor) add('actor_sub = ?', f.actor);
    if (f.uscc) add('uscc = ?', f.uscc);
    if (f.action) add('action = ?', f.action);
    if (f.from) add('at >= ?', f.from);
    if (f.to) add('at < ?', f.to);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT * FROM audit_log ${filter} ORDER BY id DESC LIMIT ? OFFSET ?`, [
        ...params,
        pageSize,
        (page - 1) * pageSize,
      ]) as Promise<AuditRow[]>,
      this.db.query(`SELECT COUNT(*) AS total FROM audit_log ${filter}`, params),
    ]);
    return { rows, total: Number(total) };
  }
}

function toRow(e: AuditEntry): unknown[] {
  return [
    e.at,
    e.actorSub,
    e.actorRole,
    e.actorRegion,
    e.action,
    e.resource,
    e.uscc,
    e.statusCode,
    e.requestId,
    e.clientRequestId,
    e.ip,
  ];
}
