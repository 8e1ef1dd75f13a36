/**
 * Paying invoices in real Chromium against the local stack and its Stripe sandbox: ticking open
 * invoices (their total and the ways to pay it), "Pay selected" to the sandbox's hosted checkout
 * page and back to the return page, a part of one invoice from its page (checked before it is
 * sent, and the API's own refusal shown), a bank payment that is on its way before it settles,
 * errors shown in words with the button usable again, and no pay controls where the business
 * does not take payments (Bright Clean).
 *
 * Jordan's open invoices at Acme in the seed: INV-1063 ($167.46 left), INV-1080 ($199.00) and
 * INV-1090 ($199.56). Each test pays different invoices (or fresh ones written through the
 * business API), so none depends on another having run.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { backOnReturnPage, browserSuite, businessApi, checkPage, phone, recordApiCalls, recordPageErrors, requestLink, signInAsJordan, expectAmount, expectTitle } from './browser-support';

let stack: LocalStack;
let browser: Browser;
/** Jordan, signed in at Acme once for the whole file (sign-in links are rate limited per address). */
let acme: BrowserContext;

// Bank debits settle when the ACH test says so, not on the hosted page's 3-second timer.
browserSuite((started) => ({ stack, browser } = started), { achSettleMs: null });

beforeAll(async () => {
  acme = await browser.newContext({ viewport: phone });
  await (await signInAsJordan(stack, acme)).close();
}, 60_000);

const day = 24 * 3600_000;

