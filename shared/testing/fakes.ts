/**
 * The few stand-ins unit tests need that do no I/O: a clock a test moves, counting "random"
 * bytes, a queue and a notifier that record what they are given, and a business and customer
 * to store. Stores are not faked: unit tests run the real DynamoDB stores against dynalite
 * (infra/local/testing/stores.ts), so conditional writes, versions and queries are the real
 * ones. Nothing outside *.test.ts imports this file.
 */
import { defaultNotificationChoices } from '../contract/customer/profile';
import { defaultPaymentSettings, defaultTrackingSettings, type Business, type Customer } from '../directory/model';
import type { Clock, Random, MessageQueue } from '../kernel/types';
import type { Notifier, OutgoingMessage } from '../notifications/port';

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
  services: [],
  slug: 'acme',
  name: 'Acme Plumbing & Heating',
  timeZone: 'America/Chicago',
  primaryColor: '#0b5cad',
  logoUrl: null,
  sections: ['home', 'jobs'],
  links: [],
  contactPhone: null,
  contactEmail: null,
  defaultLanguage: 'en',
  ...stamp,
};

export const testCustomer: Customer = { businessId: 'biz_test', id: 'cus_1', name: 'Jordan Rivera', email: 'jordan@example.com', phone: '+15555550123', language: null, chosenLanguage: null, browserLanguage: null, notifications: defaultNotificationChoices(), ...stamp };
