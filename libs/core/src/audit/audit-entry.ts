/** One row of audit_log. */
export interface AuditEntry {
  at: Date;
  actorSub: string;
  actorRole: string;
  actorRegion: string | null;
  action: string;
  resource: string | null;
  uscc: string | null;
  statusCode: number;
  requestId: string | null;
  ip: string | null;
}
