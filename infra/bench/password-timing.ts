/**
 * Equal answers in equal time (security.md 83): `POST /api/auth/password` for an unknown email, a
 * wrong password and an account that signs in by link, `tries` times each, interleaved (a round
 * runs the three in a shuffled order, so drift in the machine's load falls on all three alike),
 * through the local gateway, each from an address of its own. The account's wrong tries are
 * forgotten between tries (untimed), so the throttle never answers instead. Reports each kind's
 * median and p95 and how far the medians are apart.
 *
 * Two things keep a busy machine from reading as a leak. Untimed warm-up rounds first, so the JIT
 * and the stores' first reads fall on no kind. And a control: the wrong password is measured twice
 * under two labels in every round, so the run says how far two samples of the *same* answer drift
 * apart on this machine today (`noise`), the figure the spread is read against. One busy run had a
 * 9.6 % spread where three earlier and three later runs had 2.2–3.1 %, with the sign-in unchanged.
 */
import { performance } from 'node:perf_hooks';
import { accountHashOf } from '../../shared/auth/password/sign-in';
import type { LocalStack } from '../local/stack';
import { benchCustomer, benchPassword, benchPasswordAccount } from './fixtures';
import { percentile } from './report';

export interface PasswordTimingResult {
  tries: number;
  kinds: { label: string; medianMs: number; p95Ms: number; statuses: number[] }[];
  /** The largest median over the smallest, minus one (0.05 = 5 %), over the three kinds. */
  spread: number;
  /** The same, between the wrong password and its control (the same answer, sampled again). */
  noise: number;
  /** The control's median and p95. */
  control: { medianMs: number; p95Ms: number };
}

/** How far apart a set of medians is: the largest over the smallest, minus one. */
const spreadOf = (medians: number[]) => Math.max(...medians) / Math.min(...medians) - 1;

export async function measurePasswordTiming(stack: LocalStack, tries: number): Promise<PasswordTimingResult> {
  const acme = stack.demo.acme.business;
  const withPassword = await benchPasswordAccount(stack, acme.id);
  const linkOnlyId = `cus_bench_linkonly_${Date.now().toString(36)}`;
  await benchCustomer(stack, acme.id, linkOnlyId);
  const kinds = [
    { label: 'unknown email', email: 'nobody-at-all@bench.example', password: benchPassword },
    { label: 'wrong password', email: withPassword.email, password: 'not the bench password' },
    { label: 'link-only account', email: `${linkOnlyId.replace(/_/g, '-')}@bench.example`, password: benchPassword },
    { label: 'wrong password (control)', email: withPassword.email, password: 'not the bench password' },
  ];
  const control = 3;
  const times = kinds.map(() => [] as number[]);
  const statuses = kinds.map(() => new Set<number>());
  let ip = 0;
  const warmUpRounds = Math.min(20, Math.ceil(tries / 10));
  for (let round = -warmUpRounds; round < tries; round++) {
    const order = kinds.map((_, k) => k).sort(() => Math.random() - 0.5);
    for (const k of order) {
      const kind = kinds[k]!;
      await stack.stores.passwords.clearTries(acme.id, accountHashOf(kind.email));
      ip += 1;
      const started = performance.now();
      const res = await fetch(`${stack.url}/api/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.url, 'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}` },
        body: JSON.stringify({ portal: acme.slug, email: kind.email, password: kind.password }),
      });
      await res.arrayBuffer();
      if (round < 0) continue;
      times[k]!.push(performance.now() - started);
      statuses[k]!.add(res.status);
    }
  }
  const result = kinds.map((kind, k) => ({ label: kind.label, medianMs: percentile(times[k]!, 50), p95Ms: percentile(times[k]!, 95), statuses: [...statuses[k]!] }));
  const answers = result.slice(0, control);
  const { medianMs, p95Ms } = result[control]!;
  return {
    tries,
    kinds: answers,
    spread: spreadOf(answers.map((r) => r.medianMs)),
    noise: spreadOf([result[1]!.medianMs, medianMs]),
    control: { medianMs, p95Ms },
  };
}
