import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { allowedFields, describeError, redactFields, scrubText } from './redact';

const token = () => randomBytes(32).toString('base64url');

describe('allow-list of field names', () => {
  it('keeps allowed names and redacts every other value, keeping its name', () => {
    expect(redactFields({ route: 'GET /api/jobs/{jobId}', status: 200, ms: 12, email: 'ann@example.com', phone: 42, body: null, ok: true })).toEqual({
      route: 'GET /api/jobs/{jobId}',
      status: 200,
      ms: 12,
      email: '[redacted]',
      phone: '[redacted]',
      body: '[redacted]',
      ok: '[redacted]',
    });
  });

  it('drops undefined values rather than announcing them', () => {
    expect(redactFields({ requestId: undefined, session: undefined })).toEqual({ requestId: undefined });
  });

  it('applies to nested objects: allowed names inside allowed names', () => {
    expect(redactFields({ kind: { jobId: 'j-1', customer: { name: 'Ann' }, status: 'done' } })).toEqual({
      kind: { jobId: 'j-1', customer: '[redacted]', status: 'done' },
    });
  });

  it('redacts a non-allowed name wholesale, even when allowed names are inside it', () => {
    expect(redactFields({ customer: { customerId: 'c-1', email: 'ann@example.com' } })).toEqual({ customer: '[redacted]' });
  });

  it('applies to arrays: each element under an allowed name is walked', () => {
    const sessionId = token();
    expect(redactFields({ count: [1, 'x', { jobId: 'j-1', sessionId }, [{ token: sessionId, status: 3 }]] })).toEqual({
      count: [1, 'x', { jobId: 'j-1', sessionId: '[redacted]' }, [{ token: '[redacted]', status: 3 }]],
    });
    expect(redactFields({ recipients: ['ann@example.com'] })).toEqual({ recipients: '[redacted]' });
  });

  it('scrubs strings under allowed names, at any depth', () => {
    const link = `https://portal.example.com/sign-in#token=${token()}`;
    expect(redactFields({ outcome: link, kind: { reason: `sent to ann@example.com`, count: ['+447700900123'] } })).toEqual({
      outcome: 'https://portal.example.com/sign-in#token=[secret]',
      kind: { reason: 'sent to [email]', count: ['[phone]'] },
    });
  });

  it('scrubs names that are not allowed, since a key can be data', () => {
    expect(redactFields({ 'ann@example.com': 1 })).toEqual({ '[email]': '[redacted]' });
  });

  it('describes an Error found under an allowed name, never its other properties', () => {
    const error = Object.assign(new Error('failed for ann@example.com'), { payload: { email: 'ann@example.com' } });
    const out = redactFields({ kind: error }) as { kind: Record<string, unknown> };
    expect(Object.keys(out.kind).sort()).toEqual(['errorMessage', 'errorName', 'stack']);
    expect(JSON.stringify(out)).not.toContain('ann@example.com');
  });

  it('survives cycles and deep nesting', () => {
    const a: Record<string, unknown> = { jobId: 'j-1' };
    a.kind = a;
    expect(redactFields({ kind: a })).toEqual({ kind: { jobId: 'j-1', kind: '[circular]' } });
    let deep: Record<string, unknown> = { jobId: 'bottom' };
    for (let i = 0; i < 20; i++) deep = { kind: deep };
    expect(JSON.stringify(redactFields(deep))).toContain('[truncated]');
  });

  it('converts values JSON would not carry', () => {
    expect(redactFields({ count: 10n, status: new Date('2025-01-02T03:04:05.000Z'), kind: () => 1 })).toEqual({
      count: '10',
      status: '2025-01-02T03:04:05.000Z',
      kind: '[redacted]',
    });
  });

  it('drops names the caller asks to skip', () => {
    expect(redactFields({ cold_start: 'x', status: 1 }, new Set(['cold_start']))).toEqual({ status: 1 });
  });

  it('holds ids, outcomes and timings, not contact details or credentials', () => {
    for (const name of ['route', 'status', 'ms', 'requestId', 'kind', 'outcome', 'channel', 'messageId', 'businessId', 'customerId', 'jobId', 'errorName', 'errorMessage', 'stack', 'attempt', 'count', 'eventType', 'endpointId', 'keyId']) {
      expect(allowedFields.has(name)).toBe(true);
    }
    for (const name of ['email', 'phone', 'name', 'token', 'sessionId', 'apiKey', 'secret', 'cookie', 'authorization', 'body', 'headers', 'event', 'error', 'link', 'url', 'contact']) {
      expect(allowedFields.has(name)).toBe(false);
    }
  });
});

