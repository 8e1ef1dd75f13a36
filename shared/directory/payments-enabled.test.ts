import { defaultPaymentSettings } from './model';
import { paymentsEnabled } from './payments-enabled';
import { eligibleMethods } from '../contract/customer/payments';

const business = (methods: Partial<typeof defaultPaymentSettings.methods>) => ({ payments: { ...defaultPaymentSettings, stripeAccountId: 'acct_x', chargesEnabled: true, methods: { ach: false, affirm: false, klarna: false, ...methods } } });

test('card always; ACH only in USD; Affirm only for USD 50 to 30,000; Klarna in its currencies; nothing the business turned off', () => {
  const all = business({ ach: true, affirm: true, klarna: true });
  expect(eligibleMethods(all, { currency: 'USD', value: 16_746 })).toEqual(['card', 'us_bank_account', 'affirm', 'klarna']);
  expect(eligibleMethods(all, { currency: 'USD', value: 4_999 })).toEqual(['card', 'us_bank_account', 'klarna']);
  expect(eligibleMethods(all, { currency: 'USD', value: 3_000_001 })).toEqual(['card', 'us_bank_account', 'klarna']);
  expect(eligibleMethods(all, { currency: 'EUR', value: 16_746 })).toEqual(['card', 'klarna']);
  expect(eligibleMethods(all, { currency: 'JPY', value: 16_746 })).toEqual(['card']);
  expect(eligibleMethods(business({}), { currency: 'USD', value: 16_746 })).toEqual(['card']);
});

test('payments are on only with a connected account that can take charges', () => {
  expect(paymentsEnabled({ payments: defaultPaymentSettings })).toBe(false);
  expect(paymentsEnabled({ payments: { ...defaultPaymentSettings, stripeAccountId: 'acct_x' } })).toBe(false);
  expect(paymentsEnabled(business({}))).toBe(true);
});
