import {
  CanActivate,
  ExecutionContext,
  Injectable,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller';
import { Clock } from '../values/clock';
import { canonicalUscc } from '../values/uscc';
import { CachingReflector } from '../http/caching-reflector';
import { parseId } from '../http/id.pipe';
import { clientRequestIdOf } from '../http/request-id';
import { AUDIT_KEY, AuditSpec, AuditSubject } from './audit.decorator';
import { AuditEntry } from './audit-entry';
import { AuditWriter } from './audit-writer.service';

/** A client that hung up before the response was complete (nginx's convention). */
const CLIENT_CLOSED = 499;

/** What the guard notes on an audited request for the hooks that write its entry. */
const PENDING = Symbol('audit pending');

interface Pending {
  spec: AuditSpec;
  caller: Caller;
  at: Date;
  /** The handler's result (for the id of something just created), from preSerialization. */
  result?: unknown;
}

type AuditedRequest = FastifyRequest & { caller?: Caller; [PENDING]?: Pending };

/**
 * Global, registered after AccessGuard and the rate limit: notes requests to
 * handlers marked @Audit, and the hooks `register` adds write one audit entry
 * each once the response is done, with the status actually sent (errors
 * included: a refused decision is audited too), or 499 when the client hung
 * up first. It lets every request through; requests refused by
 * authentication, role or rate checks never get here and appear in the
 * request log.
 * A guard and Fastify hooks, not an interceptor and a listener per request: a
 * global interceptor wraps every request of every route in rxjs observables
 * and async resources (50–90 µs of CPU each), and a `close` listener per
 * request costs more than the entry (docs/performance.md).
 */
@Injectable()
export class AuditGuard implements CanActivate {
  private readonly logger = new Logger(AuditGuard.name);
  private lastRefusalLog = 0;

  constructor(
    private readonly reflector: CachingReflector,
    private readonly clock: Clock,
    private readonly writer: AuditWriter,
  ) {}

  /** Adds the hooks that write the entries of noted requests; called once, at boot. */
  static register(fastify: FastifyInstance, writer: AuditWriter): void {
    fastify.addHook('preSerialization', (req: AuditedRequest, _reply, payload, done) => {
      const pending = req[PENDING];
      if (pending) pending.result = payload;
      done(null, payload);
    });
    const write = (req: AuditedRequest, statusCode: number) => {
      const pending = req[PENDING];
      if (!pending) return;
      req[PENDING] = undefined;
      writer.add(toEntry(pending, statusCode, req));
    };
    fastify.addHook('onResponse', (req: AuditedRequest, reply, done) => {
      write(req, reply.statusCode);
      done();
    });
    fastify.addHook('onRequestAbort', (req: AuditedRequest, done) => {
      write(req, CLIENT_CLOSED);
      done();
    });
  }

  canActivate(ctx: ExecutionContext): boolean {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, ctx.getHandler());
    if (!spec || ctx.getType() !== 'http') return true;
    // An audited read or decision must not happen without its entry: while
    // the trail cannot be written and its buffer is full, refuse, never drop.
    if (this.writer.full) this.refuse();
    const req = ctx.switchToHttp().getRequest<AuditedRequest>();
    if (req.caller) req[PENDING] = { spec, caller: req.caller, at: this.clock.now() };
    return true;
  }
  private refuse(): never {
    if (Date.now() - this.lastRefusalLog > 10_000) {
      this.lastRefusalLog = Date.now();
      this.logger.error(
        `audited requests refused: ${this.writer.pending} audit entries wait for MySQL (AUDIT_MAX_BUFFERED)`,
      );
    }
    throw new ServiceUnavailableException({
      message: 'the audit trail cannot be written right now; retry later',
      retryAfter: 5,
    });
  }
}

function toEntry(
  { spec, caller, at, result }: Pending,
  statusCode: number,
  req: AuditedRequest,
): AuditEntry {
  const s: AuditSubject = {
    params: canonicalParams(req.params as Record<string, string | undefined>),
    query: req.query as Record<string, unknown>,
    body: req.body,
    result,
  };
  const resource = spec.resource
    ? spec.resource(s)
    : (s.params.uscc ?? s.params.id ?? (s.result as { id?: unknown } | undefined)?.id);
  return {
    at,
    statusCode,
    actorSub: caller.sub.slice(0, 100),
    actorRole: caller.role,
    actorRegion: caller.region ?? null,
    action: spec.action,
    resource: resource === undefined || resource === null ? null : String(resource).slice(0, 100),
    uscc: usccOf(s),
    requestId: String(req.id).slice(0, 64),
    clientRequestId: clientRequestIdOf(req.headers['x-request-id']),
    ip: req.ip?.slice(0, 45) ?? null,
  };
}

/**
 * Path parameters as the route's pipes read them, so one resource is one
 * string in the trail: a USCC normalised like UsccPipe (NFKC, trimmed of BOMs
 * and spaces, upper case), an id in decimal digits. The guard runs before the
 * pipes, so it sees the value as sent; a value the pipe refuses (the request
 * is answered 400) is recorded as null, its raw form being in the request
 * log under the same request id.
 */
function canonicalParams(params: Record<string, string | undefined>) {
  const out = { ...params };
  if (out.uscc !== undefined) out.uscc = canonicalUscc(out.uscc) ?? undefined;
  if (out.id !== undefined) out.id = parseId(out.id)?.toString();
  return out;
}

/** The enterprise concerned, when there is one: from the path, the result or the body. */
function usccOf(s: AuditSubject): string | null {
  const candidates = [
    s.params.uscc,
    (s.result as { uscc?: unknown } | undefined)?.uscc,
    (s.body as { uscc?: unknown } | undefined)?.uscc,
  ];
  for (const c of candidates) {
    const uscc = canonicalUscc(c);
    if (uscc) return uscc;
  }
  return null;
}
