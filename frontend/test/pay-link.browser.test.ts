/**
 * Invoice pay links in real Chromium against the local stack and its Stripe sandbox: a business
 * sends one invoice (POST /invoices/{id}/send), the customer opens the link in a browser that has
 * never signed in, sees the invoice, pays part of it on Stripe's page, comes back to the return
 * page (asked with the link, no session), and the link shows the lower balance. Also: Stripe's
 * cancel comes back to the invoice, a withdrawn or made-up link says so with the business's
 * contact, and a pay link is never posted to /api/auth/verify.
 *
 * Each test sends its own fresh invoice, so none depends on another having run.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { backOnReturnPage, browserSuite, businessApi, checkPage, meStatus, phone, recordApiCalls, recordPageErrors, esc, expectAmount, expectTitle } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const day = 24 * 3600_000;

/** A fresh open invoice of Jordan's at Acme, sent by email; returns its pay link from the outbox. */
async function sendPayLink(id: string, cents: number): Promise<string> {
  const written = await businessApi(stack, 'PUT', `/invoices/${id}`, {
    customerId: seed.jordan.id,
    number: id.toUpperCase().replace(/_/g, '-'),
    issuedAt: new Date(Date.now() - day).toISOString(),
    dueAt: new Date(Date.now() + 30 * day).toISOString(),
    currency: 'USD',
    lines: [{ description: 'Boiler service', quantity: 1, unitAmount: cents }],
  });
  expect(written.status).toBe(201);
  expect((await businessApi(stack, 'POST', `/invoices/${id}/send`, { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  const link = stack.outbox.messages()[0]!.link!;
  expect(link).toMatch(new RegExp(`^${esc(stack.url)}/acme/pay#token=[A-Za-z0-9_-]{43}$`));
  return link;
}

/** A browser that has never signed in anywhere. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page; calls: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  return { context, page, calls: recordApiCalls(page), errors: recordPageErrors(page) };
}

/** The Authorization header of every API request the page sends, by "METHOD /path". */
function recordAuthorization(page: Page): Map<string, string | undefined> {
  const seen = new Map<string, string | undefined>();
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) seen.set(`${request.method()} ${url.pathname}`, request.headers().authorization);
  });
  return seen;
}

/** "Balance due $79.00" in a region's text (label and amount on one line or two). */
test('a pay link opens its invoice with no sign-in and out of the address bar; $20 paid on Stripe\'s page; the return page asks with the link; the link then shows the lower balance', async () => {
  const link = await sendPayLink('inv_pl_part', 9_900);
  const token = link.split('#token=')[1]!;
  const { context, page, calls, errors } = await freshPage();
  const auth = recordAuthorization(page);

  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-PART' }).waitFor();
  // The token is out of the address bar and the history entry, kept for this tab only.
  expect(page.url()).toBe(`${stack.url}/acme/pay`);
  await expect(page.evaluate(() => sessionStorage.getItem('portal.payLink'))).resolves.toBe(JSON.stringify({ portal: 'acme', token }));
  await expectTitle(page, 'Acme Plumbing & Heating – Invoice INV-PL-PART');

  const main = await page.locator('main').innerText();
  expect(main).toContain('Open');
  // A date in another year than today's (in the business's zone) carries its year: the issue date on
  // 1 January, the due date through most of December.
  expect(main).toMatch(/Issued \w{3}, \w{3} \d+(, \d{4})?\s+Due \w{3}, \w{3} \d+/);
  expect(main).toContain('Questions about this invoice? Contact Acme Plumbing & Heating at (555) 555-0100 or office@acme-plumbing.example.');
  const charges = await page.getByRole('region', { name: 'Charges' }).innerText();
  expect(charges).toContain('Boiler service');
  expectAmount(charges, 'Total', '$99.00');
  expectAmount(charges, 'Paid', '$0.00');
  expectAmount(charges, 'Balance due', '$99.00');
  const pay = page.getByRole('region', { name: 'Pay this invoice' });
  await pay.getByRole('button', { name: 'Pay $99.00' }).waitFor();
  await checkPage(page, 'pay link: the invoice');

  // Opening it read, with the link, and changed nothing.
  expect(calls.filter((c) => !c.startsWith('GET '))).toEqual([]);
  expect(auth.get('GET /api/link')).toBe(`Link ${token}`);
  expect(auth.get('GET /api/invoices/inv_pl_part')).toBe(`Link ${token}`);
  expect((await businessApi(stack, 'GET', '/invoices/inv_pl_part')).body).toMatchObject({ amountPaid: 0, balance: 9_900 });

  // $20 of it, by card.
  await pay.getByText('Pay part of this invoice').click();
  await pay.getByLabel('Amount to pay (USD)').fill('20');
  await pay.getByRole('button', { name: 'Pay this amount' }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  expect(auth.get('POST /api/payments/checkout')).toBe(`Link ${token}`);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Pay 20.00 USD');
  await page.getByRole('button', { name: 'Pay by card (succeeds)' }).click();
  const checkoutId = await backOnReturnPage(page, stack);

  // The return page, with no session: asked with the kept link.
  await page.getByRole('heading', { level: 1, name: 'Thank you — payment received' }).waitFor();
  expect(auth.get(`GET /api/payments/checkout/${checkoutId}`)).toBe(`Link ${token}`);
  expectAmount(await page.locator('main').innerText(), 'Amount', '$20.00');
  // A part payment: the invoice's line says this part, what is paid and what is still owed (issue 17, 4.3).
  const paidPart = await page.getByRole('region', { name: 'Invoice' }).innerText();
  expectAmount(paidPart, 'This payment', '$20.00');
  expectAmount(paidPart, 'Paid so far', '$20.00');
  expectAmount(paidPart, 'Balance due', '$79.00');
  await expect(page.getByRole('link', { name: 'Back to the invoice' }).getAttribute('href')).resolves.toBe('/acme/pay');
  await expect(page.getByRole('region', { name: 'Invoice' }).getByRole('link', { name: 'Invoice INV-PL-PART' }).getAttribute('href')).resolves.toBe('/acme/pay');
  await expect(page.getByRole('link', { name: 'All invoices' }).count()).resolves.toBe(0);
  await checkPage(page, 'pay link: payment received');

  // Back to the invoice (the kept link), then the link itself again: the lower balance.
  await page.getByRole('link', { name: 'Back to the invoice' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-PART' }).waitFor();
  await page.getByRole('button', { name: 'Pay $79.00' }).waitFor();
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-PART' }).waitFor();
  const after = await page.getByRole('region', { name: 'Charges' }).innerText();
  expectAmount(after, 'Paid', '$20.00');
  expectAmount(after, 'Balance due', '$79.00');
  const payments = await page.getByRole('region', { name: 'Payments' }).innerText();
  expect(payments).toContain('Card');
  expect(payments).toContain('$20.00');
  await page.getByRole('region', { name: 'Pay this invoice' }).getByRole('button', { name: 'Pay $79.00' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/pay`);

  // No one was signed in, and the token was never offered as a sign-in token.
  expect(calls.filter((c) => c.includes('/api/auth/'))).toEqual([]);
  await expect(meStatus(page)).resolves.toBe(401);
  expect(errors).toEqual([]);
  await context.close();
});

test('a paid invoice shows as paid, with no pay controls', async () => {
  const link = await sendPayLink('inv_pl_paid', 4_000);
  expect((await businessApi(stack, 'POST', '/invoices/inv_pl_paid/payments', { amount: 4_000, currency: 'USD', method: 'cash' })).status).toBe(201);
  const { context, page, errors } = await freshPage();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-PAID' }).waitFor();
  await page.getByText('This invoice is paid. Thank you!').waitFor();
  expectAmount(await page.getByRole('region', { name: 'Charges' }).innerText(), 'Balance due', '$0.00');
  await expect(page.getByRole('region', { name: 'Pay this invoice' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: /pay/i }).count()).resolves.toBe(0);
  await checkPage(page, 'pay link: paid invoice');
  expect(errors).toEqual([]);
  await context.close();
});

test('Stripe\'s cancel comes back to /acme/pay, and the invoice shows again from the link kept in the tab', async () => {
  const link = await sendPayLink('inv_pl_cancel', 2_500);
  const { context, page, errors } = await freshPage();
  await page.goto(link);
  await page.getByRole('button', { name: 'Pay $25.00' }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  await page.getByRole('link', { name: 'Back to the portal' }).click();
  await page.waitForURL(`${stack.url}/acme/pay`);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-CANCEL' }).waitFor();
  await page.getByRole('region', { name: 'Pay this invoice' }).getByRole('button', { name: 'Pay $25.00' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('a withdrawn link says it expired or was withdrawn, with Acme\'s phone and email; so does a well-formed token the API does not know', async () => {
  const link = await sendPayLink('inv_pl_revoked', 3_000);
  expect((await businessApi(stack, 'POST', '/invoices/inv_pl_revoked/links/revoke', {})).body).toEqual({ invoiceId: 'inv_pl_revoked', revoked: 1 });
  const { context, page, calls, errors } = await freshPage();

  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'This link has expired or was withdrawn' }).waitFor();
  const main = page.getByRole('main');
  // The contact line comes from the portal's own read, which can answer after the link's 410.
  await main.getByText('For a new link, contact Acme Plumbing & Heating at (555) 555-0100 or office@acme-plumbing.example.').waitFor();
  await expect(main.getByRole('link', { name: '(555) 555-0100' }).getAttribute('href')).resolves.toBe('tel:+15555550100');
  await expect(main.getByRole('link', { name: 'office@acme-plumbing.example' }).getAttribute('href')).resolves.toBe('mailto:office@acme-plumbing.example');
  expect(page.url()).toBe(`${stack.url}/acme/pay`);
  // A dead link is not kept: coming back to /acme/pay has nothing to open.
  await expect(page.evaluate(() => sessionStorage.getItem('portal.payLink'))).resolves.toBeNull();
  await checkPage(page, 'pay link: withdrawn');

  // The API answers 410 for any well-formed token it does not know (it cannot tell made-up from withdrawn).
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/pay#token=${'A'.repeat(43)}`);
  await page.getByRole('heading', { level: 1, name: 'This link has expired or was withdrawn' }).waitFor();

  expect(calls.filter((c) => c.includes('/api/auth/'))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('a made-up or cut-off token, and one the API cannot read, say "This link is not valid" with Acme\'s contact', async () => {
  const { context, page, calls, errors } = await freshPage();

  // Cut off or made up: not even sent.
  await page.goto(`${stack.url}/acme/pay#token=made-up-token`);
  await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
  await page.getByRole('main').getByText('For a new link, contact Acme Plumbing & Heating at (555) 555-0100 or office@acme-plumbing.example.').waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/pay`);
  expect(calls).not.toContain('GET /api/link');
  await checkPage(page, 'pay link: not valid');

  // The API's 404 (a token it cannot parse).
  await page.route('**/api/link', (route) =>
    route.fulfill({ status: 404, contentType: 'application/problem+json', json: { type: 'about:blank', title: 'Not found', status: 404, detail: 'This link is not valid.' } }),
  );
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/pay#token=${'B'.repeat(43)}`);
  await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
  await page.unroute('**/api/link');

  // Too many lookups: wait, then try again.
  let refuse = true;
  await page.route('**/api/link', (route) =>
    refuse
      ? route.fulfill({ status: 429, contentType: 'application/problem+json', json: { type: 'about:blank', title: 'Too many requests', status: 429, detail: 'Too many links were opened from here.' } })
      : route.continue(),
  );
  const link = await sendPayLink('inv_pl_wait', 1_500);
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Please wait a few minutes' }).waitFor();
  await checkPage(page, 'pay link: too many lookups');
  refuse = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-WAIT' }).waitFor();

  expect(calls.filter((c) => c.includes('/api/auth/'))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('a pay link opened at /link, or under another portal\'s address, goes to its own pay page; a sign-in link opened at /pay goes to the sign-in page', async () => {
  const link = await sendPayLink('inv_pl_swap', 1_200);
  const token = link.split('#token=')[1]!;
  const { context, page, calls, errors } = await freshPage();

  await page.goto(`${stack.url}/acme/link#token=${token}`);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-SWAP' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/pay`);
  await expect(page.getByRole('button', { name: 'Sign in' }).count()).resolves.toBe(0);

  // Opened under another business's address: the URL is corrected to the link's own portal.
  await page.goto('about:blank');
  await page.goto(`${stack.url}/brightclean/pay#token=${token}`);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-PL-SWAP' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/pay`);
  await expect(page.evaluate(() => sessionStorage.getItem('portal.payLink'))).resolves.toBe(JSON.stringify({ portal: 'acme', token }));
  await expectTitle(page, 'Acme Plumbing & Heating – Invoice INV-PL-SWAP');

  // A sign-in link opened as a pay link: the sign-in link page, where signing in is the customer's choice.
  const response = await fetch(`${stack.url}/api/auth/magic-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.url },
    body: JSON.stringify({ portal: 'acme', email: seed.jordan.email }),
  });
  expect(response.status).toBe(202);
  await stack.drainQueues();
  const signIn = stack.outbox.messages()[0]!.link!;
  const signInToken = signIn.split('#token=')[1]!;
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/pay#token=${signInToken}`);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Acme Plumbing & Heating' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/link#token=${signInToken}`);
  await expect(page.evaluate(() => sessionStorage.getItem('portal.payLink'))).resolves.toBeNull();

  expect(calls.filter((c) => c.includes('/api/auth/'))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
