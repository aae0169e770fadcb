import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import type { Caller } from '../auth/caller';
import { Clock } from '../values/clock';
import { isValidUscc, normalizeUscc } from '../values/uscc';
import { AUDIT_KEY, AuditSpec, AuditSubject } from './audit.decorator';
import { AuditEntry } from './audit-entry';
import { AuditWriter } from './audit-writer.service';

/** A client that hung up before the response was complete (nginx's convention). */
const CLIENT_CLOSED = 499;

/**
 * Global: for handlers marked @Audit, queues one audit entry when the response
 * is done, with the status actually sent (errors included: a refused decision
 * is audited too). Guards run first, so an audited handler always has a caller;
 * requests refused by authentication or role checks appear in the request log.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly writer: AuditWriter,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, ctx.getHandler());
    if (!spec || ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const at = this.clock.now();
    let result: unknown;
    reply.raw.once('close', () => {
      const caller = req.caller;
      if (!caller) return;
      const subject: AuditSubject = {
        params: req.params as Record<string, string | undefined>,
        query: req.query as Record<string, unknown>,
        body: req.body,
        result,
      };
      this.writer.add(
        toEntry(spec, subject, caller, {
          at,
          statusCode: reply.raw.writableFinished ? reply.statusCode : CLIENT_CLOSED,
          requestId: String(req.id),
          ip: req.ip ?? null,
        }),
      );
    });
    return next.handle().pipe(tap((r) => (result = r)));
  }
}

function toEntry(
  spec: AuditSpec,
  s: AuditSubject,
  caller: Caller,
  about: Pick<AuditEntry, 'at' | 'statusCode' | 'requestId' | 'ip'>,
): AuditEntry {
  const resource = spec.resource
    ? spec.resource(s)
    : (s.params.uscc ?? s.params.id ?? (s.result as { id?: unknown } | undefined)?.id);
  return {
    ...about,
    actorSub: caller.sub.slice(0, 100),
    actorRole: caller.role,
    actorRegion: caller.region ?? null,
    action: spec.action,
    resource: resource === undefined || resource === null ? null : String(resource).slice(0, 100),
    uscc: usccOf(s),
    requestId: about.requestId?.slice(0, 64) ?? null,
    ip: about.ip?.slice(0, 45) ?? null,
  };
}

/** The enterprise concerned, when there is one: from the path, the result or the body. */
function usccOf(s: AuditSubject): string | null {
  const candidates = [
    s.params.uscc,
    (s.result as { uscc?: unknown } | undefined)?.uscc,
    (s.body as { uscc?: unknown } | undefined)?.uscc,
  ];
  for (const c of candidates) {
    if (typeof c === 'string' && isValidUscc(c)) return normalizeUscc(c);
  }
  return null;
}
