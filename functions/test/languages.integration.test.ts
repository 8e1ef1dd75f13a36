/**
 * A customer's language, end to end: where it is kept (their own choice, the business's setting
 * for them, what their browser last asked for, the business's default), what the wire says of it,
 * the emails and texts written in it, and the customer API's problem details in the request's
 * `Accept-Language` (the business API's stay English).
 */
import { demo } from '../../infra/local/seed';
import { sentBy, signIn, startTestStack, tokenOf, type BusinessClient, type TestStack } from '../../infra/local/test-support';
import { invoiceBody } from '../../infra/local/testing/business-api';

let stack: TestStack;
let acme: BusinessClient;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
});
afterAll(() => stack.stop());

const isoDate = /\d{4}-\d{2}-\d{2}/;

/** A customer of Acme's of their own, so each test starts from nothing known of their language. */
async function newCustomer(id: string, extra: Record<string, unknown> = {}) {
  const res = await acme.put(`/customers/${id}`, { name: 'Ana Morales', email: `${id}@example.com`, phone: null, ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

async function sendPayLink(customerId: string, invoiceId: string) {
  expect((await acme.put(`/invoices/${invoiceId}`, invoiceBody(stack, customerId, { number: invoiceId.toUpperCase() }))).status).toBe(201);
  const { sent } = await sentBy(stack, () => acme.post(`/invoices/${invoiceId}/send`, { channel: 'email' }));
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

describe('the business API: which fields take which languages', () => {
  test('PUT customers/{id} `language`: en or es, null clears it, left out keeps it; GET shows it', async () => {
    expect((await newCustomer('cus_lang_a', { language: 'es' })).language).toBe('es');
    expect((await acme.get('/customers/cus_lang_a')).body.language).toBe('es');
    // A sync that does not manage languages leaves the setting alone.
    expect((await acme.put('/customers/cus_lang_a', { name: 'Ana Morales', email: 'cus_lang_a@example.com' })).body.language).toBe('es');
    expect((await acme.put('/customers/cus_lang_a', { name: 'Ana Morales', email: 'cus_lang_a@example.com', language: null })).body.language).toBeNull();
    const bad = await acme.put('/customers/cus_lang_a', { name: 'Ana Morales', language: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'language', message: 'must be one of en, es' })]);
  });

  test('settings `defaultLanguage`: PATCH and GET, and the portal says it', async () => {
    const bad = await acme.patch('/settings', { defaultLanguage: 'ES' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'defaultLanguage' })]);
    expect((await acme.get('/settings')).body.defaultLanguage).toBe('en');
    expect((await stack.client().get('/api/portals/acme')).body.defaultLanguage).toBe('en');
    expect((await acme.patch('/settings', { defaultLanguage: 'es' })).body.defaultLanguage).toBe('es');
    expect((await stack.client().get('/api/portals/acme')).body.defaultLanguage).toBe('es');
    expect((await acme.patch('/settings', { defaultLanguage: 'en' })).status).toBe(200);
  });

  test('the OpenAPI document names the languages each field takes', async () => {
    const doc = (await stack.client().get('/api/business/v1/openapi.json')).body;
    const customer = doc.paths['/customers/{customerId}'].put.requestBody.content['application/json'].schema.properties.language;
    expect(JSON.stringify(customer)).toContain('"enum":["en","es"]');
    expect(customer.description).toMatch(/one of en, es/);
    const settings = doc.paths['/settings'].patch.requestBody.content['application/json'].schema.properties.defaultLanguage;
    expect(settings).toMatchObject({ enum: ['en', 'es'], description: expect.stringMatching(/one of en, es/) });
  });
});

describe('the customer: their own choice', () => {
  test('PUT /api/me/language saves it, /api/me shows it, null forgets it; a bad value is a 400 problem', async () => {
    const jordan = await signIn(stack);
    expect((await jordan.get('/api/me')).body.customer.language).toEqual({ business: 'en' });
    const saved = await jordan.request('PUT', '/api/me/language', { json: { language: 'es' } });
    expect(saved).toMatchObject({ status: 200, body: { language: { chosen: 'es', business: 'en' } } });
    expect((await jordan.get('/api/me')).body.customer.language).toEqual({ chosen: 'es', business: 'en' });

    for (const body of [{ language: 'fr' }, { language: 'ES' }, {}, { language: 'es', extra: 1 }]) {
      const bad = await jordan.request('PUT', '/api/me/language', { json: body });
      expect({ body, status: bad.status, type: bad.headers.get('content-type') }).toEqual({ body, status: 400, type: expect.stringContaining('application/problem+json') });
      expect(bad.body.type).toBe('urn:field-service-portal:problem:invalid-input');
    }
    expect((await jordan.request('PUT', '/api/me/language', { json: { language: null } })).body.language).toEqual({ business: 'en' });
    // Signed out: 401, nothing written.
    expect((await stack.client().request('PUT', '/api/me/language', { json: { language: 'es' } })).status).toBe(401);
  });
});

