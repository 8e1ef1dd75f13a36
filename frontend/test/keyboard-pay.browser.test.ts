/**
 * Paying with the keyboard alone (WCAG 2.1.1), in real Chromium against the local stack and its
 * Stripe sandbox: two invoices ticked with Space and paid through the sticky "Pay selected" bar,
 * one invoice from its own page, and part of an invoice from a pay link; each to the sandbox's
 * checkout page and back to the receipt. No clicks. At every focus stop in the portal, focus is
 * visible and not under the sticky pay bar (2.4.11); on every page state, targets and reflow are
 * checked (keyboard-support.ts). The sandbox's page stands in for Stripe's and is only pressed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { backOnReturnPage, browserSuite, businessApi, phone, recordPageErrors, signInAsJordan } from './browser-support';
import { auditPage, focused, named, tabTo } from './keyboard-support';

let stack: LocalStack;
let browser: Browser;
let acme: BrowserContext;

browserSuite((started) => ({ stack, browser } = started));

beforeAll(async () => {
  acme = await browser.newContext({ viewport: phone });
  await (await signInAsJordan(stack, acme)).close();
}, 60_000);

const day = 24 * 3600_000;

/** A fresh open invoice of Jordan's at Acme. */
async function newInvoice(id: string, cents: number): Promise<string> {
  const number = id.toUpperCase().replace(/_/g, '-');
  const res = await businessApi(stack, 'PUT', `/invoices/${id}`, {
    customerId: seed.jordan.id,
    number,
    issuedAt: new Date(Date.now() - day).toISOString(),
    dueAt: new Date(Date.now() + 30 * day).toISOString(),
    currency: 'USD',
    lines: [{ description: 'Boiler service', quantity: 1, unitAmount: cents }],
  });
  expect(res.status).toBe(201);
  return number;
}

/** On the sandbox's checkout page: Tab to the outcome's button, Enter, and back on the portal's return page. */
async function payOnSandboxByKeyboard(page: Page): Promise<void> {
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  await tabTo(page, named('Pay by card (succeeds)', 'BUTTON'), { check: false });
  await page.keyboard.press('Enter');
  await backOnReturnPage(page, stack);
  await page.getByRole('heading', { level: 1, name: 'Thank you — payment received' }).waitFor();
}

test('two invoices ticked with Space, paid through the sticky bar with Enter; focus never hides under the bar', async () => {
  const first = await newInvoice('inv_kb_two_a', 12_000);
  const second = await newInvoice('inv_kb_two_b', 8_050);
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/invoices`);
  await page.getByRole('link', { name: `Invoice ${first}` }).waitFor();
  await auditPage(page, 'open invoices');

  await tabTo(page, named(`Select invoice ${first}`, 'INPUT'));
  await page.keyboard.press('Space');
  const bar = page.getByRole('region', { name: 'Pay selected invoices' });
  await bar.waitFor();
  await auditPage(page, 'open invoices, one ticked (the sticky bar shows)');
  // Every stop from here on is checked against the bar that now sits over the list's foot.
  await tabTo(page, named(`Select invoice ${second}`, 'INPUT'));
  await page.keyboard.press('Space');
  await bar.getByText('2 invoices selected').waitFor();
  await bar.getByText('Total $200.50').waitFor();
  await auditPage(page, 'open invoices, two ticked');
  // Back up through the whole list past the bar, then down to it: each stop visible, none under the bar.
  await tabTo(page, (f) => f.name === 'Invoices' && f.tag === 'A', { back: true, max: 80 });
  await tabTo(page, named('Pay selected', 'BUTTON'), { max: 80 });
  await page.keyboard.press('Enter');

  await payOnSandboxByKeyboard(page);
  await expect(page.locator('main').innerText()).resolves.toContain('$200.50');
  await auditPage(page, 'payment received for two');
  // The receipt's links are reachable too.
  await tabTo(page, named(`Invoice ${first}`, 'A'));
  expect(errors).toEqual([]);
  await page.close();
});

test('one invoice from its own page: Tab to "Pay $…", Enter, back to the receipt', async () => {
  const number = await newInvoice('inv_kb_one', 15_000);
  const page = await acme.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/invoices`);
  await page.getByRole('link', { name: `Invoice ${number}` }).waitFor();
  await tabTo(page, named(`Invoice ${number}`, 'A'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Invoice ${number}` }).waitFor();
  await auditPage(page, 'an invoice');
  await tabTo(page, named('Pay $150.00', 'BUTTON'));
  await page.keyboard.press('Enter');
  await payOnSandboxByKeyboard(page);
  await auditPage(page, 'payment received for one');
  expect(errors).toEqual([]);
  await page.close();
});

test('part of an invoice from a pay link: Enter opens "Pay part of this invoice", the amount typed, Enter pays', async () => {
  const number = await newInvoice('inv_kb_part', 25_000);
  expect((await businessApi(stack, 'POST', '/invoices/inv_kb_part/send', { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  const link = stack.outbox.messages().find((m) => m.link?.includes('/acme/pay#token='))!.link!;

  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: `Invoice ${number}` }).waitFor();
  await auditPage(page, 'pay link');
  await tabTo(page, named('Pay part of this invoice', 'SUMMARY'));
  await page.keyboard.press('Enter');
  await page.getByLabel('Amount to pay (USD)').waitFor();
  await auditPage(page, 'pay link, part payment open');
  await tabTo(page, named('Amount to pay (USD)', 'INPUT'));
  await page.keyboard.type('80.50');
  await tabTo(page, named('Pay this amount', 'BUTTON'));
  await page.keyboard.press('Enter');
  await payOnSandboxByKeyboard(page);
  await expect(page.locator('main').innerText()).resolves.toContain('$80.50');
  await auditPage(page, 'pay link, payment received');
  // Back to the invoice, by keyboard: the lower balance.
  await tabTo(page, named('Back to the invoice', 'A'));
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Pay $169.50' }).waitFor();
  expect((await focused(page)).tag).not.toBe('BODY');
  expect(errors).toEqual([]);
  await context.close();
});
