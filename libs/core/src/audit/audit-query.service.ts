import { periodBound } from '../http/period-bound';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page } from '../http/page-query.dto';
import { normalizeUscc } from '../values/uscc';
import { AuditQueryDto } from './dto/audit-query.dto';

export interface AuditEntryView {
  id: number;
  at: string;
  actor: { sub: string; role: string; region: string | null };
  action: string;
  resource: string | null;
  uscc: string | null;
  statusCode: number;
  requestId: string | null;
  /** The X-Request-Id the client sent, if any: theirs, not ours, unverified. */
  clientRequestId: string | null;
  ip: string | null;
}

interface AuditRow {
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

/** Reads of the audit trail for admins, newest first. */
@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.actor) {
      where.push('actor_sub = ?');
      params.push(q.actor);
    }
    if (q.uscc) {
      where.push('uscc = ?');
      params.push(normalizeUscc(q.uscc));
    }
    if (q.action) {
      where.push('action = ?');
      params.push(q.action);
    }
    if (q.from) {
      where.push('at >= ?');
      params.push(periodBound(q.from, 'from'));
    }
    if (q.to) {
      where.push('at < ?');
      params.push(periodBound(q.to, 'to'));
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT * FROM audit_log ${filter} ORDER BY id DESC LIMIT ? OFFSET ?`, [
        ...params,
        q.pageSize,
        (q.page - 1) * q.pageSize,
      ]) as Promise<AuditRow[]>,
      this.db.query(`SELECT COUNT(*) AS total FROM audit_log ${filter}`, params),
    ]);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total: Number(total) };
  }
}

function view(r: AuditRow): AuditEntryView {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: { sub: r.actor_sub, role: r.actor_role, region: r.actor_region },
    action: r.action,
    resource: r.resource,
    uscc: r.uscc,
    statusCode: r.status_code,
    requestId: r.request_id,
    clientRequestId: r.client_request_id,
    ip: r.ip,
  };
}