describe('emails and texts in the customer\'s language', () => {
  test('the business set Spanish for the customer: the pay link email is Spanish, its due date written the Spanish way', async () => {
    await newCustomer('cus_lang_es', { language: 'es' });
    const email = await sendPayLink('cus_lang_es', 'inv_lang_es');
    expect(email.subject).toBe(`Factura INV_LANG_ES de ${demo.acme.name}: $100.00`);
    expect(email.text).toMatch(/^Hola, Ana:\n\n.* le envió la factura INV_LANG_ES: \$100\.00 a pagar a más tardar el \p{Ll}{3}, \d{1,2} de \p{Ll}{3}/u);
    expect(email.text).not.toMatch(isoDate);
  });

  test('nothing said but the browser: a link opened in a Spanish browser makes the next email Spanish; the customer\'s choice wins over both', async () => {
    await newCustomer('cus_lang_browser');
    const english = await sendPayLink('cus_lang_browser', 'inv_lang_b1');
    expect(english.text).toMatch(/^Hi Ana,\n\n.* to pay by [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}/);
    expect(english.text).not.toMatch(isoDate);

    const opened = await stack.client().getWithLink('/api/link', tokenOf(english.link!), { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
    expect(opened.status).toBe(200);
    expect(opened.body.language).toEqual({ business: 'en' });
    expect((await sendPayLink('cus_lang_browser', 'inv_lang_b2')).text).toMatch(/^Hola, Ana:/);

    // The business's setting for the customer comes before the browser.
    await acme.put('/customers/cus_lang_browser', { name: 'Ana Morales', email: 'cus_lang_browser@example.com', language: 'en' });
    expect((await sendPayLink('cus_lang_browser', 'inv_lang_b3')).text).toMatch(/^Hi Ana,/);
  });
});

describe('problem details in the request\'s language', () => {
  test('the customer API: title and detail from the catalog, type and status unchanged', async () => {
    const jordan = await signIn(stack);
    const english = await jordan.get('/api/invoices/inv_nope');
    const spanish = await jordan.request('GET', '/api/invoices/inv_nope', { headers: { 'accept-language': 'es-US,es;q=0.9' } });
    expect(english.body).toMatchObject({ type: 'urn:field-service-portal:problem:not-found', status: 404, title: 'Not found', detail: 'There is no invoice inv_nope.' });
    expect(spanish.status).toBe(404);
    expect(spanish.body).toEqual({ type: english.body.type, status: 404, title: 'No se encontró', detail: 'No existe la factura inv_nope.' });
    expect(spanish.headers.get('content-language')).toBe('es');

    const unknownLink = await stack.client().getWithLink('/api/link', 'x'.repeat(43), { 'accept-language': 'es' });
    expect(unknownLink.body).toMatchObject({ type: 'urn:field-service-portal:problem:gone', status: 410, title: 'Ya no está disponible', detail: 'Este enlace venció, ya se usó o fue retirado. Solicite uno nuevo.' });

    const badBody = await jordan.request('PUT', '/api/me/language', { body: '{', headers: { 'content-type': 'application/json', 'accept-language': 'es' } });
    expect(badBody.body).toMatchObject({ type: 'urn:field-service-portal:problem:invalid-input', status: 400, title: 'Solicitud no válida', detail: 'El cuerpo de la solicitud no es JSON válido.' });

    // A field the schema refuses: named as in English, said in Spanish.
    const badField = { body: JSON.stringify({ language: 'fr', extra: 1 }), headers: { 'content-type': 'application/json', 'accept-language': 'es' } };
    const refused = await jordan.request('PUT', '/api/me/language', badField);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'language', message: 'no es una de las opciones posibles' },
        { field: 'extra', message: 'no es un campo conocido' },
      ]),
    );
    const inEnglish = await jordan.request('PUT', '/api/me/language', { ...badField, headers: { ...badField.headers, 'accept-language': 'en' } });
    expect(inEnglish.body.errors).toEqual(expect.arrayContaining([{ field: 'extra', message: 'is not a known field' }]));
  });

  test('the business API stays English whatever Accept-Language says', async () => {
    const res = await acme.request('GET', '/customers/cus_nobody', { headers: { 'accept-language': 'es' } });
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
    expect(res.headers.get('content-language')).toBeNull();
  });
});
