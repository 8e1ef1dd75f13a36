/** The body and validation middlewares: a JSON object within the row's limit, then the route's schemas. */
import * as v from 'valibot';
import { InvalidInput, PayloadTooLarge, UnsupportedMediaType } from '../../shared/kernel/errors';
import { jsonBody, validation } from './input';
import { maxJsonDepth } from './json-depth';
import { testEvent, testRequest } from './middleware-support';
import { routeState } from './route-state';

const post = (body: string, contentType = 'application/json') => testRequest(testEvent({ method: 'POST', body, headers: { 'content-type': contentType } }));

test('jsonBody: a JSON object is parsed into the route state, with its canonical text', async () => {
  const request = post('{ "b": 1,  "a": [true] }');
  await jsonBody(1024).before!(request);
  expect(routeState(request.event).json).toEqual({ value: { b: 1, a: [true] }, text: '{"b":1,"a":[true]}' });
});

test.each<[string, ReturnType<typeof post>, unknown]>([
  ['over the limit', post(`{"a":"${'x'.repeat(2048)}"}`), PayloadTooLarge],
  ['not JSON by its type', post('{}', 'text/plain'), UnsupportedMediaType],
  ['empty', post(''), InvalidInput],
  ['not JSON', post('{"a":'), InvalidInput],
  ['an array', post('[1]'), InvalidInput],
  ['nested too deeply', post('['.repeat(maxJsonDepth + 1) + ']'.repeat(maxJsonDepth + 1)), InvalidInput],
])('jsonBody refuses a body %s', async (_name, request, error) => {
  await expect(Promise.resolve().then(() => jsonBody(1024).before!(request))).rejects.toBeInstanceOf(error as never);
  expect(routeState(request.event).json).toBeNull();
});

test('validation: body, query and path parsed by their schemas; a body schema may be chosen from the body', async () => {
  const request = testRequest(testEvent({ method: 'POST', query: { limit: '5' }, path: { jobId: 'job_1' } }));
  routeState(request.event).json = { value: { kind: 'b', n: 2 }, text: '' };
  const bySchema = { a: v.strictObject({ kind: v.literal('a') }), b: v.strictObject({ kind: v.literal('b'), n: v.number() }) };
  await validation({
    body: (raw) => ((raw as { kind: string }).kind === 'a' ? bySchema.a : bySchema.b),
    query: v.strictObject({ limit: v.pipe(v.string(), v.transform(Number)) }),
    path: v.strictObject({ jobId: v.string() }),
  }).before!(request);
  const state = routeState(request.event);
  expect([state.body, state.query, state.path]).toEqual([{ kind: 'b', n: 2 }, { limit: 5 }, { jobId: 'job_1' }]);
});

test('validation: each wrong field is named, where it was (a 400)', async () => {
  const request = testRequest(testEvent({ query: { extra: 'x' }, path: {} }));
  routeState(request.event).json = { value: { n: 'two' }, text: '' };
  const run = validation({ body: v.strictObject({ n: v.number() }), query: v.strictObject({}), path: v.strictObject({ jobId: v.string() }) }).before!;
  const error = await Promise.resolve()
    .then(() => run(request))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInput);
  expect((error as InvalidInput).errors).toEqual([{ field: 'n', message: expect.any(String), said: { key: 'problems.field.number' } }]);
  // Checked in order: a bad body is reported before the query is read.
  routeState(request.event).json = { value: { n: 2 }, text: '' };
  await expect(Promise.resolve().then(() => run(request))).rejects.toMatchObject({ errors: [{ field: 'query.extra', message: 'is not a known field' }] });
});
