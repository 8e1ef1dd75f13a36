/**
 * Stripe, through its own SDK, on the platform's key. Every call about a payment names the
 * business's connected account (`stripeAccount`): the charges are direct charges on it.
 *
 * The SDK does not tree-shake (about 250 KB): only functions whose row grants `payments` bundle
 * it, and the client is built on first use, from keys read from Secrets Manager.
 */
import Stripe from 'stripe';
import { InvalidInput } from '../../kernel/errors';
import type { ChargeState, CheckoutState, CreateCheckoutInput, PaymentEvent, PaymentGateway } from '../../payments/port';
import type { StripeKeys } from '../../config/secrets';

/** Where the SDK sends its requests: Stripe itself by default; the local sandbox in development. */
export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export class StripeGateway implements PaymentGateway {
  private ready: Promise<{ client: Stripe; keys: StripeKeys }> | undefined;

  constructor(private readonly loadKeys: () => Promise<StripeKeys>, private readonly endpoint: StripeEndpoint | null = null) {}

  private connect(): Promise<{ client: Stripe; keys: StripeKeys }> {
    this.ready ??= this.loadKeys().then((keys) => {
      if (!keys.secretKey || !keys.webhookSecret) throw new Error('The Stripe keys are not set: fill the stripe secret (README, "Stripe").');
      const client = new Stripe(keys.secretKey, {
        // fetch: no extra HTTP agent code in the bundle, and the same client in every runtime.
        httpClient: Stripe.createFetchHttpClient(),
        maxNetworkRetries: 2,
        timeout: 10_000,
        telemetry: false,
        ...(this.endpoint ?? {}),
      });
      return { client, keys };
    });
    // A failed read is tried again on the next call, not cached for the life of the function.
    this.ready.catch(() => (this.ready = undefined));
    return this.ready;
  }

  async livemode(): Promise<boolean> {
    const { keys } = await this.connect();
    return keys.secretKey.startsWith('sk_live_');
  }

  async createCheckout(input: CreateCheckoutInput): Promise<{ sessionId: string; url: string }> {
    const { client } = await this.connect();
    const metadata = { businessId: input.businessId, checkoutId: input.checkoutId };
    const session = await client.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: input.checkoutId,
        line_items: input.lines.map((line) => ({
          quantity: 1,
          price_data: { currency: input.currency.toLowerCase(), unit_amount: line.amount, product_data: { name: line.name } },
        })),
        // A filter on what Stripe finds eligible for this account and amount, not a fixed list.
        allowed_payment_method_types: input.allowedPaymentMethodTypes as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
        payment_intent_data: {
          metadata,
          ...(input.applicationFeeAmount > 0 ? { application_fee_amount: input.applicationFeeAmount } : {}),
        },
        metadata,
        ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        expires_at: input.expiresAt,
      },
      // Our checkout id is the idempotency key: two requests for the same checkout get one session.
      { stripeAccount: input.stripeAccountId, idempotencyKey: `checkout-${input.checkoutId}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { sessionId: session.id, url: session.url };
  }

  async getCheckout(stripeAccountId: string, sessionId: string): Promise<CheckoutState> {
    const { client } = await this.connect();
    const session = await client.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent.payment_method'] }, { stripeAccount: stripeAccountId });
    const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
    const method = intent && typeof intent.payment_method === 'object' ? intent.payment_method : null;
    return {
      id: session.id,
      status: (session.status ?? 'open') as CheckoutState['status'],
      paymentStatus: session.payment_status as CheckoutState['paymentStatus'],
      amountTotal: session.amount_total ?? 0,
      currency: (session.currency ?? '').toUpperCase(),
      paymentIntentId: intent ? intent.id : typeof session.payment_intent === 'string' ? session.payment_intent : null,
      paymentIntentStatus: intent?.status ?? null,
      paymentMethodType: method?.type ?? null,
      metadata: session.metadata ?? {},
    };
  }

  async expireCheckout(stripeAccountId: string, sessionId: string): Promise<'expired' | 'complete'> {
    const { client } = await this.connect();
    try {
      const session = await client.checkout.sessions.expire(sessionId, {}, { stripeAccount: stripeAccountId });
      return session.status === 'complete' ? 'complete' : 'expired';
    } catch (error) {
      // Only an open session can be expired: otherwise Stripe refuses, and the session says why.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      const session = await client.checkout.sessions.retrieve(sessionId, {}, { stripeAccount: stripeAccountId });
      if (session.status === 'open') throw error;
      return session.status === 'complete' ? 'complete' : 'expired';
    }
  }

  async refundPayment(stripeAccountId: string, input: { paymentIntentId: string; amount: number; idempotencyKey: string; metadata: Record<string, string> }): Promise<{ refundId: string }> {
    const { client } = await this.connect();
    const refund = await client.refunds.create(
      { payment_intent: input.paymentIntentId, amount: input.amount, reason: 'duplicate', metadata: input.metadata },
      { stripeAccount: stripeAccountId, idempotencyKey: input.idempotencyKey },
    );
    return { refundId: refund.id };
  }

  async createConnectedAccount(businessId: string): Promise<{ accountId: string }> {
    const { client } = await this.connect();
    // A Standard account: the business owns its Stripe dashboard, refunds and disputes (direct charges).
    const account = await client.accounts.create({ type: 'standard', metadata: { businessId } }, { idempotencyKey: `account-${businessId}` });
    return { accountId: account.id };
  }

  async createOnboardingLink(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<{ url: string; expiresAt: number }> {
    const { client } = await this.connect();
    const link = await client.accountLinks.create({ account: accountId, type: 'account_onboarding', return_url: urls.returnUrl, refresh_url: urls.refreshUrl });
    return { url: link.url, expiresAt: link.expires_at };
  }

  async getAccount(accountId: string): Promise<{ id: string; chargesEnabled: boolean; metadata: Record<string, string> }> {
    const { client } = await this.connect();
    const account = await client.accounts.retrieve(accountId);
    return { id: account.id, chargesEnabled: account.charges_enabled ?? false, metadata: account.metadata ?? {} };
  }

  async getChargeState(stripeAccountId: string, paymentIntentId: string): Promise<ChargeState> {
    const { client } = await this.connect();
    const intent = await client.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] }, { stripeAccount: stripeAccountId });
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    return {
      paymentIntentId: intent.id,
      amountRefunded: charge?.amount_refunded ?? 0,
      disputed: charge?.disputed ?? false,
      currency: intent.currency.toUpperCase(),
      metadata: intent.metadata ?? {},
    };
  }

  async verifyEvent(rawBody: Buffer, signature: string | undefined): Promise<PaymentEvent> {
    if (!signature) throw new InvalidInput([{ field: 'stripe-signature', message: 'is required' }], 'The request is not signed.');
    const { client, keys } = await this.connect();
    let event: Stripe.Event;
    try {
      event = await client.webhooks.constructEventAsync(rawBody, signature, keys.webhookSecret);
    } catch {
      // The SDK's message can quote the header; say only what failed.
      throw new InvalidInput([{ field: 'stripe-signature', message: 'does not match the body, or is too old' }], 'The signature does not verify.');
    }
    const object = event.data.object as unknown as PaymentEvent['object'];
    return { id: event.id, type: event.type, account: event.account ?? null, livemode: event.livemode, created: event.created, object: { ...object, metadata: object.metadata ?? {} } };
  }
}
