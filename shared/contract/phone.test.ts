import { formatPhone } from './phone';

test('a US number in E.164 reads (555) 555-0123; anything else is shown as stored', () => {
  expect(formatPhone('+15555550123')).toBe('(555) 555-0123');
  expect(formatPhone('+13125550142')).toBe('(312) 555-0142');
  expect(formatPhone('+447700900123')).toBe('+447700900123');
  expect(formatPhone('555-0123')).toBe('555-0123');
});
