/**
 * Customer forms in real Chromium at 390 px against the local stack: the business defines a form
 * and sends it; from the link in the outbox, in a browser that never signed in, the customer
 * meets a refused required question (focus on it, the message tied to it), a conditional question
 * that shows and hides with its answer, leaves and reloads the page and finds their answers (the
 * draft on the server), signs by typing their name, attaches a file, reviews and submits, and
 * downloads the PDF. Signed in, the Forms section lists the demo's form to fill.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sampleFormDefinition } from '../../shared/forms/sample-form';
import type { LocalStack } from '../../infra/local/stack';
import { demo } from '../../infra/local/seed';
import { demoPdf } from '../../infra/local/demo-files';
import { browserSuite, businessApi, checkPage, drawSignature, recordPageErrors, signInAsJordan } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

/** The phone width. */
const narrow = { width: 390, height: 844 };

async function sentFormLink(formId: string, definition: typeof sampleFormDefinition = sampleFormDefinition): Promise<string> {
  expect((await businessApi(stack, 'PUT', `/forms/${formId}`, definition)).status).toBeLessThan(300);
  const before = stack.outbox.messages().length;
  expect((await businessApi(stack, 'POST', `/forms/${formId}/send`, { customerId: demo.jordan.id, channel: 'email' })).status).toBe(202);
  // The outbox lists the newest first: a message sent since `before` sits among the first (length - before).
  const message = await stack.outbox.waitFor((m) => {
    const all = stack.outbox.messages();
    return all.indexOf(m) < all.length - before && (m.link?.includes('/acme/form#token=') ?? false);
  }, 10_000);
  return message.link!;
}

async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: narrow });
  const page = await context.newPage();
  return { context, page, errors: recordPageErrors(page) };
}

/** The element with focus: its id and what describes it (its own aria-describedby, never its box's). */
const focusedField = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? '', describedBy: el?.getAttribute('aria-describedby') ?? '', invalid: el?.getAttribute('aria-invalid') ?? '' };
  });

