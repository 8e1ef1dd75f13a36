/** Problem details in the customer's language: the catalog where an error names its message, the type and status never. */
import { Conflict, Gone, InvalidInput, NotFound, RateLimited } from '../../shared/kernel/errors';
import { toProblem } from './problem';

test('English, or no language (the business API): the detail as written', () => {
  const error = new Gone('This link has expired. Please ask for a new one.').saying('problems.link.expired');
  expect(toProblem(error).problem).toEqual({ type: 'urn:field-service-portal:problem:gone', title: 'Gone', status: 410, detail: 'This link has expired. Please ask for a new one.' });
  expect(toProblem(error, 'en')).toEqual(toProblem(error));
});

test('Spanish: title and keyed detail from the catalog, with their values; type, status, extras and headers kept', () => {
  const taken = new Conflict('Someone just booked that time. Please pick another.', [{ id: 'slot_1', start: 'a', end: 'b', overlapsVisit: false }]).saying('problems.slot.taken');
  expect(toProblem(taken, 'es')).toEqual({
    problem: { type: 'urn:field-service-portal:problem:conflict', title: 'Conflicto', status: 409, detail: 'Alguien acaba de reservar ese horario. Elija otro.', slots: [{ id: 'slot_1', start: 'a', end: 'b', overlapsVisit: false }] },
    headers: { 'content-language': 'es' },
  });
  const limited = toProblem(new RateLimited(300, 'Too many sign-in links were requested. Please try again in 5 minutes.').saying('problems.sign-in-link.too-many', { minutes: 5 }), 'es');
  expect(limited.problem.detail).toBe('Se solicitaron demasiados enlaces para iniciar sesión. Vuelva a intentarlo en 5 minutos.');
  expect(limited.headers).toEqual({ 'retry-after': '300', 'content-language': 'es' });
});

test('Spanish with no catalog message: the title translated, the detail as written; a crash is never described', () => {
  expect(toProblem(new NotFound('There is no attachment att_1 on job j_1.'), 'es').problem).toMatchObject({ title: 'No se encontró', detail: 'There is no attachment att_1 on job j_1.' });
  expect(toProblem(new NotFound(), 'es').problem.detail).toBe('No se encontró.');
  expect(toProblem(new Error('secret stack'), 'es').problem).toEqual({ type: 'urn:field-service-portal:problem:internal', title: 'Algo salió mal', status: 500, detail: 'Algo salió mal de nuestro lado. Vuelva a intentarlo en un momento.' });
});

test('field errors: English as the schema wrote them (no `said` on the wire); Spanish from the catalog, money and counts written the language\'s way', () => {
  const error = new InvalidInput([
    { field: 'amount', message: 'must be at most what is left to pay, $169.50', said: { key: 'problems.field.amount-at-most', values: { max: { amount: 16950, currency: 'USD' } } } },
    { field: 'text', message: 'must be at most 5000 characters', said: { key: 'problems.field.too-long', values: { max: 5000 } } },
    { field: 'note', message: 'a message no catalog has' },
  ]);
  expect(toProblem(error).problem.errors).toEqual([
    { field: 'amount', message: 'must be at most what is left to pay, $169.50' },
    { field: 'text', message: 'must be at most 5000 characters' },
    { field: 'note', message: 'a message no catalog has' },
  ]);
  expect(toProblem(error, 'es').problem.errors).toEqual([
    { field: 'amount', message: 'debe ser como máximo lo que queda por pagar, $169.50' },
    { field: 'text', message: 'debe tener como máximo 5,000 caracteres' },
    { field: 'note', message: 'a message no catalog has' },
  ]);
});
