/** formatMoney keeps one Intl.NumberFormat per locale and currency: each pair still formats its own way. */
import { formatMoney } from './money';

test('each locale and currency formats its own way, however many times and in whatever order', () => {
  for (let round = 0; round < 2; round++) {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(123456, 'JPY')).toBe('¥123,456');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'USD', 'es-US')).toBe('$1,234.56');
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
  }
});

test('a currency Intl does not know still shows the amount, with its code', () => {
  expect(formatMoney(1050, 'XYZ1')).toBe('10.50 XYZ1');
});
