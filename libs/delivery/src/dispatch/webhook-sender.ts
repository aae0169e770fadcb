import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { AppConfig } from '@app/core';

export type SendResult = { ok: true } | { ok: false; error: string };

/**
 * One signed POST per the Standard Webhooks specification: `webhook-id` (the
 * event id, the partner's idempotency key), `webhook-timestamp` (seconds, wall
 * clock: partners refuse stale ones) and `webhook-signature`, one `v1,…` per
 * secret in force (two while a rotated secret's grace runs). Redirects are not
 * followed: the subscribed URL is the only place events go.
 */
@Injectable()
export class WebhookSender {
  private readonly signers = new Map<string, Webhook>();

  constructor(private readonly config: AppConfig) {}

  async send(url: string, secrets: string[], eventId: string, body: string): Promise<SendResult> {
    const at = new Date();
    const signature = secrets.map((s) => this.signer(s).sign(eventId, at, body)).join(' ');
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'credit-risk-service partner delivery',
          'webhook-id': eventId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.env.DELIVERY_TIMEOUT_MS),
      });
      await res.body?.cancel(); // the answer's body is not read; free the connection
      return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      return { ok: false, error: err.cause?.code ?? err.name ?? String(e) };
    }
  }

  private signer(secret: string): Webhook {
    let w = this.signers.get(secret);
    if (!w) {
      if (this.signers.size > 1000) this.signers.clear();
      this.signers.set(secret, (w = new Webhook(secret)));
    }
    return w;
  }
}
