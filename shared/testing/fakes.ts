/**
 * In-memory ports for unit tests of use cases. Integration tests use the real DynamoDB
 * adapters against dynalite instead; nothing outside *.test.ts imports this file.
 */
import type { Business, Contact, Customer, Session, SignInLink } from '../domain/model';
import type {
  Clock,
  DirectoryStore,
  NotificationJob,
  NotificationQueue,
  Notifier,
  OutgoingMessage,
  PendingLink,
  Random,
  RateLimitStore,
  SessionStore,
  SignInLinkStore,
} from '../domain/ports';

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

export class MemoryDirectory implements DirectoryStore {
  businesses = new Map<string, Business>();
  customers = new Map<string, Customer & { pendingLink: PendingLink | null }>();
  contacts = new Map<string, string>();

  add(business: Business, ...customers: Customer[]) {
    this.businesses.set(business.id, business);
    for (const c of customers) {
      this.customers.set(`${c.businessId}/${c.id}`, { ...c, pendingLink: null });
      if (c.email) this.contacts.set(`${c.businessId}/email/${c.email}`, c.id);
      if (c.phone) this.contacts.set(`${c.businessId}/sms/${c.phone}`, c.id);
    }
    return this;
  }
  async getBusiness(id: string) {
    return this.businesses.get(id) ?? null;
  }
  async getCustomerWithBusiness(businessId: string, customerId: string) {
    const customer = this.customers.get(`${businessId}/${customerId}`);
    const business = this.businesses.get(businessId);
    if (!customer || !business) return null;
    const { pendingLink: _ignored, ...profile } = customer;
    return { customer: profile, business };
  }
  async findCustomerIdByContact(businessId: string, contact: Contact) {
    return this.contacts.get(`${businessId}/${contact.channel}/${contact.address}`) ?? null;
  }
  async getCustomer(businessId: string, customerId: string) {
    const found = this.customers.get(`${businessId}/${customerId}`);
    return found ? { ...found } : null;
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
  async swapPendingLink(businessId: string, customerId: string, expected: PendingLink | null, next: PendingLink) {
    this.beforeSwap?.();
    const customer = this.directory.customers.get(`${businessId}/${customerId}`);
    if (!customer || customer.pendingLink?.tokenHash !== expected?.tokenHash) return false;
    customer.pendingLink = next;
    return true;
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
}

export class RecordingQueue implements NotificationQueue {
  jobs: NotificationJob[] = [];
  async enqueue(job: NotificationJob) {
    this.jobs.push(job);
  }
}

export class RecordingNotifier implements Notifier {
  sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage) {
    this.sent.push(message);
  }
}

export const testBusiness: Business = {
  id: 'acme',
  name: 'Acme Plumbing & Heating',
  timeZone: 'America/Chicago',
  primaryColor: '#0b5cad',
  logoUrl: null,
  menu: ['jobs'],
  contactPhone: null,
  contactEmail: null,
};

export const testCustomer: Customer = { businessId: 'acme', id: 'cus_1', name: 'Jordan Rivera', email: 'jordan@example.com', phone: '+15555550123' };