/** The card in the list that links to this invoice. */
function card(page: Page, number: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Invoice ${number}` }) });
}

/** "Balance due $167.46" in a region's text (label and amount on one line or two). */
/** A fresh open invoice of Jordan's at Acme, written through the business API. */
async function newInvoice(id: string, cents: number, currency = 'USD'): Promise<void> {
  const res = await businessApi(stack, 'PUT', `/invoices/${id}`, {
    customerId: seed.jordan.id,
    number: id.toUpperCase().replace(/_/g, '-'),
    issuedAt: new Date(Date.now() - day).toISOString(),
    dueAt: new Date(Date.now() + 30 * day).toISOString(),
    currency,
    lines: [{ description: 'Work', quantity: 1, unitAmount: cents }],
  });
  expect(res.status).toBe(201);
}

/** Receipts in the outbox (GET /dev/outbox) naming all these invoices, once they have been sent. */
async function receiptsNaming(numbers: string[], expected = 1): Promise<{ subject: string; text: string }[]> {
  let found: { subject: string; text: string }[] = [];
  for (let i = 0; i < 50; i++) {
    const messages = (await (await fetch(`${stack.url}/dev/outbox`)).json()) as { subject?: string; text: string }[];
    found = messages.filter((m): m is { subject: string; text: string } => !!m.subject?.startsWith('Receipt from') && numbers.every((n) => m.text.includes(n)));
    if (found.length >= expected) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  return found;
}

/** On the sandbox's hosted checkout page: pays with the outcome's button, and waits to be back on the return page (backOnReturnPage). */
async function payOnSandbox(page: Page, button: string): Promise<string> {
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  await page.getByRole('button', { name: button }).click();
  return backOnReturnPage(page, stack);
}

/** The live region says this (the return page announces its outcome). */
function announced(page: Page, text: string) {
  return page.locator('[aria-live="polite"]', { hasText: text }).waitFor({ state: 'attached' });
}

test('tick two open invoices, see their total and the ways to pay, pay them by card on Stripe\'s page, and come back to a receipt', async () => {
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/invoices`);
  await page.getByRole('link', { name: 'Invoice INV-1063' }).waitFor();
  const bar = page.getByRole('region', { name: 'Pay selected invoices' });
  await expect(bar.count()).resolves.toBe(0);

  await card(page, 'INV-1063').getByRole('checkbox', { name: 'Select invoice INV-1063' }).check();
  await bar.waitFor();
  let text = await bar.innerText();
  expect(text).toContain('1 invoice selected');
  expect(text).toContain('Total $167.46');
  expect(text).toContain('You can pay this by card, bank account (ACH), Affirm or Klarna.');

  await card(page, 'INV-1090').getByRole('checkbox', { name: 'Select invoice INV-1090' }).check();
  await bar.getByText('2 invoices selected').waitFor();
  text = await bar.innerText();
  expect(text).toContain('Total $367.02');
  expect(text).toContain('You can pay this by card, bank account (ACH), Affirm or Klarna.');
  await checkPage(page, 'invoices with two selected');

  // Unticking one takes it out of the total; ticking it again puts it back.
  await card(page, 'INV-1090').getByRole('checkbox').uncheck();
  await bar.getByText('1 invoice selected').waitFor();
  await card(page, 'INV-1090').getByRole('checkbox').check();
  await bar.getByText('Total $367.02').waitFor();

  await bar.getByRole('button', { name: 'Pay selected' }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Pay 367.02 USD');
  const checkoutId = await payOnSandbox(page, 'Pay by card (succeeds)');

  // Back in the portal: the outcome, in words and aloud.
  await page.getByRole('heading', { level: 1, name: 'Thank you — payment received' }).waitFor();
  await announced(page, 'Thank you — payment received');
  await expectTitle(page, 'Acme Plumbing & Heating – Payment received');
  const main = await page.locator('main').innerText();
  expectAmount(main, 'Amount', '$367.02');
  expectAmount(main, 'Paid with', 'Card');
  const paid = page.getByRole('region', { name: 'Invoices' });
  await expect(paid.getByRole('link', { name: 'Invoice INV-1063' }).getAttribute('href')).resolves.toBe('/acme/invoices/inv_1063');
  await expect(paid.getByRole('link', { name: 'Invoice INV-1090' }).getAttribute('href')).resolves.toBe('/acme/invoices/inv_1090');
  await checkPage(page, 'payment received');

  // Both are paid now, and one receipt names both.
  await page.getByRole('link', { name: 'All invoices' }).click();
  await page.getByRole('link', { name: 'Invoice INV-1080' }).waitFor();
  await expect(page.getByRole('link', { name: 'Invoice INV-1063' }).count()).resolves.toBe(0);
  await expect(page.getByRole('link', { name: 'Invoice INV-1090' }).count()).resolves.toBe(0);
  await page.getByRole('tab', { name: 'Paid' }).click();
  await page.getByRole('link', { name: 'Invoice INV-1063' }).waitFor();
  await page.getByRole('link', { name: 'Invoice INV-1090' }).waitFor();
  // Nothing to pay on the Paid tab.
  await expect(page.getByRole('checkbox').count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: /pay/i }).count()).resolves.toBe(0);
  const receipts = await receiptsNaming(['INV-1063', 'INV-1090']);
  expect(receipts).toHaveLength(1);
  expect(receipts[0]!.text).toContain('your payment of $367.02 by card');
  expect(receipts[0]!.text).toContain('Invoice INV-1063: $167.46');
  expect(receipts[0]!.text).toContain('Invoice INV-1090: $199.56');

  // The return page only reads: coming back to it again records nothing twice.
  const calls = recordApiCalls(page);
  await page.goto(`${stack.url}/acme/payments/${checkoutId}`);
  await page.getByRole('heading', { level: 1, name: 'Thank you — payment received' }).waitFor();
  expect(calls.filter((c) => !c.startsWith('GET '))).toEqual([]);
  expect(await receiptsNaming(['INV-1063', 'INV-1090'], 2)).toHaveLength(1);

  expect(errors).toEqual([]);
  await page.close();
});

