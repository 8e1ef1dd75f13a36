/**
 * A stand-in for Stripe, for the local stack and tests only (never deployed): no Stripe server is
 * reachable here and no npm package serves a usable mock. The real `stripe` SDK talks to it
 * through its `host`/`port`/`protocol` options. It implements exactly the calls the portal makes:
 * - `POST /v1/checkout/sessions` (idempotency keys as Stripe honours them), `GET
 *   /v1/checkout/sessions/{id}` (with `expand`), both on a connected account (`Stripe-Account`);
 * - a hosted checkout page with one button per outcome (card, declined, ACH that settles or
 *   fails, Affirm, Klarna, expire), which sends signed webhooks (the SDK's own test-header helper)
 *   and then redirects to the success URL;
 * - `POST /v1/checkout/sessions/{id}/expire` (only an open one; `checkout.session.expired` follows);
 * - `POST /v1/refunds` (part of a paid payment, once per idempotency key; `charge.refunded` follows);
 * - `GET /v1/payment_intents/{id}` (with its latest charge: refunded amount, dispute);
 * - Connect onboarding: `POST /v1/accounts`, `GET /v1/accounts/{id}`, `POST /v1/account_links`,
 *   a hosted onboarding page whose button sends `account.updated` (charges enabled);
 * - test controls: `POST /dev/stripe/complete` `{ url, outcome, deliveries?, reversed? }`,
 *   `POST /dev/stripe/refund` `{ checkoutId, amount?, deliveries? }` and `POST /dev/stripe/dispute` `{ checkoutId }`;
 * - a stand-in Stripe.js with the Payment Method Messaging Element and Affirm's pre-qualification
 *   (stripe-messaging-sandbox.ts), from the sandbox's own origin as Stripe.js is from js.stripe.com.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { serveMessagingStandIn } from './stripe-messaging-sandbox';

export const sandboxOutcomes = ['card', 'declined', 'ach_succeeded', 'ach_failed', 'affirm', 'klarna', 'expire'] as const;
export type SandboxOutcome = (typeof sandboxOutcomes)[number];

interface SandboxSession {
  id: string;
  account: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  amount_total: number;
  currency: string;
  line_items: { name: string; amount: number }[];
  allowed_payment_method_types: string[];
  metadata: Record<string, string>;
  client_reference_id: string | null;
  customer_email: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  application_fee_amount: number;
  payment_intent: { id: string; method: string; status: 'processing' | 'succeeded' | 'requires_payment_method'; amount_refunded?: number; disputed?: boolean } | null;
  created: number;
}

interface SentEvent {
  id: string;
  type: string;
  account: string;
  sessionId: string;
  deliveries: number;
  statuses: number[];
  /** How long each delivery took to be answered (ms). */
  latenciesMs: number[];
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

/** A Connect event as Stripe sends it: about `object`, on the connected `account`, in test mode. */
const eventOf = <O extends { id: string }>(type: string, account: string, object: O) => ({
  id: id('evt'),
  object: 'event',
  api_version: Stripe.API_VERSION,
  created: Math.floor(Date.now() / 1000),
  type,
  account,
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  data: { object },
});

/** Stripe's form encoding (`line_items[0][price_data][currency]=usd`) back into objects and arrays. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

export interface StripeSandboxOptions {
  webhookSecret: string;
  /** Where Stripe would POST its Connect webhook: the portal's `/api/stripe/webhook`. */
  webhookUrl: () => string;
  /** Connected accounts that exist and can take charges from the start (the demo business's). */
  accounts: Set<string>;
  /**
   * A bank debit confirmed on the hosted page settles this long after (3 s by default, so `npm start`
   * shows "on its way" then "received"); null: only when `settleBankDebits()` is called (a browser
   * test that must see "on its way" first, with no timer to race).
   */
  achSettleMs?: number | null;
}

