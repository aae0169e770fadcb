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
  /** Ours: the UUID in the response's X-Request-Id and the request's log line. */
  requestId: string | null;
  /** The X-Request-Id the client sent, if any: theirs, unverified. */
  clientRequestId: string | null;
  ip: string | null;
}
