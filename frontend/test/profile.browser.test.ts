/**
 * The customer's own profile (issue 18 §2) in real Chromium against the local stack, keyboard
 * only at a phone's width: renaming, turning a notice off, changing the phone with the texted
 * code, changing the email by opening the emailed link, and a STOP texted back shown on the page.
 * At every state: axe, no sideways scroll, focus visible, targets of 24 px, reflow at 320 px and
 * at 200 % (keyboard-support.ts).
 */
import type { Browser, Page } from 'playwright-core';
import type { ProfileResponse } from '../../shared/contract/customer/profile';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, checkPage, phone, recordPageErrors, requestLink, signInAsJordan } from './browser-support';
import { auditPage, focused, named, tabTo } from './keyboard-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const profile = (page: Page) => page.evaluate(async () => (await (await fetch('/api/me')).json()) as ProfileResponse);

test('by keyboard: rename, turn text messages off, change the phone with its code and the email by its link; a STOP shows', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/profile`);
  const name = page.getByLabel('Name', { exact: true });
  await name.waitFor();
  await expect(name.inputValue()).resolves.toBe('Jordan Rivera');
  await checkPage(page, 'profile (360 px)');
  await auditPage(page, 'profile');

  // Rename.
  await tabTo(page, named('Name', 'INPUT'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Jordan R. Rivera');
  await tabTo(page, named('Save name', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Your name is saved.' }).waitFor();
  // The message takes focus once it is shown (the button's press stays where it was until then).
  await page.waitForFunction(() => document.activeElement?.textContent === 'Your name is saved.');
  expect((await profile(page)).customer.name).toBe('Jordan R. Rivera');

  // Messages about jobs: no texts. Its box is the last one, just before the save button.
  await tabTo(page, named('Save notification choices', 'BUTTON'));
  expect(await tabTo(page, named('Text', 'INPUT'), { back: true, max: 1 })).toMatchObject({ type: 'checkbox' });
  await expect(page.locator('input[name="messages-sms"]').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await page.keyboard.press('Space');
  await tabTo(page, named('Save notification choices', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Your notification choices are saved.' }).waitFor();
  expect((await profile(page)).account.notifications.messages).toEqual({ email: true, sms: false });

  // A new phone: the code texted to it, typed here.
  await tabTo(page, named('Change mobile number', 'BUTTON'), { back: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'profile-phone');
  expect((await focused(page)).name).toBe('New mobile number');
  await page.keyboard.type('(555) 555-0177');
  await tabTo(page, named('Text me a code', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.getByText(/We texted a code to •••• 0177/).waitFor();
  await stack.drainQueues();
  const text = stack.outbox.messages().find((m) => m.to === '+15555550177')!.text;
  const code = /\b(\d{6})\b/.exec(text)![1]!;
  await checkPage(page, 'profile with a code to enter');
  await auditPage(page, 'profile with a code to enter');
  await tabTo(page, named('6-digit code', 'INPUT'), { back: true });
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Your mobile number is now (555) 555-0177.' }).waitFor();
  expect((await profile(page)).customer.phone).toBe('+15555550177');

  // A new email: the link opened in this browser confirms it, and leaves the address bar.
  await tabTo(page, named('Change email', 'BUTTON'), { back: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'profile-email');
  await page.keyboard.type('jordan.new@example.com');
  await tabTo(page, named('Send the link', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.getByText(/We sent a link to j•••@example\.com/).waitFor();
  await stack.drainQueues();
  const link = stack.outbox.messages().find((m) => m.to === 'jordan.new@example.com')!.link!;
  await page.goto(link);
  await page.getByRole('status').filter({ hasText: 'Your email is now jordan.new@example.com.' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/profile`);
  await checkPage(page, 'profile after the email changed');

  // STOP texted back from the new phone: the page says texts are stopped.
  expect((await fetch(`${stack.url}/dev/sms/reply`, { method: 'POST', body: JSON.stringify({ from: '+15555550177', body: 'STOP' }) })).status).toBe(204);
  await page.reload();
  await page.getByText(/Texts to \(555\) 555-0177 are stopped: you replied STOP/).waitFor();
  await auditPage(page, 'profile with texts stopped');
  expect(errors).toEqual([]);
  await context.close();
});

test('by keyboard: set a password under the profile, then sign in with it from the sign-in page (a wrong one first)', async () => {
  // Sam, signed in by a link just now (the test above changed Jordan's email).
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await page.goto(await requestLink(stack, 'acme', 'sam@example.com'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.url}/acme/home`);
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/profile`);
  // Signed in by a link a moment ago: no current password is asked for.
  await page.getByLabel('Choose a password').waitFor();
  await tabTo(page, named('Choose a password', 'INPUT'));
  await page.keyboard.type('my kettle sings at dawn');
  await tabTo(page, named('Set password', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Your password is set.' }).waitFor();
  const email = (await profile(page)).customer.email!;
  await checkPage(page, 'profile with a password');
  await auditPage(page, 'profile with a password');

  const other = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const signIn = await other.newPage();
  await signIn.goto(`${stack.url}/acme/`);
  await signIn.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await tabTo(signIn, named('Sign in with a password instead', 'BUTTON'));
  await signIn.keyboard.press('Enter');
  await signIn.getByLabel('Password', { exact: true }).waitFor();
  // The form took the link form's place, and focus is on its email field.
  await signIn.waitForFunction(() => document.activeElement?.id === 'sign-in-email');
  await expect(signIn.getByRole('button', { name: 'Send me a sign-in link' }).count()).resolves.toBe(0);
  await auditPage(signIn, 'sign-in with a password (320 px)');
  await signIn.keyboard.type(email);
  await tabTo(signIn, named('Password', 'INPUT'));
  await signIn.keyboard.type('not my password');
  await signIn.keyboard.press('Enter');
  await signIn.getByText('Email or password is wrong, or this account signs in by link.').waitFor();
  await tabTo(signIn, named('Password', 'INPUT'), { back: true });
  await signIn.keyboard.type('my kettle sings at dawn');
  await signIn.keyboard.press('Enter');
  await signIn.waitForURL(`${stack.url}/acme/home`);
  await signIn.getByRole('heading', { level: 1 }).waitFor();
  expect(errors).toEqual([]);
  await Promise.all([context.close(), other.close()]);
});