/** What describes the focused element, as a screen reader reads it: the texts its aria-describedby names, in order. */
const focusedDescription = (page: Page) =>
  page.evaluate(() =>
    (document.activeElement?.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(no #${id})`)
      .join(' | '),
  );

test('from the link at 390 px: a refused question, a conditional one, a draft resumed after reload, a file refused and one accepted, a typed signature, submit and the PDF', async () => {
  const link = await sentFormLink('form_b_link');
  const { context, page, errors } = await freshPage();
  try {
    await page.goto(link);
    await page.getByRole('heading', { name: sampleFormDefinition.title, level: 1 }).waitFor();
    // One question per screen by default: Next without an answer is refused, focus on the question.
    await page.getByText('Question 1 of').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Answer this question.').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'form-pets');
    expect(await focusedField(page)).toMatchObject({ describedBy: expect.stringContaining('form-pets-error'), invalid: 'true' });
    await checkPage(page, 'form: a refused question');

    // The conditional question follows "Yes", and is gone after "No".
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('What pets, and where will they be?').waitFor();
    // Moving on says where you are: focus is on the next question, which "Question 2 of …" describes.
    await page.waitForFunction(() => document.activeElement?.id === 'form-petDetails');
    expect(await focusedDescription(page)).toMatch(/^Question 2 of \d+ \| So the technician can close doors/);
    await page.getByRole('radio', { name: 'All questions at once' }).check();
    await page.getByRole('radio', { name: 'No' }).check();
    expect(await page.getByLabel('What pets, and where will they be?').count()).toBe(0);
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('What pets, and where will they be?').fill('A dog, in the yard');
    await page.getByLabel('How do we get in?').fill('Side gate, code 1234');
    await page.getByRole('radio', { name: 'A repair' }).check();
    await checkPage(page, 'form: all questions');

    // Leaving the page saves the draft; the reload resumes it (from the server).
    await page.reload();
    await page.getByLabel('How do we get in?').waitFor();
    expect(await page.getByLabel('How do we get in?').inputValue()).toBe('Side gate, code 1234');
    expect(await page.getByLabel('What pets, and where will they be?').inputValue()).toBe('A dog, in the yard');
    expect(await page.getByRole('radio', { name: 'A repair' }).isChecked()).toBe(true);

    // A file: a PDF goes straight to storage and is listed; a web page named .pdf is refused with its reason.
    const fileInput = page.getByLabel('Add a photo or PDF (up to 3 files)');
    await fileInput.setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!DOCTYPE html><html></html>') });
    await page.locator('#form-photos-refused').waitFor();
    expect(await page.getByRole('button', { name: 'Remove fake.pdf' }).count()).toBe(0);
    await fileInput.setInputFiles({ name: 'label.pdf', mimeType: 'application/pdf', buffer: demoPdf('Boiler label', ['Model X-200']) });
    await page.getByRole('button', { name: 'Remove label.pdf' }).waitFor();

    // A typed signature, with the keyboard.
    await page.getByLabel('Your full name').focus();
    await page.keyboard.type('Jordan Rivera');
    await page.getByText('Typing your name signs this form as “Jordan Rivera”.').waitFor();
    await page.getByRole('button', { name: 'Review answers' }).click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await page.getByText('Signed as “Jordan Rivera”').waitFor();
    await page.getByRole('definition').filter({ hasText: 'label.pdf' }).waitFor();
    await checkPage(page, 'form: review');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText(/^Submitted/).first().waitFor();

    const pdf = page.waitForResponse((r) => r.url().endsWith('/pdf') && r.request().method() === 'GET');
    await page.getByRole('button', { name: 'Download a PDF copy' }).click();
    const answer = await pdf;
    expect(answer.status()).toBe(200);
    const file = await fetch(((await answer.json()) as { url: string }).url);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a timed draft save still on its way when the page is left is not lost with the page', async () => {
  const link = await sentFormLink('form_b_leave');
  const { context, page, errors } = await freshPage();
  try {
    await page.goto(link);
    await page.getByRole('heading', { name: sampleFormDefinition.title, level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'All questions at once' }).check();
    // Every draft save is held on its way for a moment; the first one (the timer's, every 3 s) is
    // seen leaving before the page is left, so nothing is left to save on leaving.
    let seen: () => void = () => undefined;
    const saving = new Promise<void>((done) => (seen = done));
    const held: Promise<void>[] = [];
    await page.route('**/draft', (route) => {
      seen();
      held.push(new Promise((done) => setTimeout(done, 1_000)).then(() => route.continue().catch(() => undefined)));
    });
    await page.getByLabel('How do we get in?').fill('Side gate, code 4512');
    await saving;
    await page.goto('about:blank');
    await Promise.all(held);

    const again = await context.newPage();
    await again.goto(link);
    await again.getByLabel('How do we get in?').waitFor();
    expect(await again.getByLabel('How do we get in?').inputValue()).toBe('Side gate, code 4512');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('two drawn signatures, one question per screen: each drawing is kept when its screen goes, reviewed and submitted', async () => {
  const base = sampleFormDefinition.fields.find((f) => f.id === 'signature')!;
  const definition = {
    title: 'Two signatures',
    intro: '',
    fields: [
      { ...base, id: 'owner', label: 'The owner signs', signature: 'drawn' as const },
      { ...base, id: 'tenant', label: 'The tenant signs', signature: 'drawn' as const },
    ],
  };
  const link = await sentFormLink('form_b_drawn', definition);
  const { context, page, errors } = await freshPage();
  try {
    await page.goto(link);
    await page.getByText('Question 1 of 2').waitFor();
    await page.getByLabel('Your full name').fill('Jordan Rivera');
    await page.getByRole('radio', { name: 'Draw my signature' }).check();
    await drawSignature(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Question 2 of 2').waitFor();
    await page.getByLabel('Your full name').fill('Sam Rivera');
    await page.getByRole('radio', { name: 'Draw my signature' }).check();
    await drawSignature(page);
    await page.getByRole('button', { name: 'Review answers' }).click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    const sent = page.waitForResponse((r) => r.url().endsWith('/submit') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit' }).click();
    const answer = await sent;
    expect(answer.status()).toBeLessThan(300);
    const body = JSON.parse(answer.request().postData() ?? '{}') as { answers: Record<string, { image?: string }> };
    expect(body.answers.owner?.image).toMatch(/^data:image\/png;base64,/);
    expect(body.answers.tenant?.image).toMatch(/^data:image\/png;base64,/);
    await page.getByText(/^Submitted/).first().waitFor();
    const listed = (await businessApi(stack, 'GET', '/forms/form_b_drawn/submissions')).body as { items: { answers: Record<string, { method: string; drawn: boolean }> }[] };
    expect(listed.items[0]!.answers.owner).toMatchObject({ method: 'drawn', drawn: true });
    expect(listed.items[0]!.answers.tenant).toMatchObject({ method: 'drawn', drawn: true });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('signed in: Forms is in the menu and lists the demo form to fill; it opens', async () => {
  const context = await browser.newContext({ viewport: narrow });
  try {
    const page = await signInAsJordan(stack, context);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Forms' }).click();
    await page.waitForURL(`${stack.url}/acme/forms`);
    await page.getByRole('heading', { name: 'To fill in' }).waitFor();
    await page.getByRole('link', { name: sampleFormDefinition.title }).first().click();
    await page.getByText('Question 1 of').waitFor();
    await checkPage(page, 'forms: signed in');
  } finally {
    await context.close();
  }
});

test('all at once: two drawn signatures and a file question have ids of their own; refused, each error shows at its own input or drawing box, tied to it, and takes focus', async () => {
  const base = sampleFormDefinition.fields.find((f) => f.id === 'signature')!;
  const photos = sampleFormDefinition.fields.find((f) => f.id === 'photos')!;
  const definition = {
    title: 'Two signatures and a file',
    intro: '',
    fields: [
      { ...photos, required: true },
      { ...base, id: 'owner', label: 'The owner signs', signature: 'drawn' as const },
      { ...base, id: 'tenant', label: 'The tenant signs', signature: 'drawn' as const },
    ],
  };
  const link = await sentFormLink('form_b_errors', definition);
  const { context, page, errors } = await freshPage();
  try {
    await page.goto(link);
    await page.getByRole('radio', { name: 'All questions at once' }).check();
    const owner = page.getByRole('group', { name: /The owner signs/ });
    const tenant = page.getByRole('group', { name: /The tenant signs/ });
    await owner.getByLabel('Your full name').fill('Jordan Rivera');
    await owner.getByRole('radio', { name: 'Draw my signature' }).check();
    await tenant.getByLabel('Your full name').fill('Sam Rivera');
    await tenant.getByRole('radio', { name: 'Draw my signature' }).check();
    // Choosing how the tenant signs leaves the owner's choice as it was (their radios are two groups).
    expect(await owner.getByRole('radio', { name: 'Draw my signature' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Clear the signature box', disabled: false }).first().waitFor();

    // No id twice on the page, and each label names an input of its own question.
    const ids = await page.evaluate(() => {
      const all = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const twice = all.filter((id, i) => all.indexOf(id) !== i);
      const strayLabels = [...document.querySelectorAll<HTMLLabelElement>('label[for]')]
        .filter((l) => l.closest('.question') && document.getElementById(l.htmlFor)?.closest('.question') !== l.closest('.question'))
        .map((l) => l.htmlFor);
      const canvases = [...document.querySelectorAll('canvas')].map((c) => c.id);
      return { twice, strayLabels, canvases };
    });
    expect(ids).toEqual({ twice: [], strayLabels: [], canvases: ['form-owner-signature-canvas', 'form-tenant-signature-canvas'] });
    await checkPage(page, 'form: two drawing boxes');

    // Nothing drawn, no file: refused.
    await page.getByRole('button', { name: 'Review answers' }).click();
    // The file question first: its input is invalid and described by the question's error.
    await page.waitForFunction(() => document.activeElement?.id === 'form-photos');
    expect(await focusedField(page)).toMatchObject({ invalid: 'true', describedBy: expect.stringContaining('form-photos-error') });
    expect(await focusedDescription(page)).toContain('Answer this question.');
    // Each drawing's error shows at its own box, which it describes.
    for (const who of ['owner', 'tenant']) {
      const canvas = page.locator(`#form-${who}-signature-canvas`);
      expect(await canvas.getAttribute('class')).toContain('signature-pad-invalid');
      await canvas.focus();
      expect(await focusedDescription(page)).toMatch(/Draw your signature|sign/i);
      expect(await focusedField(page)).toMatchObject({ describedBy: expect.stringContaining(`form-${who}-signature-draw-error`) });
    }
    await checkPage(page, 'form: refused drawings and file');

    // One question per screen: the owner's missing drawing takes focus at its box.
    await page.getByRole('radio', { name: 'One question at a time' }).check();
    await page.setInputFiles('#form-photos', { name: 'label.pdf', mimeType: 'application/pdf', buffer: demoPdf('Boiler label', ['Model X-200']) });
    await page.getByRole('button', { name: 'Remove label.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Question 2 of 3').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'form-owner-signature-canvas');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
