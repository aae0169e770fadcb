import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller';
import { Clock } from '../values/clock';
import { isValidUscc, normalizeUscc } from '../values/uscc';
import { AUDIT_KEY, AuditSpec, AuditSubject } from './audit.decorator';
import { AuditEntry } from './audit-entry';
import { AuditWriter } from './audit-writer.service';

/** A client that hung up before the response was complete (nginx's convention). */
const CLIENT_CLOSED = 499;

/** Where the handler's result waits for the audit entry (set by the preSerialization hook). */
const RESULT = Symbol('audit result');

type AuditedRequest = FastifyRequest & { caller?: Caller; [RESULT]?: unknown };

/**
 * Global, registered after AccessGuard and the rate limit: for handlers marked
 * @Audit, writes one audit entry once the response is done, with the status
 * actually sent (errors included: a refused decision is audited too). It lets
 * every request through; requests refused by authentication, role or rate
 * checks never get here and appear in the request log.
 * A guard, not an interceptor: a global interceptor wraps every request of
 * every route in rxjs observables and async resources, measured at 50–90 µs of
 * CPU per request (docs/performance.md); this does the same with one listener.
 * The handler's result (for the id of something just created) is taken by a
 * Fastify preSerialization hook, which `registerResultCapture` adds.
 */
@Injectable()
export class AuditGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly writer: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** Keeps the result of audited handlers for their entry; called once, at boot. */
  static registerResultCapture(fastify: FastifyInstance): void {
    fastify.addHook('preSerialization', (req: AuditedRequest, _reply, payload, done) => {
      if (RESULT in req) req[RESULT] = payload;
      done(null, payload);
    });
  }

  canActivate(ctx: ExecutionContext): boolean {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, ctx.getHandler());
    if (!spec || ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<AuditedRequest>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const caller = req.caller;
    if (!caller) return true;
    const at = this.clock.now();
    req[RESULT] = undefined;
    reply.raw.once('close', () => {
      const subject: AuditSubject = {
        params: req.params as Record<string, string | undefined>,
        query: req.query as Record<string, unknown>,
        body: req.body,
        result: req[RESULT],
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
    return true;
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
    at: about.at,
    statusCode: about.statusCode,
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
