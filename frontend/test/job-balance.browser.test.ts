/**
 * A job's balance in real Chromium (issue 17, rough edge 8): the job page's "Balance due" is what
 * the job's invoices still ask for, the same number the invoice, the job's invoice list and the
 * work history show; the page says what the number is, and shows work not invoiced yet apart.
 */
import type { Browser } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { invoiceBody, jobBody } from '../../infra/local/testing/business-api';
import { browserSuite, businessApi, checkPage, phone, recordPageErrors, signInAsJordan, expectAmount } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const day = 24 * 3600_000;

/** "Balance due $180.00" in a region's text (label and amount on one line or two). */
/** $500.00 of work on a job of Jordan's, a $300.00 invoice for part of it, and $120.00 of that paid by check. */
async function partlyInvoicedJob(): Promise<void> {
  const job = await businessApi(
    stack,
    'PUT',
    '/jobs/job_bt_due',
    jobBody(stack, seed.jordan.id, 3 * day, {
      number: 'J-BT-DUE',
      title: 'Water softener install',
      scopeOfWork: 'Install a water softener.',
      charges: [{ id: 'l1', description: 'Water softener, installed', quantity: 1, unitAmount: 50_000 }],
    }),
  );
  expect(job.status).toBe(201);
  const invoice = await businessApi(
    stack,
    'PUT',
    '/invoices/inv_bt_due',
    invoiceBody(stack, seed.jordan.id, { jobId: 'job_bt_due', number: 'INV-BT-DUE', lines: [{ description: 'Softener unit', quantity: 1, unitAmount: 30_000 }] }),
  );
  expect(invoice.status).toBe(201);
  expect((await businessApi(stack, 'POST', '/invoices/inv_bt_due/payments', { amount: 12_000, currency: 'USD', method: 'check' })).status).toBe(201);
}

test('after a part payment the job page says "Balance due $180.00" (what its invoice says), explains it, and shows $200.00 not invoiced yet; the work history says the same', async () => {
  await partlyInvoicedJob();
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);

  // The work history's card.
  const cardText = await page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Water softener install' }) }).innerText();
  expectAmount(cardText, 'Total', '$500.00');
  expectAmount(cardText, 'Not invoiced yet', '$200.00');
  expectAmount(cardText, 'Balance due', '$180.00');

  await page.getByRole('link', { name: 'Water softener install' }).click();
  await page.getByRole('heading', { level: 1, name: 'Water softener install' }).waitFor();
  const charges = await page.getByRole('region', { name: 'Charges & payments' }).innerText();
  expectAmount(charges, 'Total', '$500.00');
  expectAmount(charges, 'Paid', '$120.00');
  expectAmount(charges, 'Not invoiced yet', '$200.00');
  expectAmount(charges, 'Balance due', '$180.00');
  expect(charges).toContain('What you owe on this job’s invoices.');
  // The job's invoice list says the same.
  const row = page.getByRole('region', { name: 'Invoices' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Invoice INV-BT-DUE' }) });
  await expect(row.innerText()).resolves.toMatch(/Balance \$180\.00/);
  await checkPage(page, 'job with work not invoiced yet');

  // And the invoice itself.
  await row.getByRole('link', { name: 'Invoice INV-BT-DUE' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-BT-DUE' }).waitFor();
  expectAmount(await page.getByRole('region', { name: 'Charges' }).innerText(), 'Balance due', '$180.00');

  // A job whose invoices ask for all of its work shows no "Not invoiced yet".
  await page.goto(`${stack.url}/acme/jobs/job_sk1063`);
  await page.getByRole('heading', { level: 1, name: 'Kitchen sink leak repair' }).waitFor();
  const fully = await page.getByRole('region', { name: 'Charges & payments' }).innerText();
  expectAmount(fully, 'Balance due', '$167.46');
  expect(fully).not.toContain('Not invoiced yet');

  expect(errors).toEqual([]);
  await context.close();
});