export class StripeSandbox {
  readonly sessions = new Map<string, SandboxSession>();
  /** Connected accounts: the demo's (able to take charges) and those made through onboarding. */
  readonly accounts = new Map<string, { chargesEnabled: boolean; metadata: Record<string, string> }>();
  readonly events: SentEvent[] = [];
  private readonly idempotency = new Map<string, { params: string; sessionId: string }>();
  private readonly refunds = new Map<string, Record<string, unknown>>();
  /** Refunds made through the API (the portal's own, e.g. of a duplicate payment), oldest first. */
  readonly refundsMade: Record<string, unknown>[] = [];
  /** Webhooks sent after the request that caused them has answered (an expiry, a refund, an ACH debit settling). */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Bank debits confirmed on the hosted page and not settled yet, by session: how to settle each now. */
  private readonly unsettledDebits = new Map<string, () => Promise<void>>();
  private server: Server | undefined;
  origin = '';

  constructor(private readonly options: StripeSandboxOptions) {
    for (const account of options.accounts) this.accounts.set(account, { chargesEnabled: true, metadata: {} });
  }

  async start(): Promise<{ host: string; port: number; protocol: 'http' }> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('[stripe sandbox]', error instanceof Error ? error.stack : error);
        if (!res.headersSent) json(res, 500, { error: { type: 'api_error', message: 'The sandbox failed.' } });
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', () => done()));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://localhost:${port}`;
    return { host: 'localhost', port, protocol: 'http' };
  }

  /**
   * Resolves once every webhook the sandbox sent on its own (after answering the request that caused
   * it) has been answered by the portal: the local stack's `drainQueues` waits for this first, so a
   * test never finds the queues idle while Stripe's message is still on its way.
   */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Settles every bank debit confirmed on the hosted page that has not settled yet, and waits until
   * the portal has Stripe's word of each; says how many there were.
   */
  async settleBankDebits(): Promise<number> {
    const settles = [...this.unsettledDebits.values()];
    for (const settle of settles) await settle();
    return settles.length;
  }

  /** Nothing sent on its own still on its way. */
  idle(): boolean {
    return this.inFlight.size === 0;
  }

  /** Sends `events` without holding up the request that caused them, as Stripe does; `settled` waits for it. */
  private sendLater(what: string, events: Parameters<StripeSandbox['send']>[0], how: { deliveries: number; reversed: boolean }): void {
    const sending: Promise<unknown> = this.send(events, how)
      .catch((e: unknown) => console.error(`[stripe sandbox] ${what}`, e))
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /** The stand-in Stripe.js (stripe-messaging-sandbox.ts): what the local stack hands the page. */
  get stripeJsUrl(): string {
    return `${this.origin}/v3/stripe.js`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((done) => this.server!.close(() => done()));
    this.server.closeAllConnections();
  }

  /** Serves the API and the hosted pages; the portal's gateway also forwards `/dev/stripe/*` here. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = method === 'POST' ? await readAll(req) : '';
    const account = String(req.headers['stripe-account'] ?? '');
    if (method === 'GET' && serveMessagingStandIn(res, url, this.origin)) return;

    if (method === 'POST' && url.pathname === '/v1/checkout/sessions') return this.createSession(res, account, String(req.headers['idempotency-key'] ?? ''), body);
    const sessionPath = /^\/v1\/checkout\/sessions\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (method === 'GET' && sessionPath) {
      const session = this.sessions.get(sessionPath[1]!);
      if (!session || session.account !== account) return stripeError(res, 404, 'resource_missing', `No such checkout.session: '${sessionPath[1]}'`);
      return json(res, 200, this.sessionObject(session, url.searchParams.getAll('expand[]').concat(url.searchParams.getAll('expand[0]'))));
    }
    if (method === 'POST' && url.pathname === '/v1/accounts') {
      const p = parseStripeForm(body) as { type?: string; metadata?: Record<string, string> };
      const key = String(req.headers['idempotency-key'] ?? '');
      const seen = key ? this.idempotency.get(`platform\n${key}`) : undefined;
      const accountId = seen?.sessionId ?? id('acct');
      if (!seen) {
        this.accounts.set(accountId, { chargesEnabled: false, metadata: p.metadata ?? {} });
        if (key) this.idempotency.set(`platform\n${key}`, { params: body, sessionId: accountId });
      }
      return json(res, 200, this.accountObject(accountId));
    }
    const accountPath = /^\/v1\/accounts\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (method === 'GET' && accountPath) {
      if (!this.accounts.has(accountPath[1]!)) return stripeError(res, 404, 'resource_missing', `No such account: '${accountPath[1]}'`);
      return json(res, 200, this.accountObject(accountPath[1]!));
    }
    if (method === 'POST' && url.pathname === '/v1/account_links') {
      const p = parseStripeForm(body) as { account?: string; return_url?: string; refresh_url?: string };
      if (!p.account || !this.accounts.has(p.account) || !p.return_url || !p.refresh_url) return stripeError(res, 400, 'parameter_missing', 'account, return_url and refresh_url are required.');
      const link = `${this.origin}/onboarding/${p.account}?return_url=${encodeURIComponent(p.return_url)}`;
      return json(res, 200, { object: 'account_link', url: link, created: Math.floor(Date.now() / 1000), expires_at: Math.floor(Date.now() / 1000) + 300 });
    }
    const onboarding = /^\/onboarding\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (onboarding && this.accounts.has(onboarding[1]!)) {
      if (method === 'POST') {
        await this.onboard(onboarding[1]!);
        return redirect(res, url.searchParams.get('return_url') ?? '/');
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe sandbox onboarding</title></head><body style="font:16px system-ui,sans-serif;max-width:34rem;margin:2rem auto"><p>Local Stripe sandbox: no real account is made.</p><h1>Connect your business to Stripe</h1><form method="post"><button type="submit">Complete onboarding</button></form></body></html>`);
      return;
    }
    if (method === 'POST' && url.pathname === '/dev/stripe/onboard') {
      const input = JSON.parse(body || '{}') as { account?: string };
      if (!input.account || !this.accounts.has(input.account)) return json(res, 404, { error: 'No such account.' });
      return json(res, 200, { events: await this.onboard(input.account) });
    }
    const intentPath = /^\/v1\/payment_intents\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (method === 'GET' && intentPath) {
      const session = [...this.sessions.values()].find((s) => s.payment_intent?.id === intentPath[1]);
      if (!session || session.account !== account) return stripeError(res, 404, 'resource_missing', `No such payment_intent: '${intentPath[1]}'`);
      return json(res, 200, this.intentObject(session));
    }
    const page = /^\/checkout\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (method === 'GET' && page) return this.checkoutPage(res, page[1]!, url.searchParams.get('declined') === '1');
    const pay = /^\/checkout\/([A-Za-z0-9_]+)\/pay$/.exec(url.pathname);
    if (method === 'POST' && pay) {
      const outcome = new URLSearchParams(body).get('outcome') as SandboxOutcome;
      const session = this.sessions.get(pay[1]!);
      if (!session || !sandboxOutcomes.includes(outcome)) return text(res, 404, 'No such checkout.');
      const achSettleMs = this.options.achSettleMs === undefined ? 3000 : this.options.achSettleMs;
      const result = await this.complete(session, outcome, { deliveries: 1, reversed: false, settleAfterMs: achSettleMs });
      if (result.settleNow) this.unsettledDebits.set(session.id, result.settleNow);
      if (outcome === 'declined') return redirect(res, `/checkout/${session.id}?declined=1`);
      return redirect(res, result.redirect);
    }
    const expirePath = /^\/v1\/checkout\/sessions\/([A-Za-z0-9_]+)\/expire$/.exec(url.pathname);
    if (method === 'POST' && expirePath) {
      const session = this.sessions.get(expirePath[1]!);
      if (!session || session.account !== account) return stripeError(res, 404, 'resource_missing', `No such checkout.session: '${expirePath[1]}'`);
      if (session.status !== 'open') return stripeError(res, 400, 'checkout_session_not_open', 'Only Checkout Sessions with a status in ["open"] can be expired.');
      session.status = 'expired';
      // Stripe tells the webhook afterwards, as it does for any expiry.
      this.sendLater('expire', [this.event('checkout.session.expired', session)], { deliveries: 1, reversed: false });
      return json(res, 200, this.sessionObject(session, []));
    }
    if (method === 'POST' && url.pathname === '/v1/refunds') {
      const key = `${account}\nrefund\n${String(req.headers['idempotency-key'] ?? '')}`;
      const seen = req.headers['idempotency-key'] ? this.refunds.get(key) : undefined;
      if (seen) return json(res, 200, seen);
      const p = parseStripeForm(body) as { payment_intent?: string; amount?: string; reason?: string; metadata?: Record<string, string> };
      const session = [...this.sessions.values()].find((s) => s.account === account && s.payment_intent?.id === p.payment_intent);
      const intent = session?.payment_intent;
      if (!session || !intent || session.payment_status !== 'paid') return stripeError(res, 400, 'resource_missing', `No such payment_intent: '${p.payment_intent}'`);
      const amount = Number(p.amount ?? session.amount_total - (intent.amount_refunded ?? 0));
      if (!Number.isInteger(amount) || amount <= 0 || (intent.amount_refunded ?? 0) + amount > session.amount_total) return stripeError(res, 400, 'amount_too_large', 'Refund amount is greater than the unrefunded amount on the charge.');
      intent.amount_refunded = (intent.amount_refunded ?? 0) + amount;
      const refund = { id: id('re'), object: 'refund', amount, currency: session.currency, payment_intent: intent.id, reason: p.reason ?? null, metadata: p.metadata ?? {}, status: 'succeeded' };
      this.refunds.set(key, refund);
      this.refundsMade.push(refund);
      this.sendLater('refund', [this.chargeEvent('charge.refunded', session)], { deliveries: 1, reversed: false });
      return json(res, 200, refund);
    }
    if (method === 'POST' && url.pathname === '/dev/stripe/complete') {
      const input = JSON.parse(body || '{}') as { url?: string; outcome?: SandboxOutcome; deliveries?: number; reversed?: boolean };
      const session = input.url ? this.sessionAt(input.url) : undefined;
      if (!session) return json(res, 404, { error: 'No checkout at that url.' });
      if (!input.outcome || !sandboxOutcomes.includes(input.outcome)) return json(res, 400, { error: `outcome must be one of ${sandboxOutcomes.join(', ')}` });
      const deliveries = Math.min(Math.max(1, Math.floor(input.deliveries ?? 1)), 50);
      const result = await this.complete(session, input.outcome, { deliveries, reversed: input.reversed === true, settleAfterMs: 0 });
      return json(res, 200, result);
    }
    if (method === 'POST' && (url.pathname === '/dev/stripe/refund' || url.pathname === '/dev/stripe/dispute')) {
      const input = JSON.parse(body || '{}') as { checkoutId?: string; amount?: number; deliveries?: number };
      const session = [...this.sessions.values()].find((s) => s.metadata.checkoutId === input.checkoutId);
      const intent = session?.payment_intent;
      if (!session || !intent || session.payment_status !== 'paid') return json(res, 404, { error: 'No paid checkout with that checkoutId.' });
      const how = { deliveries: Math.min(Math.max(1, Math.floor(input.deliveries ?? 1)), 50), reversed: false };
      if (url.pathname === '/dev/stripe/refund') {
        const amount = Math.floor(input.amount ?? session.amount_total - (intent.amount_refunded ?? 0));
        if (amount <= 0 || (intent.amount_refunded ?? 0) + amount > session.amount_total) return json(res, 400, { error: 'amount must be between 1 and what is left to refund' });
        intent.amount_refunded = (intent.amount_refunded ?? 0) + amount;
        return json(res, 200, { events: await this.send([this.chargeEvent('charge.refunded', session)], how) });
      }
      intent.disputed = true;
      return json(res, 200, { events: await this.send([this.chargeEvent('charge.dispute.created', session)], how) });
    }
    return stripeError(res, 404, 'resource_missing', `Unrecognized request URL (${method}: ${url.pathname}).`);
  }

  private accountObject(accountId: string) {
    const account = this.accounts.get(accountId)!;
    return { id: accountId, object: 'account', type: 'standard', charges_enabled: account.chargesEnabled, payouts_enabled: account.chargesEnabled, details_submitted: account.chargesEnabled, metadata: account.metadata };
  }

  /** The business finished Stripe's onboarding: the account can take charges, and Stripe says so. */
  private async onboard(accountId: string): Promise<string[]> {
    this.accounts.get(accountId)!.chargesEnabled = true;
    return this.send([eventOf('account.updated', accountId, this.accountObject(accountId))], { deliveries: 1, reversed: false });
  }

  private intentObject(s: SandboxSession) {
    const intent = s.payment_intent!;
    return {
      id: intent.id,
      object: 'payment_intent',
      status: intent.status,
      amount: s.amount_total,
      currency: s.currency,
      metadata: s.metadata,
      latest_charge: { id: `ch_${intent.id.slice(3)}`, object: 'charge', payment_intent: intent.id, amount: s.amount_total, amount_refunded: intent.amount_refunded ?? 0, disputed: intent.disputed ?? false, refunded: (intent.amount_refunded ?? 0) >= s.amount_total, metadata: {} },
    };
  }

  /** Refunds and disputes are events about the charge (its metadata empty: the PaymentIntent has ours). */
  private chargeEvent(type: string, session: SandboxSession) {
    const charge = this.intentObject(session).latest_charge;
    const object = type.startsWith('charge.dispute') ? { id: id('dp'), object: 'dispute', charge: charge.id, payment_intent: charge.payment_intent, metadata: {} } : charge;
    return eventOf(type, session.account, object);
  }

  /** The session behind a hosted checkout URL. */
  sessionAt(url: string): SandboxSession | undefined {
    return [...this.sessions.values()].find((s) => url.endsWith(`/checkout/${s.id}`));
  }

  private createSession(res: ServerResponse, account: string, idempotencyKey: string, body: string) {
    if (!this.accounts.get(account)?.chargesEnabled) return stripeError(res, 403, 'account_invalid', 'The provided key does not have access to account (or that account does not exist).');
    if (idempotencyKey) {
      const seen = this.idempotency.get(`${account}\n${idempotencyKey}`);
      if (seen && seen.params !== body) return stripeError(res, 400, 'idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.', 'idempotency_error');
      if (seen) return json(res, 200, this.sessionObject(this.sessions.get(seen.sessionId)!, []));
    }
    const p = parseStripeForm(body) as {
      mode?: string; success_url?: string; cancel_url?: string; expires_at?: string; customer_email?: string; client_reference_id?: string;
      line_items?: { quantity?: string; price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } } }[];
      allowed_payment_method_types?: string[]; metadata?: Record<string, string>; payment_intent_data?: { application_fee_amount?: string };
    };
    if (p.mode !== 'payment' || !p.success_url || !p.cancel_url || !p.line_items?.length) return stripeError(res, 400, 'parameter_missing', 'mode=payment, success_url, cancel_url and line_items are required.');
    const currencies = new Set(p.line_items.map((l) => l.price_data?.currency));
    if (currencies.size !== 1) return stripeError(res, 400, 'parameter_invalid', 'All line items must share one currency.');
    const lines = p.line_items.map((l) => ({ name: l.price_data?.product_data?.name ?? '', amount: Number(l.price_data?.unit_amount) * Number(l.quantity ?? 1) }));
    if (lines.some((l) => !Number.isInteger(l.amount) || l.amount <= 0)) return stripeError(res, 400, 'parameter_invalid', 'Each line needs a positive integer unit_amount.');
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = Number(p.expires_at ?? now + 24 * 3600);
    if (expiresAt < now + 30 * 60 - 60 || expiresAt > now + 24 * 3600) return stripeError(res, 400, 'parameter_invalid', 'expires_at must be between 30 minutes and 24 hours from now.');
    const session: SandboxSession = {
      id: id('cs'),
      account,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: lines.reduce((sum, l) => sum + l.amount, 0),
      currency: [...currencies][0]!,
      line_items: lines,
      allowed_payment_method_types: p.allowed_payment_method_types ?? ['card'],
      metadata: p.metadata ?? {},
      client_reference_id: p.client_reference_id ?? null,
      customer_email: p.customer_email ?? null,
      success_url: p.success_url,
      cancel_url: p.cancel_url,
      expires_at: expiresAt,
      application_fee_amount: Number(p.payment_intent_data?.application_fee_amount ?? 0),
      payment_intent: null,
      created: now,
    };
    this.sessions.set(session.id, session);
    if (idempotencyKey) this.idempotency.set(`${account}\n${idempotencyKey}`, { params: body, sessionId: session.id });
    return json(res, 200, this.sessionObject(session, []));
  }

  private sessionObject(s: SandboxSession, expand: string[]) {
    const intent = s.payment_intent;
    const expanded = expand.some((e) => e.startsWith('payment_intent'));
    return {
      id: s.id,
      object: 'checkout.session',
      mode: 'payment',
      status: s.status,
      payment_status: s.payment_status,
      amount_total: s.amount_total,
      currency: s.currency,
      allowed_payment_method_types: s.allowed_payment_method_types,
      metadata: s.metadata,
      client_reference_id: s.client_reference_id,
      customer_email: s.customer_email,
      success_url: s.success_url,
      cancel_url: s.cancel_url,
      expires_at: s.expires_at,
      created: s.created,
      livemode: false,
      url: s.status === 'open' ? `${this.origin}/checkout/${s.id}` : null,
      payment_intent: intent
        ? expanded
          ? { id: intent.id, object: 'payment_intent', status: intent.status, amount: s.amount_total, currency: s.currency, metadata: s.metadata, payment_method: { id: `pm_${intent.id.slice(3)}`, object: 'payment_method', type: intent.method } }
          : intent.id
        : null,
    };
  }

  /**
   * Carries out an outcome: the session's new state, the events Stripe would send, then where the
   * browser goes. A bank debit with `settleAfterMs` settles that long after (null: never on its
   * own), or at once when the caller calls `settleNow` (a test's way to see "processing" first with
   * no timer to race); with 0, at once.
   */
  async complete(
    session: SandboxSession,
    outcome: SandboxOutcome,
    how: { deliveries: number; reversed: boolean; settleAfterMs: number | null },
  ): Promise<{ events: string[]; redirect: string; settleNow?: () => Promise<void> }> {
    if (session.status !== 'open') return { events: [], redirect: session.status === 'complete' ? session.success_url : session.cancel_url };
    if (outcome === 'declined') return { events: [], redirect: session.cancel_url };
    if (outcome === 'expire') {
      session.status = 'expired';
      return { events: await this.send([this.event('checkout.session.expired', session)], how), redirect: session.cancel_url };
    }
    const method = outcome === 'card' ? 'card' : outcome === 'affirm' ? 'affirm' : outcome === 'klarna' ? 'klarna' : 'us_bank_account';
    session.payment_intent = { id: id('pi'), method, status: method === 'us_bank_account' ? 'processing' : 'succeeded' };
    session.status = 'complete';
    if (method !== 'us_bank_account') {
      session.payment_status = 'paid';
      return { events: await this.send([this.event('checkout.session.completed', session)], how), redirect: session.success_url };
    }
    // A bank debit: completed but unpaid now, settled (or returned) days later.
    const completed = this.event('checkout.session.completed', session);
    const intent = session.payment_intent;
    const settle = () => {
      intent.status = outcome === 'ach_succeeded' ? 'succeeded' : 'requires_payment_method';
      if (outcome === 'ach_succeeded') session.payment_status = 'paid';
      return this.event(outcome === 'ach_succeeded' ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed', session);
    };
    if (how.settleAfterMs !== 0) {
      const sent = await this.send([completed], how);
      let settling = false;
      const settleOnce = () => {
        if (settling) return;
        settling = true;
        clearTimeout(timer);
        this.unsettledDebits.delete(session.id);
        this.sendLater('settle', [settle()], how);
      };
      const timer = how.settleAfterMs === null ? undefined : setTimeout(settleOnce, how.settleAfterMs).unref();
      return {
        events: sent,
        redirect: session.success_url,
        settleNow: async () => {
          settleOnce();
          await this.settled();
        },
      };
    }
    return { events: await this.send([completed, settle()], how), redirect: session.success_url };
  }

  private event(type: string, session: SandboxSession) {
    return eventOf(type, session.account, this.sessionObject(session, []));
  }

  /** Signs each event as Stripe does and POSTs it `deliveries` times at once; in order, or reversed. */
  private async send(events: { id: string; type: string; account: string; data: { object: { id: string } } }[], how: { deliveries: number; reversed: boolean }): Promise<string[]> {
    const ordered = how.reversed ? [...events].reverse() : events;
    for (const event of ordered) {
      const payload = JSON.stringify(event);
      const record: SentEvent = { id: event.id, type: event.type, account: event.account, sessionId: event.data.object.id, deliveries: how.deliveries, statuses: [], latenciesMs: [] };
      this.events.push(record);
      await Promise.all(
        Array.from({ length: how.deliveries }, async () => {
          const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.options.webhookSecret });
          const started = performance.now();
          const res = await fetch(this.options.webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
          await res.arrayBuffer();
          record.latenciesMs.push(performance.now() - started);
          record.statuses.push(res.status);
        }),
      );
    }
    return ordered.map((e) => e.id);
  }

  private checkoutPage(res: ServerResponse, sessionId: string, declined: boolean) {
    const s = this.sessions.get(sessionId);
    if (!s) return text(res, 404, 'No such checkout.');
    const money = (cents: number) => `${(cents / 100).toFixed(2)} ${s.currency.toUpperCase()}`;
    const can = (m: string) => s.allowed_payment_method_types.includes(m);
    const buttons: [SandboxOutcome, string, boolean][] = [
      ['card', 'Pay by card (succeeds)', can('card')],
      ['declined', 'Pay by card (declined)', can('card')],
      ['ach_succeeded', 'Bank account (ACH): processing, then succeeds', can('us_bank_account')],
      ['ach_failed', 'Bank account (ACH): processing, then fails', can('us_bank_account')],
      ['affirm', 'Affirm', can('affirm')],
      ['klarna', 'Klarna', can('klarna')],
      ['expire', 'Let this checkout expire', true],
    ];
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Stripe sandbox checkout</title>
<style>body{font:16px system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}table{width:100%;border-collapse:collapse}td{padding:.3rem 0}td:last-child{text-align:right}button{display:block;width:100%;margin:.5rem 0;padding:.7rem;font:inherit;cursor:pointer}.note{color:#555;font-size:.9rem}.error{color:#b00020}</style></head>
<body><p class="note">Local Stripe sandbox: no real payment is made.</p><h1>Pay ${money(s.amount_total)}</h1>
<table>${s.line_items.map((l) => `<tr><td>${escapeHtml(l.name)}</td><td>${money(l.amount)}</td></tr>`).join('')}</table>
${declined ? '<p class="error" role="alert">Your card was declined. Try another way to pay.</p>' : ''}
${s.status !== 'open' ? `<p>This checkout is ${s.status}.</p>` : buttons.filter(([, , shown]) => shown).map(([outcome, label]) => `<form method="post" action="/checkout/${s.id}/pay"><input type="hidden" name="outcome" value="${outcome}"><button type="submit">${label}</button></form>`).join('')}
<p><a href="${escapeHtml(s.cancel_url)}">Back to the portal</a></p></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  }
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
  res.end(JSON.stringify(value));
};
const stripeError = (res: ServerResponse, status: number, code: string, message: string, type = 'invalid_request_error') => json(res, status, { error: { type, code, message } });
const text = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
};
const redirect = (res: ServerResponse, location: string) => {
  res.writeHead(303, { location });
  res.end();
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
