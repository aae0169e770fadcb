import { periodBound } from '../http/period-bound';
import { Injectable } from '@nestjs/common';
import { Page } from '../http/page-query.dto';
import { normalizeUscc } from '../values/uscc';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditRepository, AuditRow } from './audit.repository';

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

/** Reads of the audit trail for admins, newest first. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly audit: AuditRepository) {}

  async list(q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const { rows, total } = await this.audit.page(
      {
        actor: q.actor,
        uscc: q.uscc ? normalizeUscc(q.uscc) : undefined,
        action: q.action,
        from: q.from ? periodBound(q.from, 'from') : undefined,
        to: q.to ? periodBound(q.to, 'to') : undefined,
      },
      q.page,
      q.pageSize,
    );
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
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
