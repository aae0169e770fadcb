import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from 'oidc-provider';
import { AppConfig } from '@app/core';
import { IDP_PATH } from '../constants';
import { EmbeddedProvider } from './embedded-provider';
import { LoginThrottle } from './login-throttle';
import { errorPage, loginPage, type LoginForm, type Page } from './pages';
import { DEVELOPMENT_PASSWORD, hashPassword, verifyPassword } from './password';

const INTERACTION = new RegExp(`^${IDP_PATH}/interaction/([\\w-]{1,64})(/login)?$`);
/** A sign-in form is two short fields: anything longer is not one. */
const MAX_FORM_BYTES = 4096;

const WRONG = {
  zh: '账号或密码不正确。',
  en: 'The account or password is not correct.',
};

/**
 * The provider's sign-in page (its "interaction"): a form for account and
 * password, checked against config/identity/accounts.yaml. Wrong passwords
 * and unknown accounts get the same answer in the same time; after
 * IDP_LOCKOUT_AFTER failures an account waits before each next attempt.
 * Passwords are never logged: this handler logs account names only.
 */
@Injectable()
export class SignInPage {
  private readonly logger = new Logger(SignInPage.name);
  private readonly throttle: LoginThrottle;
  private readonly production: boolean;
  /** Compared against for unknown accounts, so they take as long as known ones. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly idp: EmbeddedProvider,
    config: AppConfig,
  ) {
    this.throttle = new LoginThrottle(config.env.IDP_LOCKOUT_AFTER);
    this.production = config.env.NODE_ENV === 'production';
    this.decoyHash = hashPassword('decoy');
  }

  /** Whether `url` is the sign-in page's (else the provider serves it). */
  static owns(url: string): boolean {
    return INTERACTION.test(url.split('?', 1)[0]);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [, uid, login] = INTERACTION.exec(req.url!.split('?', 1)[0])!;
    const provider = this.idp.instance;
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid)
        return send(res, 400, errorPage('invalid_request', 'interaction mismatch'));
      const clientId = String(details.params.client_id);
      const client = this.idp.directory.clients.find((c) => c.clientId === clientId);
      const form: LoginForm = {
        action: `${IDP_PATH}/interaction/${uid}/login`,
        clientName: client?.name ?? clientId,
        developmentHint: this.production
          ? undefined
          : `开发环境 Development: admin, reg-33, reg-3301, reg-330106, reg-4403, ent-91330106MA2B3C4D5D … / ${DEVELOPMENT_PASSWORD}`,
      };
      if (req.method === 'GET' && !login) return send(res, 200, loginPage(form));
      if (req.method !== 'POST' || !login) return send(res, 405, errorPage('method_not_allowed'));

      const fields = await readForm(req);
      const username = (fields.get('username') ?? '').trim();
      const password = fields.get('password') ?? '';
      const waitMs = this.throttle.waitMs(username);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        res.setHeader('Retry-After', String(seconds));
        return send(
          res,
          429,
          loginPage({
            ...form,
            username,
            error: {
              zh: `尝试次数过多，请 ${seconds} 秒后再试。`,
              en: `Too many attempts: try again in ${seconds} s.`,
            },
          }),
        );
      }
      const account = this.idp.directory.accounts.get(username);
      const ok = await verifyPassword(password, account?.passwordHash ?? (await this.decoyHash));
      if (!account || !ok) {
        this.throttle.failed(username);
        this.logger.warn(`sign-in failed for account name "${username.slice(0, 64)}"`);
        return send(res, 401, loginPage({ ...form, username, error: WRONG }));
      }
      this.throttle.succeeded(username);
      this.logger.log(`signed in: ${username}`);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.username } },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      if (err instanceof errors.SessionNotFound || err instanceof FormTooLarge) {
        return send(
          res,
          400,
          errorPage('invalid_request', '登录已超时，请重新开始 / the sign-in expired, start again'),
        );
      }
      this.logger.error(`sign-in page: ${(err as Error).message}`);
      send(res, 500, errorPage('server_error'));
    }
  }
}

class FormTooLarge extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new FormTooLarge();
  }
  return new URLSearchParams(body);
}

function send(res: ServerResponse, status: number, page: Page): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': page.csp,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(page.html);
}