test('part of an invoice from its page: checked before it is sent, the API\'s refusal shown at the field, then $20 by card lowers the balance', async () => {
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  const calls = recordApiCalls(page);
  await page.goto(`${stack.url}/acme/invoices/inv_1080`);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-1080' }).waitFor();
  const pay = page.getByRole('region', { name: 'Pay this invoice' });
  await expect(pay.innerText()).resolves.toContain('You can pay this by card, bank account (ACH), Affirm or Klarna.');

  // A refusal is shown in words, and the button works again.
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => (release = done));
  await page.route('**/api/payments/checkout', async (route) => {
    await held;
    await route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      json: { type: 'about:blank', title: 'Conflict', status: 409, detail: 'A payment of invoice INV-1080 is already on its way.' },
    });
  });
  const full = pay.getByRole('button', { name: /^Pay \$199\.00$|Opening checkout/ });
  await full.click();
  await expect(full.getAttribute('aria-busy')).resolves.toBe('true');
  await expect(full.isDisabled()).resolves.toBe(true);
  release();
  await pay.getByRole('alert').getByText('A payment of invoice INV-1080 is already on its way.').waitFor();
  await expect(pay.getByRole('button', { name: 'Pay $199.00' }).isEnabled()).resolves.toBe(true);
  await page.unroute('**/api/payments/checkout');

  // Paying part: too little is refused here, before anything is sent.
  await pay.getByText('Pay part of this invoice').click();
  const amount = pay.getByLabel('Amount to pay (USD)');
  await expect(pay.innerText()).resolves.toContain('At least $10.00, at most $199.00.');
  await amount.fill('9.99');
  await pay.getByRole('button', { name: 'Pay this amount' }).click();
  await pay.getByText('The smallest amount you can pay is $10.00.').waitFor();
  await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('pay-amount');
  await amount.fill('199.001');
  await pay.getByRole('button', { name: 'Pay this amount' }).click();
  await pay.getByText('Use at most 2 digits after the point, like 20.00.').waitFor();
  const posts = calls.filter((c) => c === 'POST /api/payments/checkout').length;
  expect(posts).toBe(1);

  // What the API refuses is shown at the field, in its words.
  await page.route('**/api/payments/checkout', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/problem+json',
      json: { type: 'about:blank', title: 'Bad request', status: 400, detail: 'Some fields are not valid.', errors: [{ field: 'amount', message: 'must be at least 1000' }] },
    }),
  );
  await amount.fill('20');
  await pay.getByRole('button', { name: 'Pay this amount' }).click();
  await pay.getByText('The amount must be at least 1000.').waitFor();
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('pay-amount');
  await page.unroute('**/api/payments/checkout');
  await checkPage(page, 'invoice with an amount refused');

  // $20.00 it is: the ways to pay follow the amount (Affirm starts at $50).
  await amount.fill('20.00');
  await expect(pay.innerText()).resolves.toContain('You can pay this by card, bank account (ACH) or Klarna.');
  await pay.getByRole('button', { name: 'Pay this amount' }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Pay 20.00 USD');
  await payOnSandbox(page, 'Pay by card (succeeds)');
  await page.getByRole('heading', { level: 1, name: 'Thank you — payment received' }).waitFor();
  expectAmount(await page.locator('main').innerText(), 'Amount', '$20.00');

  await page.getByRole('region', { name: 'Invoice' }).getByRole('link', { name: 'Invoice INV-1080' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-1080' }).waitFor();
  const payments = await page.getByRole('region', { name: 'Payments' }).innerText();
  expect(payments).toContain('Card');
  expect(payments).toContain('$20.00');
  const charges = await page.getByRole('region', { name: 'Charges' }).innerText();
  expectAmount(charges, 'Paid', '$20.00');
  expectAmount(charges, 'Balance due', '$179.00');
  // Still open, and the rest can be paid.
  await page.getByRole('region', { name: 'Pay this invoice' }).getByRole('button', { name: 'Pay $179.00' }).waitFor();

  expect(errors).toEqual([]);
  await page.close();
});

test('a bank payment (ACH) shows "on its way", then "received" when it settles', async () => {
  await newInvoice('inv_b_ach', 9_900);
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/invoices/inv_b_ach`);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-B-ACH' }).waitFor();
  await page.getByRole('button', { name: 'Pay $99.00' }).click();
  await payOnSandbox(page, 'Bank account (ACH): processing, then succeeds');

  await page.getByRole('heading', { level: 1, name: 'Your bank payment is on its way' }).waitFor();
  await announced(page, 'It can take up to 4 business days');
  const main = await page.locator('main').innerText();
  expectAmount(main, 'Amount', '$99.00');
  expectAmount(main, 'Paying with', 'Bank account (ACH)');
  await checkPage(page, 'payment on its way');

  // The bank settles it (told to only now: this file's sandbox settles no debit on a timer, which
  // could come before the page above was read); the page, still asking, says so.
  expect(await stack.stripe!.settleBankDebits()).toBe(1);
  await page.getByRole('heading', { level: 1, name: 'Thank you — payment received' }).waitFor({ timeout: 20_000 });
  await announced(page, 'Thank you — payment received');

  expect(errors).toEqual([]);
  await page.close();
});

test('invoices in two currencies cannot be paid together; a single-currency selection can', async () => {
  await newInvoice('inv_b_usd', 6_000);
  await newInvoice('inv_b_eur', 4_500, 'EUR');
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/invoices`);
  await page.getByRole('link', { name: 'Invoice INV-B-EUR' }).waitFor();
  const bar = page.getByRole('region', { name: 'Pay selected invoices' });

  await card(page, 'INV-B-EUR').getByRole('checkbox').check();
  await bar.getByText('Total €45.00').waitFor();
  await expect(bar.innerText()).resolves.toContain('You can pay this by card or Klarna.');

  await card(page, 'INV-B-USD').getByRole('checkbox').check();
  await bar.getByText('different currencies').waitFor();
  const text = await bar.innerText();
  expect(text).toContain('2 invoices selected');
  expect(text).toContain('These invoices are in different currencies (EUR, USD), so they must be paid separately');
  expect(text).not.toContain('Total');
  const button = bar.getByRole('button', { name: 'Pay selected' });
  await expect(button.isDisabled()).resolves.toBe(true);
  await checkPage(page, 'invoices in two currencies selected');

  await card(page, 'INV-B-EUR').getByRole('checkbox').uncheck();
  await bar.getByText('Total $60.00').waitFor();
  // Affirm starts at $50.
  await expect(bar.innerText()).resolves.toContain('You can pay this by card, bank account (ACH), Affirm or Klarna.');
  await expect(button.isEnabled()).resolves.toBe(true);

  expect(errors).toEqual([]);
  await page.close();
});

