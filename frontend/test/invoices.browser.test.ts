/**
 * The customer's invoices in real Chromium against the local stack: the Invoices menu item, the
 * Open and Paid tabs, an invoice's page (lines, totals, payments, printing), the invoices on a
 * job's page, and not-found for an invoice that is not the customer's. Acme takes payments, so
 * what is left to pay has pay controls, and nothing else has (paying itself: payments.browser.test.ts).
 *
 * The demo data is infra/local/seed.ts's (`jordanInvoices`); what this test expects of it is in
 * `demo` below. Sam's inv_2001 and Bright Clean's inv_bc301 must never show to Jordan at Acme.
 */
import type { Browser, Page } from 'playwright-core';
import type { InvoiceListResponse } from '../../shared/contract/customer/invoices';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, checkPage, phone, recordPageErrors, signInAsJordan, esc, expectAmount, expectTitle } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

/** Jordan's invoices at Acme as the seed writes them (lines and tax from each invoice's job). */
const demo = {
  open: ['INV-1063', 'INV-1080', 'INV-1090'],
  paid: ['INV-1041', 'INV-1077'],
  /** Job J-1063, due in 9 days, $100.00 paid by check. */
  inv1063: { total: '$267.46', paid: '$100.00', balance: '$167.46', lines: 4, job: 'job_sk1063', jobTitle: 'Kitchen sink leak repair' },
  /** Job J-1077, paid in full. */
  inv1077: { subtotal: '$173.00', tax: '$1.92', total: '$174.92', job: 'job_fn1077' },
  /** No job: one line. */
  inv1080: { line: 'Annual maintenance plan', balance: '$199.00' },
  /** Job J-1041, paid in full by check. */
  inv1041: { job: 'job_wh1041' },
};

/** The invoice numbers the selected tab lists, in order. */
function listedInvoices(page: Page): Promise<string[]> {
  return page.getByRole('tabpanel').getByRole('heading', { level: 2 }).allInnerTexts();
}

