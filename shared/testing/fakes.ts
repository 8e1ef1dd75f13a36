/**
 * In-memory ports for unit tests of use cases. Integration tests use the real DynamoDB
 * adapters against dynalite (or DynamoDB Local) instead; nothing outside *.test.ts imports this file.
 */
import { toCustomer } from '../directory/customer-entity';
import { contactsOf, defaultPaymentSettings, defaultTrackingSettings, type Business, type Contact, type Customer } from '../directory/model';
import { type Session, type SignInLink } from '../auth/model';
import type { ChangesKey, ChangesQuery } from '../data/changes';
import type { Clock, Random, StorePage } from '../kernel/types';
import type { CustomerWithLink, PendingLink } from '../directory/model';
import type { DirectoryStore } from '../directory/port';
import type { MessageQueue } from '../kernel/types';
import type { Notifier, OutgoingMessage } from '../notifications/port';
import type { RateLimitStore, SessionStore, SignInLinkStore } from '../auth/port';

export class FakeClock implements Clock {
  constructor(public current = new Date('2026-11-21T15:00:00.000Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Deterministic "random" bytes: a counter, so tests can tell secrets apart. */
export class CountingRandom implements Random {
  private n = 0;
  bytes(count: number): Buffer {
    this.n++;
    return Buffer.alloc(count, this.n);
  }
}

const contactKey = (businessId: string, c: Contact) => `${businessId}/${c.channel}/${c.address}`;

export class MemoryDirectory implements DirectoryStore {
  businesses = new Map<string, Business>();
  slugs = new Map<string, string>();
  customers = new Map<string, CustomerWithLink>();
  contacts = new Map<string, string>();
  /** Called before each conditional write: lets a test simulate a concurrent writer. */
  beforeWrite: ((what: string) => void) | null = null;

  add(business: Business, ...customers: Customer[]) {
    this.businesses.set(business.id, business);
    this.slugs.set(business.slug, business.id);
    for (const c of customers) {
      this.customers.set(`${c.businessId}/${c.id}`, { ...c, pendingLink: null });
      for (const contact of contactsOf(c)) this.contacts.set(contactKey(c.businessId, contact), c.id);
    }
    return this;
  }
  async getBusiness(id: string) {
    return this.businesses.get(id) ?? null;
  }
  async findBusinessIdBySlug(slug: string) {
    return this.slugs.get(slug) ?? null;
  }
  /** Slugs held after a rename, and until when (the map above still says whose they are). */
  slugHolds = new Map<string, string>();
  async findSlug(slug: string) {
    const businessId = this.slugs.get(slug);
    return businessId ? { businessId, heldUntil: this.slugHolds.get(slug) ?? null } : null;
  }
  async getCustomerWithBusiness(businessId: string, customerId: string) {
    const customer = this.customers.get(`${businessId}/${customerId}`);
    const business = this.businesses.get(businessId);
    return customer && business ? { customer: toCustomer(customer), business } : null;
  }
  async findCustomerIdByContact(businessId: string, contact: Contact) {
    return this.contacts.get(contactKey(businessId, contact)) ?? null;
  }
  async getCustomer(businessId: string, customerId: string) {
    const found = this.customers.get(`${businessId}/${customerId}`);
    return found ? { ...found } : null;
  }
  async putBusiness(business: Business, expectedVersion: number | null) {
    this.beforeWrite?.('business');
    const current = this.businesses.get(business.id);
    if ((current?.version ?? null) !== expectedVersion) return false;
    this.businesses.set(business.id, business);
    return true;
  }
  async claimSlug(slug: string, businessId: string, now: string) {
    const holder = this.slugs.get(slug);
    const heldUntil = this.slugHolds.get(slug);
    if (holder && holder !== businessId && !(heldUntil !== undefined && heldUntil < now)) return false;
    this.slugs.set(slug, businessId);
    this.slugHolds.delete(slug);
    return true;
  }
  async holdSlug(slug: string, businessId: string, heldUntil: string) {
    if (this.slugs.get(slug) === businessId) this.slugHolds.set(slug, heldUntil);
  }
  async putCustomerProfile(customer: Customer, expectedVersion: number | null) {
    this.beforeWrite?.('customer');
    const key = `${customer.businessId}/${customer.id}`;
    const current = this.customers.get(key);
    if ((current?.version ?? null) !== expectedVersion) return false;
    this.customers.set(key, { ...customer, pendingLink: current?.pendingLink ?? null });
    return true;
  }
  async claimContact(businessId: string, contact: Contact, customerId: string) {
    const holder = this.contacts.get(contactKey(businessId, contact));
    if (holder && holder !== customerId) return false;
    this.contacts.set(contactKey(businessId, contact), customerId);
    return true;
  }
  async releaseContact(businessId: string, contact: Contact, customerId: string) {
    if (this.contacts.get(contactKey(businessId, contact)) === customerId) this.contacts.delete(contactKey(businessId, contact));
  }
  async listCustomersChangedSince(_businessId: string, _query: ChangesQuery): Promise<StorePage<Customer, ChangesKey>> {
    throw new Error('not used by unit tests: the DynamoDB store is tested against dynalite');
  }
}

export class MemoryAuthStore implements SignInLinkStore, SessionStore, RateLimitStore {
  links = new Map<string, SignInLink>();
  sessions = new Map<string, Session>();
  counters = new Map<string, number>();
  /** Called just before a pointer swap: lets a test simulate a concurrent request winning. */
  beforeSwap: (() => void) | null = null;

  constructor(private readonly directory: MemoryDirectory) {}

  async putLink(link: SignInLink) {
    if (this.links.has(link.tokenHash)) throw new Error('ConditionalCheckFailed');
    this.links.set(link.tokenHash, link);
  }
  async deleteLink(tokenHash: string) {
    this.links.delete(tokenHash);
  }
  async findCapabilityLink(tokenHash: string) {
    const link = this.links.get(tokenHash);
    return link ? { kind: 'sign-in' as const, link } : null;
  }
  async swapPendingLink(businessId: string, customerId: string, expected: PendingLink | null, next: PendingLink) {
    this.beforeSwap?.();
    const customer = this.directory.customers.get(`${businessId}/${customerId}`);
    if (!customer || customer.pendingLink?.tokenHash !== expected?.tokenHash) return false;
    customer.pendingLink = next;
    return true;
  }
  async markLinkSent(businessId: string, customerId: string, tokenHash: string, sentAt: string) {
    const customer = this.directory.customers.get(`${businessId}/${customerId}`);
    if (customer?.pendingLink?.tokenHash === tokenHash) customer.pendingLink = { ...customer.pendingLink, sentAt };
  }
  async consumeLink(tokenHash: string) {
    const link = this.links.get(tokenHash) ?? null;
    this.links.delete(tokenHash);
    return link;
  }
  async putSession(session: Session) {
    this.sessions.set(session.idHash, session);
  }
  async getSession(idHash: string) {
    return this.sessions.get(idHash) ?? null;
  }
  async touchSession(idHash: string, lastSeenAt: string) {
    const s = this.sessions.get(idHash);
    if (s) s.lastSeenAt = lastSeenAt;
  }
  async deleteSession(idHash: string) {
    this.sessions.delete(idHash);
  }
  async hit(key: string, windowStart: Date, _windowSeconds: number, limit: number) {
    const name = `${key}@${windowStart.toISOString()}`;
    const count = this.counters.get(name) ?? 0;
    if (count >= limit) return false;
    this.counters.set(name, count + 1);
    return true;
  }
  async count(key: string, windowStart: Date) {
    return this.counters.get(`${key}@${windowStart.toISOString()}`) ?? 0;
  }
}

export class RecordingQueue<M> implements MessageQueue<M> {
  sent: M[] = [];
  async send(message: M) {
    this.sent.push(message);
  }
}

export class RecordingNotifier implements Notifier {
  sent: OutgoingMessage[] = [];
  /** Set to make the next send fail (a provider outage). */
  failNext = false;
  async send(message: OutgoingMessage) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('provider down');
    }
    this.sent.push(message);
  }
}

const stamp = { version: 1, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };

export const testBusiness: Business = {
  id: 'biz_test',
  payments: defaultPaymentSettings,
  tracking: defaultTrackingSettings,
  slug: 'acme',
  name: 'Acme Plumbing & Heating',
  timeZone: 'America/Chicago',
  primaryColor: '#0b5cad',
  logoUrl: null,
  menu: ['jobs'],
  contactPhone: null,
  contactEmail: null,
  ...stamp,
};

export const testCustomer: Customer = { businessId: 'biz_test', id: 'cus_1', name: 'Jordan Rivera', email: 'jordan@example.com', phone: '+15555550123', ...stamp };