describe('scrubbing free text', () => {
  const cases: [string, string, string][] = [
    ['an e-mail address', 'sent to ann.lee+portal@mail.example.co.uk today', 'sent to [email] today'],
    ['a URL-encoded e-mail address', '/api?email=ann%40example.com&x=1', '/api?email=[email]&x=1'],
    ['a live API key', 'key fsp_live_k7Hq2x_AbCdEf0123456789xyzABCDEFghij0123Q9 rejected', 'key [api-key] rejected'],
    ['a test API key', 'key=fsp_test_abc_def-ghi.', 'key=[api-key].'],
    ['a webhook secret', 'secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw== set', 'secret [webhook-secret] set'],
    ['a Bearer value', 'sent Bearer abc.def-123 upstream', 'sent Bearer [redacted] upstream'],
    ['a Link authorization value', 'header Link 0123456789abcdefXYZ_ seen', 'header Link [redacted] seen'],
    ['an Authorization header', 'authorization: Basic dXNlcjpwYXNz, next', 'authorization: [redacted], next'],
    ['an Authorization header as JSON', '{"Authorization":"Bearer x"}', '{"Authorization":"[redacted]"}'],
    ['a Cookie header', 'cookie: session=abc; theme=dark', 'cookie: [redacted]'],
    ['a phone number in E.164', 'text to +447700900123.', 'text to [phone].'],
    ['a phone number with spaces', 'call +1 415 555 2671 now', 'call [phone] now'],
    ['a URL-encoded phone number', '?phone=%2B14155552671', '?phone=[phone]'],
    ['a 32-character hex run', 'etag 0123456789abcdef0123456789ABCDEF end', 'etag [secret] end'],
    ['a hex run inside a name, on its own', 'cache job-0123456789abcdef0123456789abcdef.json', 'cache job-[secret].json'],
    ['a hex run of letters only', 'x deadbeefdeadbeefdeadbeefdeadbeef', 'x [secret]'],
    ['a sha-256 hex digest', `hash ${createHash('sha256').update('x').digest('hex')}`, 'hash [secret]'],
    ['a base64 run', `blob ${randomBytes(33).toString('base64')}`, 'blob [secret]'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.x', '[secret].[secret].x'],
  ];
  it.each(cases)('replaces %s', (_what, input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('replaces every sign-in token and session id (32 random bytes, base64url)', () => {
    for (let i = 0; i < 5000; i++) {
      const secret = token();
      const out = scrubText(`GET /sign-in#token=${secret} session=${secret};`);
      expect(out).toBe('GET /sign-in#token=[secret] session=[secret];');
    }
  });

  it('replaces every business API key, whatever its secret part holds', () => {
    for (let i = 0; i < 500; i++) {
      const key = `fsp_live_${randomBytes(6).toString('base64url')}_${token()}${randomBytes(3).toString('hex')}`;
      expect(scrubText(`x ${key} y`)).toBe('x [api-key] y');
    }
  });

  const kept = [
    ['an ISO timestamp', '2025-03-01T10:00:00.000Z and 2025-03-01T10:00:00.000+01:00'],
    ['a UUID request id', `request ${randomUUID()} done`],
    ['UUIDs joined to words', `job-${randomUUID()}/${randomUUID()}`],
    ['a route key', 'GET /api/jobs/{jobId}'],
    ['a stack frame', '    at Object.<anonymous> (/work/main/functions/queue/send-notification.ts:30:7)'],
    ['a package path', '/node_modules/@aws-lambda-powertools/logger/lib/cjs/Logger.js:855:22'],
    ['kebab-case names', 'portal-dev-send-notification-handler-function'],
    ['numbers', 'took 1234 ms, status 503, attempt 2 of 5, 3.5 MB, +12 more'],
    ['the word Link', 'Link sent to the customer by email'],
    ['Bearer', 'no Bearer'],
  ];
  it.each(kept)('keeps %s', (_what, input) => {
    expect(scrubText(input)).toBe(input);
  });

  it('is idempotent', () => {
    const once = scrubText(`ann@example.com Bearer x ${token()} +447700900123 authorization: Link ${token()} cookie: a=b`);
    expect(scrubText(once)).toBe(once);
  });
});

describe('describeError', () => {
  it('gives the name, and the message and stack scrubbed', () => {
    const secret = token();
    const error = new TypeError(`no session ${secret} for ann@example.com`);
    const described = describeError(error);
    expect(described.errorName).toBe('TypeError');
    expect(described.errorMessage).toBe('no session [secret] for [email]');
    expect(described.stack).toMatch(/^TypeError: no session \[secret\] for \[email\]\n\s+at /);
    expect(JSON.stringify(described)).not.toMatch(new RegExp(`${secret}|ann@example`));
  });

  it('never includes other properties of the error', () => {
    const error = Object.assign(new Error('x'), { request: { email: 'ann@example.com' }, $metadata: { requestId: 'r' } });
    expect(Object.keys(describeError(error)).sort()).toEqual(['errorMessage', 'errorName', 'stack']);
  });

  it('describes things thrown that are not errors', () => {
    expect(describeError('bad ann@example.com')).toEqual({ errorName: 'string', errorMessage: 'bad [email]' });
    expect(describeError(null)).toEqual({ errorName: 'null', errorMessage: 'null' });
    expect(describeError({ toString: () => { throw new Error('no'); } })).toEqual({ errorName: 'object', errorMessage: 'unprintable' });
  });
});