test('a card\'s own "Pay" pays that invoice alone; a refusal is shown on the card and the button works again', async () => {
  await newInvoice('inv_b_one', 2_500);
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/invoices`);
  const one = card(page, 'INV-B-ONE');
  await one.waitFor();

  await page.route('**/api/payments/checkout', (route) =>
    route.fulfill({ status: 409, contentType: 'application/problem+json', json: { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Invoice INV-B-ONE has nothing left to pay.' } }),
  );
  await one.getByRole('button', { name: 'Pay invoice INV-B-ONE' }).click();
  await one.getByRole('alert').getByText('Invoice INV-B-ONE has nothing left to pay.').waitFor();
  await expect(one.getByRole('button', { name: 'Pay invoice INV-B-ONE' }).isEnabled()).resolves.toBe(true);
  await page.unroute('**/api/payments/checkout');

  await one.getByRole('button', { name: 'Pay invoice INV-B-ONE' }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Pay 25.00 USD');
  // Back to the portal without paying: the cancel URL is the invoices.
  await page.getByRole('link', { name: 'Back to the portal' }).click();
  await page.waitForURL(`${stack.url}/acme/invoices`);
  await card(page, 'INV-B-ONE').getByRole('button', { name: 'Pay invoice INV-B-ONE' }).waitFor();

  expect(errors).toEqual([]);
  await page.close();
});

test('a checkout that expired says it was not completed; an unknown one is not found', async () => {
  await newInvoice('inv_b_expire', 3_300);
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/invoices/inv_b_expire`);
  await page.getByRole('button', { name: 'Pay $33.00' }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  const returnUrl = stack.stripe!.sessionAt(page.url())!.success_url;
  // Left to expire: Stripe sends the browser to the cancel URL, the invoices.
  await page.getByRole('button', { name: 'Let this checkout expire' }).click();
  await page.waitForURL(`${stack.url}/acme/invoices`);
  await card(page, 'INV-B-EXPIRE').getByRole('button', { name: 'Pay invoice INV-B-EXPIRE' }).waitFor();

  // Its return page, had the customer come back to it.
  const checkoutId = returnUrl.split('/').pop()!;
  expect(returnUrl).toBe(`${stack.url}/acme/payments/${checkoutId}`);
  await page.goto(`${stack.url}/acme/payments/${checkoutId}`);
  await page.getByRole('heading', { level: 1, name: 'This payment was not completed' }).waitFor();
  await announced(page, 'This payment was not completed');
  await page.getByRole('link', { name: 'Back to your invoices' }).waitFor();
  await checkPage(page, 'payment not completed');

  await page.goto(`${stack.url}/acme/payments/chk_0000000000000000000000`);
  await page.getByRole('heading', { level: 1, name: 'Payment not found' }).waitFor();

  expect(errors).toEqual([]);
  await page.close();
});

test("Bright Clean does not take payments: Jordan sees no pay controls there", async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(await requestLink(stack, 'brightclean', 'jordan@example.com'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.url}/brightclean/home`);

  await page.goto(`${stack.url}/brightclean/invoices`);
  await page.getByRole('link', { name: 'Invoice BC-INV-301' }).waitFor();
  await expect(page.getByRole('checkbox').count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: /pay/i }).count()).resolves.toBe(0);

  await page.getByRole('link', { name: 'Invoice BC-INV-301' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice BC-INV-301' }).waitFor();
  await expect(page.getByRole('region', { name: 'Pay this invoice' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: /pay/i }).count()).resolves.toBe(0);

  expect(errors).toEqual([]);
  await context.close();
});
