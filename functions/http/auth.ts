/**
 * How a route proves its caller. One resolver per auth kind of the route table, each in its own
 * module under functions/http/auth/ so that a bundle carries only the one its handler names
 * (`auth: sessionAuth`). The spec's type ties the resolver to the row's `auth`, so a mismatch
 * fails to compile; httpRoute also checks it when the handler module loads.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { BusinessCaller } from '../../shared/business-api/api-keys';
import type { LinkCaller } from '../../shared/auth/capability-links';
import type { Session } from '../../shared/auth/model';
import type { Clock } from '../../shared/kernel/types';
import type { PaymentEvent, PaymentGateway } from '../../shared/payments/port';
import type { AuthKind } from '../../shared/routes/kinds';
import type { Visitor } from '../../shared/uploads/visitor';
import type { StoreFactory } from '../wiring/stores';

export interface AuthOf {
  public: null;
  session: Session;
  apiKey: BusinessCaller;
  link: LinkCaller;
  /** The Stripe event whose signature was checked: the webhook's only input. */
  signature: PaymentEvent;
  customer: CustomerCaller;
  /** A customer, or null for an anonymous visitor. */
  visitor: Visitor;
}

/**
 * A customer of a business, by session or by a link to one invoice or estimate. `only`: what the
 * link lets its holder reach (that invoice; that estimate and its deposit), or null for a
 * signed-in session, which reaches everything of theirs.
 */
export interface CustomerCaller {
  businessId: string;
  customerId: string;
  only: { kind: 'invoice' | 'estimate' | 'form'; id: string } | null;
  /** How the caller got here: recorded with a signature. */
  via: 'session' | 'link';
}

/** What a resolver may build its checks from, once per handler. */
export interface AuthDeps {
  clock: Clock;
  /** A store over the function's table (its row must grant the table). */
  storeOf<P>(factory: StoreFactory<P>): P;
  /** Only for rows that grant `payments`. */
  payments(): PaymentGateway;
}

export interface AuthRequest {
  event: APIGatewayProxyEventV2;
  /** Rate-limit identity of the client (IPv4, or an IPv6 /64), or null when unknown. */
  clientSubject: Promise<string | null>;
  /** The body's bytes as sent (base64-decoded when API Gateway encoded them), within the row's limit. */
  rawBody: () => Buffer;
}

export interface AuthResolver<K extends AuthKind> {
  readonly kind: K;
  /** Builds the check once per handler (first request); it then runs on every request. */
  prepare(deps: AuthDeps): (request: AuthRequest) => Promise<AuthOf[K]>;
  /**
   * Headers the proven caller's every answer carries, whatever the route then answers (the
   * business API's remaining budget). Optional: most kinds tell the caller nothing more.
   */
  answerHeaders?(caller: AuthOf[K]): Record<string, string>;
}
