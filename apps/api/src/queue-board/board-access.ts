import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiErrorBody, AppConfig, Caller, TokenService } from '@app/core';
import { routeUnder } from '../route-path';
import { QUEUE_BOARD_PATH } from '../unprefixed-routes';

export const BOARD_COOKIE = 'crs_board';

/**
 * Admins only. The board is a browser page and a browser cannot add a bearer
 * header to a navigation, so besides `Authorization: Bearer` it accepts
 * `?token=<jwt>` once: the token moves into an HttpOnly, SameSite=Strict
 * cookie scoped to the board, and a redirect drops it from the address bar
 * (and so from the Referer of everything the page loads). The cookie is
 * verified on every request, so the JWT's own expiry ends the session.
 * Read-only unless QUEUE_BOARD_READ_ONLY=false.
 * A Fastify hook on every route under the board (the matched route, see route-path.ts), not a Nest route, so the
 * global AccessGuard never sees it.
 */
@Injectable()
export class BoardAccess {
  private readonly readOnly: boolean;

  constructor(
    private readonly tokens: TokenService,
    config: AppConfig,
  ) {
    this.readOnly = config.env.QUEUE_BOARD_READ_ONLY !== 'false';
  }

  register(fastify: FastifyInstance): void {
    const root = `/${QUEUE_BOARD_PATH}`;
    fastify.addHook('onRequest', async (req, reply) => {
      if (!routeUnder(req, root)) return;
      try {
        await this.check(req, reply);
      } catch (err) {
        // Answered here: errors inside the board's plugin would get bull-board's own shape.
        const body = apiErrorBody(err);
        await reply.status(body.statusCode).send(body);
      }
    });
  }

  private async check(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const query = req.query as Record<string, unknown>;
    const queryToken = typeof query.token === 'string' ? query.token : undefined;
    const token = bearer ?? queryToken ?? readCookie(req.headers.cookie, BOARD_COOKIE);
    if (!token) throw new UnauthorizedException('the queue board needs an admin token');
    assertAdmin(await this.tokens.verify(token));
    // Pausing a queue, adding, retrying or cleaning jobs changes what the workers do.
    if (this.readOnly && req.method !== 'GET' && req.method !== 'HEAD') {
      throw new ForbiddenException('the queue board is read-only (QUEUE_BOARD_READ_ONLY)');
    }

    if (!bearer && queryToken) {
      const secure = req.protocol === 'https' ? '; Secure' : '';
      void reply.header(
        'Set-Cookie',
        `${BOARD_COOKIE}=${queryToken}; Path=/${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict${secure}`,
      );
      if (req.method === 'GET' || req.method === 'HEAD') {
        await reply.redirect(withoutToken(req.url), 303);
      }
    }
  }
}

function assertAdmin(caller: Caller): void {
  if (caller.role !== 'admin') {
    throw new ForbiddenException(`role ${caller.role} may not open the queue board`);
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

function withoutToken(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://board.invalid');
  url.searchParams.delete('token');
  return url.pathname + url.search;
}
