import fc from 'fast-check';
import * as v from 'valibot';
import { Email, Phone } from './common';
import { SignInLinkRequest, signInLinkRequestSchemaFor, SignInToken } from './customer/auth';
import { JobListQuery } from './customer/jobs';
import { Slug } from './slugs';

test('emails are trimmed and lower-cased; junk is refused', () => {
  expect(v.parse(Email, '  Jordan@Example.COM ')).toBe('jordan@example.com');
  for (const bad of ['', 'jordan', 'a@b', 'jordan@example.com\u0000', `${'a'.repeat(250)}@example.com`]) expect(v.safeParse(Email, bad).success).toBe(false);
});

test('phones must be E.164', () => {
  expect(v.safeParse(Phone, '+15555550123').success).toBe(true);
  for (const bad of ['5555550123', '+0555', '+1 555 555 0123', '+1555555012345678']) expect(v.safeParse(Phone, bad).success).toBe(false);
});

test('slugs and tokens: arbitrary strings never slip through with key separators', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const slug = v.safeParse(Slug, s);
      if (slug.success) expect(slug.output).toMatch(/^[a-z0-9-]+$/);
      const token = v.safeParse(SignInToken, s);
      if (token.success) expect(token.output).toHaveLength(43);
    }),
  );
});

test('the sign-in request picks its variant from the body so errors name the right field', () => {
  const phoneIssues = v.safeParse(signInLinkRequestSchemaFor({ portal: 'acme', phone: 'x' }), { portal: 'acme', phone: 'x' });
  expect(phoneIssues.success).toBe(false);
  expect(v.getDotPath(phoneIssues.issues![0]!)).toBe('phone');
});

test('job list query defaults and bounds', () => {
  expect(v.parse(JobListQuery, {})).toEqual({ when: 'upcoming', limit: 20 });
  expect(v.parse(JobListQuery, { when: 'past', limit: '50' })).toEqual({ when: 'past', limit: 50 });
  expect(v.safeParse(JobListQuery, { limit: '51' }).success).toBe(false);
  expect(v.safeParse(JobListQuery, { limit: '1.5' }).success).toBe(false);
});

test('the sign-in variants are the very members of the union the OpenAPI document shows', () => {
  expect(SignInLinkRequest.options).toContain(signInLinkRequestSchemaFor({ phone: '+15555550123' }));
  expect(SignInLinkRequest.options).toContain(signInLinkRequestSchemaFor({ email: 'a@example.com' }));
});
