import { createServer, IncomingMessage, Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { freePort } from './free-port';

export interface ReceivedEvent {
  id: string;
  type: string;
  enterprise: { uscc: string };
}

/**
 * A partner's endpoint on loopback, as a partner would write it: it verifies
 * each delivery's signature with the `standardwebhooks` library (401 when it
 * does not verify) and accepts each event id once (a repeat is answered 200
 * and ignored). `failFirst` answers 503 to that many deliveries; `stop()` and
 * `start()` take it down and bring it back on the same port.
 */
export class WebhookReceiver {
  secret = '';
  failFirst = 0;
  /** How long each answer takes (a slow partner). */
  delayMs = 0;
  requests = 0;
  refused = 0;
  duplicates = 0;
  readonly accepted = new Map<string, ReceivedEvent>();
  /** Per enterprise, event ids in the order first accepted. */
  readonly order = new Map<string, string[]>();
  /** The last delivery as received, to show what a tampered copy does. */
  last?: { body: string; headers: Record<string, string> };
  private server?: Server;

  private constructor(readonly port: number) {}

  static async create(up = true): Promise<WebhookReceiver> {
    const r = new WebhookReceiver(await freePort());
    if (up) await r.start();
    return r;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/credit`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((status) => {
        res.writeHead(status).end();
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The library's verification of a delivery as received (throws when it does not verify). */
  verify(body: string, headers: Record<string, string>): ReceivedEvent {
    return new Webhook(this.secret).verify(body, headers) as ReceivedEvent;
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.requests++;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failFirst > 0) {
      this.failFirst--;
      return 503;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = req.headers as Record<string, string>;
    let event: ReceivedEvent;
    try {
      event = this.verify(body, headers);
      this.last = { body, headers };
    } catch {
      this.refused++;
      return 401;
    }
    if (event.id !== req.headers['webhook-id']) return 400;
    if (this.accepted.has(event.id)) {
      this.duplicates++;
      return 200;
    }
    this.accepted.set(event.id, event);
    const list = this.order.get(event.enterprise.uscc) ?? [];
    list.push(event.id);
    this.order.set(event.enterprise.uscc, list);
    return 200;
  }
}