/** The card in the list that links to this invoice. */
function card(page: Page, number: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Invoice ${number}` }) });
}

/** "Balance due $167.46" in a card's or the totals' text (label and amount on one line or two). */
/** Nothing offers to pay, or to pick invoices for paying: nothing is left to pay here. */
async function expectNoPayControls(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /pay/i }).count()).resolves.toBe(0);
  await expect(page.getByRole('link', { name: /^pay/i }).count()).resolves.toBe(0);
  await expect(page.getByRole('checkbox').count()).resolves.toBe(0);
}

test('Invoices in the menu: open and paid tabs, an invoice with its lines and totals, printable, and on its job', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  await page.getByRole('heading', { level: 1, name: 'Work history' }).waitFor();

  // --- the menu leads to the Open tab ---
  const nav = page.getByRole('navigation', { name: 'Portal' });
  await nav.getByRole('link', { name: 'Invoices' }).click();
  await page.waitForURL(`${stack.url}/acme/invoices`);
  await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
  await expect(nav.getByRole('link', { name: 'Invoices' }).getAttribute('aria-current')).resolves.toBe('page');
  await expect(nav.getByRole('link', { name: 'Work history' }).getAttribute('aria-current')).resolves.toBeNull();
  await expect(page.getByRole('tab', { name: 'Open' }).getAttribute('aria-selected')).resolves.toBe('true');
  await page.getByRole('link', { name: 'Invoice INV-1063' }).waitFor();
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
  await page.locator('[aria-live="polite"]', { hasText: 'Invoices' }).waitFor({ state: 'attached' });
  await expectTitle(page, 'Acme Plumbing & Heating – Invoices');
  expect((await listedInvoices(page)).sort()).toEqual(demo.open.map((n) => `Invoice ${n}`));
  await expect(page.locator('body').innerText()).resolves.not.toContain('INV-2001');
  const text1063 = await card(page, 'INV-1063').innerText();
  expect(text1063).toContain('Open');
  expect(text1063).toMatch(/Issued\s/);
  expect(text1063).toMatch(/Due\s/);
  expectAmount(text1063, 'Total', demo.inv1063.total);
  expectAmount(text1063, 'Paid', demo.inv1063.paid);
  expectAmount(text1063, 'Balance', demo.inv1063.balance);
  // Due in 9 days: not overdue.
  expect(text1063).not.toContain('Overdue');
  // Acme takes payments: each open invoice can be ticked, or paid alone; nothing is ticked yet.
  await expect(page.getByRole('checkbox').count()).resolves.toBe(demo.open.length);
  await expect(card(page, 'INV-1063').getByRole('button', { name: 'Pay invoice INV-1063' }).count()).resolves.toBe(1);
  await expect(page.getByRole('button', { name: /^Pay invoice/ }).count()).resolves.toBe(demo.open.length);
  await expect(page.getByRole('region', { name: 'Pay selected invoices' }).count()).resolves.toBe(0);
  await checkPage(page, 'invoices (open)');

  // --- the Paid tab, by keyboard ---
  await page.getByRole('tab', { name: 'Open' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Paid' }).getAttribute('aria-selected')).resolves.toBe('true');
  await page.getByRole('link', { name: 'Invoice INV-1041' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/invoices?status=paid`);
  expect((await listedInvoices(page)).sort()).toEqual(demo.paid.map((n) => `Invoice ${n}`));
  expectAmount(await card(page, 'INV-1041').innerText(), 'Balance', '$0.00');
  await expectNoPayControls(page);
  await checkPage(page, 'invoices (paid)');

  // --- a paid invoice: its payment, by check ---
  await page.getByRole('link', { name: 'Invoice INV-1041' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-1041' }).waitFor();
  await expect(page.locator('main .invoice-head').innerText()).resolves.toContain('Paid');
  const payments = page.getByRole('region', { name: 'Payments' });
  await expect(payments.innerText()).resolves.toContain('Check');
  expectAmount(await page.getByRole('region', { name: 'Charges' }).innerText(), 'Balance due', '$0.00');
  await expect(page.getByRole('link', { name: 'View the job' }).getAttribute('href')).resolves.toBe(`/acme/jobs/${demo.inv1041.job}`);
  await expectNoPayControls(page);
  await checkPage(page, 'invoice (paid)');

  // Back to the list keeps the tab.
  await page.getByRole('link', { name: 'All invoices' }).click();
  await page.waitForURL(`${stack.url}/acme/invoices?status=paid`);
  await page.getByRole('tab', { name: 'Open' }).click();
  expect(page.url()).toBe(`${stack.url}/acme/invoices`);

  // --- an open invoice: lines, totals, balance, the payment so far ---
  await page.getByRole('link', { name: 'Invoice INV-1063' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-1063' }).waitFor();
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
  await page.locator('[aria-live="polite"]', { hasText: 'Invoice INV-1063' }).waitFor({ state: 'attached' });
  await expectTitle(page, 'Acme Plumbing & Heating – Invoice INV-1063');
  await expect(nav.getByRole('link', { name: 'Invoices' }).getAttribute('aria-current')).resolves.toBe('page');
  await expect(page.locator('main .invoice-head').innerText()).resolves.toMatch(/Open[\s\S]*Issued\s[\s\S]*Due\s/);
  const lines = page.getByRole('table', { name: 'Charges on invoice INV-1063' });
  const headers = await lines.getByRole('columnheader').allInnerTexts();
  expect(headers.map((h) => h.trim())).toEqual(['Item', 'Amount']);
  await expect(lines.locator('tbody tr').count()).resolves.toBe(demo.inv1063.lines);
  const charges = await page.getByRole('region', { name: 'Charges' }).innerText();
  expectAmount(charges, 'Total', demo.inv1063.total);
  expectAmount(charges, 'Paid', demo.inv1063.paid);
  expectAmount(charges, 'Balance due', demo.inv1063.balance);
  expect(charges).not.toContain('Refunded');
  const paymentText = await payments.innerText();
  expect(paymentText).toContain('Check');
  expect(paymentText).toContain(demo.inv1063.paid);
  await page.getByRole('region', { name: 'Pay this invoice' }).getByRole('button', { name: `Pay ${demo.inv1063.balance}` }).waitFor();
  await checkPage(page, 'invoice (open)');

  // Print: the button opens the browser's print dialog; printed, the menu and buttons are gone.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
  await expect(page.getByRole('region', { name: 'Pay this invoice' }).isVisible()).resolves.toBe(false);
  await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(false);
  await expect(nav.isVisible()).resolves.toBe(false);
  await expect(page.getByRole('link', { name: 'All invoices' }).isVisible()).resolves.toBe(false);
  await expect(page.getByRole('heading', { level: 1, name: 'Invoice INV-1063' }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('region', { name: 'Charges' }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('banner').innerText()).resolves.toContain('Acme Plumbing & Heating');
  await page.emulateMedia({ media: 'screen' });

  // --- the invoice's job lists it, with its status and balance ---
  await page.getByRole('link', { name: 'View the job' }).click();
  await page.waitForURL(`${stack.url}/acme/jobs/${demo.inv1063.job}`);
  await page.getByRole('heading', { level: 1, name: demo.inv1063.jobTitle }).waitFor();
  const row = page.getByRole('region', { name: 'Invoices' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Invoice INV-1063' }) });
  await expect(row.innerText()).resolves.toMatch(new RegExp(`Open[\\s\\S]*Balance ${esc(demo.inv1063.balance)}`));
  await checkPage(page, 'job with an invoice');
  await row.getByRole('link', { name: 'Invoice INV-1063' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-1063' }).waitFor();

  // --- tax on its own line; an invoice without a job has no job link ---
  await page.goto(`${stack.url}/acme/invoices/inv_1077`);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-1077' }).waitFor();
  const charges1077 = await page.getByRole('region', { name: 'Charges' }).innerText();
  expectAmount(charges1077, 'Subtotal', demo.inv1077.subtotal);
  expectAmount(charges1077, 'Tax', demo.inv1077.tax);
  expectAmount(charges1077, 'Total', demo.inv1077.total);
  await expect(page.getByRole('link', { name: 'View the job' }).getAttribute('href')).resolves.toBe(`/acme/jobs/${demo.inv1077.job}`);

  await page.goto(`${stack.url}/acme/invoices/inv_1080`);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-1080' }).waitFor();
  await expect(page.getByRole('table', { name: 'Charges on invoice INV-1080' }).innerText()).resolves.toContain(demo.inv1080.line);
  expectAmount(await page.getByRole('region', { name: 'Charges' }).innerText(), 'Balance due', demo.inv1080.balance);
  await expect(page.getByRole('link', { name: 'View the job' }).count()).resolves.toBe(0);

  expect(errors).toEqual([]);
  await context.close();
});

test("an unknown invoice, another customer's, or another business's shows not found", async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);

  for (const id of ['inv_2001', 'inv_bc301', 'inv_nope']) {
    await page.goto(`${stack.url}/acme/invoices/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Invoice not found' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toContain("We couldn't find this invoice.");
    await expect(page.getByRole('link', { name: 'All invoices' }).getAttribute('href')).resolves.toBe('/acme/invoices');
    await expect(page.locator('body').innerText()).resolves.not.toMatch(/INV-2001|INV-BC301/i);
  }
  await expectTitle(page, 'Acme Plumbing & Heating – Invoice not found');
  await checkPage(page, 'invoice not found');

  expect(errors).toEqual([]);
  await context.close();
});

test('"Load more" reads the next page and moves focus to it; an invoice past its due day is marked overdue', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  const past = new Date(Date.now() - 40 * 24 * 60 * 60_000).toISOString();

  // The first page ends with a cursor; the "next page" is one invoice, 40 days past due.
  await page.route('**/api/invoices?*', async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.get('status') !== 'open') return route.continue();
    if (url.searchParams.get('cursor') === 'next') {
      const next: InvoiceListResponse = {
        items: [{ id: 'inv_late', number: 'INV-0999', jobId: null, issuedAt: past, dueAt: past, total: 5000, amountPaid: 1000, amountPending: 0, balance: 4000, currency: 'USD', status: 'open' }],
        nextCursor: null,
      };
      return route.fulfill({ json: next });
    }
    const response = await route.fetch();
    const body = (await response.json()) as InvoiceListResponse;
    return route.fulfill({ response, json: { ...body, nextCursor: 'next' } });
  });

  await page.goto(`${stack.url}/acme/invoices`);
  await page.getByRole('link', { name: 'Invoice INV-1063' }).waitFor();
  await page.getByRole('button', { name: 'Load more' }).click();
  const late = page.getByRole('link', { name: 'Invoice INV-0999' });
  await late.waitFor();
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Invoice INV-0999');
  await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
  const lateText = await card(page, 'INV-0999').innerText();
  expect(lateText).toMatch(/Due\s[^\n]*Overdue/);
  expectAmount(lateText, 'Balance', '$40.00');
  // The earlier invoices are still listed, once each.
  const listed = await listedInvoices(page);
  expect(listed.filter((n) => n === 'Invoice INV-1063')).toHaveLength(1);
  await checkPage(page, 'invoices with an overdue one');

  expect(errors).toEqual([]);
  await context.close();
});

test('a signed-out visitor to the invoices is sent to sign in', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await page.goto(`${stack.url}/acme/invoices/inv_1063`);
  // The invoice asked for rides along, to come back to after the sign-in link (rule 67).
  await page.waitForURL(`${stack.url}/acme/?returnTo=%2Facme%2Finvoices%2Finv_1063`);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await expect(page.locator('body').innerText()).resolves.not.toContain('INV-1063');
  await context.close();
});
