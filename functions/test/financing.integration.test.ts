/**
 * Financing before checkout (issue 17, rough edge 12): where the business offers Affirm and the
 * amount is eligible (USD 50–30,000), a page gets what Stripe's Payment Method Messaging Element
 * needs; otherwise it learns why not, and shows nothing. The local Stripe sandbox serves the
 * stand-in Stripe.js from its own origin, which the portal's pages (and only they) allow (rule 75).
 */
import type { FinancingOffer } from '../../shared/contract/customer/payments';
import { demoStripeAccount } from '../../infra/local/seed';
import { sandboxPublishableKey } from '../../infra/local/stripe-messaging-sandbox';
import { startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';

let stack: TestStack;
let acme: BusinessClient;
let visitor: PortalClient;

beforeAll(async () => {
  stack = await startTestStack();
  acme = stack.business('acme');
  visitor = stack.client();
});
afterAll(() => stack.stop());

const offer = (slug: string, query: string) => visitor.get<FinancingOffer>(`/api/portals/${slug}/financing?${query}`);

test('an eligible amount where the business offers Affirm: Stripe.js, the publishable key, the business\'s own account, Affirm in the US', async () => {
  const res = await offer('acme', 'amount=125000&currency=USD');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    available: true,
    scriptUrl: `${stack.stripe!.origin}/v3/stripe.js`,
    publishableKey: sandboxPublishableKey,
    stripeAccount: demoStripeAccount,
    paymentMethodTypes: ['affirm'],
    countryCode: 'US',
    amount: 125000,
    currency: 'USD',
  });
});

test.each([
  ['USD 49.99: under Affirm\'s least', 'amount=4999&currency=USD'],
  ['USD 30,000.01: over Affirm\'s most', 'amount=3000001&currency=USD'],
  ['EUR: Affirm takes USD only', 'amount=125000&currency=EUR'],
])('%s: nothing to show, and the page is told why', async (_name, query) => {
  const res = await offer('acme', query);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ available: false, reason: 'amount' });
});

test('the edges of the range qualify: USD 50.00 and USD 30,000.00', async () => {
  expect((await offer('acme', 'amount=5000&currency=USD')).body.available).toBe(true);
  expect((await offer('acme', 'amount=3000000&currency=USD')).body.available).toBe(true);
});

test('a business that does not offer Affirm, or takes no online payments: nothing to show', async () => {
  expect((await acme.patch('/settings', { payments: { methods: { affirm: false } } })).status).toBe(200);
  try {
    expect((await offer('acme', 'amount=125000&currency=USD')).body).toEqual({ available: false, reason: 'not_offered' });
  } finally {
    expect((await acme.patch('/settings', { payments: { methods: { affirm: true } } })).status).toBe(200);
  }
  // brightclean has not connected Stripe.
  expect((await offer('brightclean', 'amount=125000&currency=USD')).body).toEqual({ available: false, reason: 'not_offered' });
});

test.each([
  ['amount=12.50&currency=USD', 'amount'],
  ['amount=0&currency=USD', 'amount'],
  ['amount=-100&currency=USD', 'amount'],
  ['amount=99999999999&currency=USD', 'amount'],
  ['currency=USD', 'amount'],
  ['amount=125000&currency=usd', 'currency'],
  ['amount=125000', 'currency'],
])('bad input %s: 400 problem naming %s', async (query, field) => {
  const res = await offer('acme', query);
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(JSON.stringify(res.body)).toContain(field);
});

test('an unknown portal: 404 problem', async () => {
  const res = await offer('no-such-portal', 'amount=125000&currency=USD');
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
});

test('the pages allow the stand-in Stripe.js\'s origin for scripts and frames; API answers allow no third party', async () => {
  const origin = stack.stripe!.origin;
  const page = await fetch(`${stack.url}/acme/invoices/inv_x`);
  const csp = page.headers.get('content-security-policy')!;
  expect(csp).toContain(`script-src 'self' ${origin};`);
  expect(csp).toContain(`frame-src ${origin};`);
  expect(csp).toContain("connect-src 'self';");
  const api = await fetch(`${stack.url}/api/portals/acme/financing?amount=125000&currency=USD`);
  expect(api.headers.get('content-security-policy')).not.toContain(origin);
  const script = await fetch(`${origin}/v3/stripe.js`);
  expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(await script.text()).toContain('paymentMethodMessaging');
});
