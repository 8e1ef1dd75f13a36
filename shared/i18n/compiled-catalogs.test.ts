/**
 * The committed compiled catalogs (compiled-catalogs.ts) are what the sources compile to today:
 * a catalog edited without `npm run catalogs` would otherwise ship its old words.
 */
import { compiledServerCatalogs, writtenServerCatalogs } from './compiled-catalogs';
import { problemWordsFor } from './problem-words';
import { wordsFor } from './translator';

test('every compiled server catalog matches its source (run `npm run catalogs` after editing a catalog)', () => {
  const expected = compiledServerCatalogs();
  const written = writtenServerCatalogs();
  expect([...written.keys()].sort()).toEqual([...expected.keys()].sort());
  const stale = [...expected].filter(([file, contents]) => written.get(file) !== contents).map(([file]) => file);
  expect(stale).toEqual([]);
});

test('English problem words are not compiled: the server writes English problem details as the errors say them', () => {
  expect([...compiledServerCatalogs().keys()].filter((file) => file.endsWith('/problems.json')).sort()).toEqual(['es/problems.json']);
});

test('the server writes from the compiled catalogs, in each language, plurals and placeholders included', () => {
  expect(problemWordsFor('es').t('problems.not-found')).toBe('No se encontró.');
  const values = (count: number) => ({ business: 'Acme', amount: '$10.00', count, invoices: 'INV-1', url: 'https://x' });
  expect(wordsFor('en').t('sms.receipt', values(1))).toBe('Acme: we received your payment of $10.00 for invoice INV-1. Thank you! https://x');
  expect(wordsFor('es').t('sms.receipt', values(2))).toBe('Acme: recibimos su pago de $10.00 para las facturas INV-1. ¡Gracias! https://x');
});
