import {
  ForbiddenException,
  Injectable,
  NestMiddleware,
  UnauthorizedException,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Caller, TokenService } from '@app/core';
import { QUEUE_BOARD_PATH } from '../unprefixed-routes';

export const BOARD_COOKIE = 'crs_board';

/**
 * Admins only. The board is a browser page and a browser cannot add a bearer
 * header to a navigation, so besides `Authorization: Bearer` it accepts
 * `?token=<jwt>` once: the token moves into an HttpOnly, SameSite=Strict
 * cookie scoped to the board, and a redirect drops it from the address bar
 * (and so from the Referer of everything the page loads). The cookie is
 * verified on every request, so the JWT's own expiry ends the session.
 * This is middleware, not a Nest route, so the global AccessGuard never sees it.
 */
@Injectable()
export class BoardAccessMiddleware implements NestMiddleware {
  constructor(private readonly tokens: TokenService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const queryToken = typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = bearer ?? queryToken ?? readCookie(req.headers.cookie, BOARD_COOKIE);
    if (!token) throw new UnauthorizedException('the queue board needs an admin token');
    assertAdmin(this.tokens.verify(token));

    if (!bearer && queryToken) {
      res.cookie(BOARD_COOKIE, queryToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: `/${QUEUE_BOARD_PATH}`,
      });
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.redirect(303, withoutToken(req.originalUrl));
        return;
      }
    }
    next();
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
