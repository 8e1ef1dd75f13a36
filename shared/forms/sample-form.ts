/**
 * A form of every field kind, with a condition: the demo portal's (infra/local/seed.ts), the
 * bench's and the tests'. Answers that fill it (`sampleFormAnswers`) leave the file field empty
 * (a file is uploaded first: the tests that need one do).
 */
import type { FormDefinition, FormField } from '../contract/forms';

const field = (f: Partial<FormField> & Pick<FormField, 'id' | 'kind' | 'label'>): FormField => ({
  help: null,
  required: false,
  showWhen: null,
  choices: null,
  min: null,
  max: null,
  integer: false,
  signature: null,
  maxFiles: null,
  ...f,
});

export const sampleFormDefinition: FormDefinition = {
  title: 'Before your first visit',
  intro: 'A few questions so the technician arrives ready. It takes about three minutes; your answers are saved as you go.',
  fields: [
    field({ id: 'home', kind: 'section', label: 'Your home' }),
    field({ id: 'pets', kind: 'yes-no', label: 'Are there pets in the home?', required: true }),
    field({ id: 'petDetails', kind: 'short-text', label: 'What pets, and where will they be?', required: true, showWhen: { field: 'pets', equals: true }, help: 'So the technician can close doors behind them.' }),
    field({ id: 'access', kind: 'long-text', label: 'How do we get in?', help: 'Gate codes, parking, which door to use.' }),
    field({ id: 'service', kind: 'single-choice', label: 'What is the visit mostly about?', required: true, choices: [{ value: 'repair', label: 'A repair' }, { value: 'maintenance', label: 'Maintenance' }, { value: 'install', label: 'A new installation' }] }),
    field({ id: 'rooms', kind: 'multiple-choice', label: 'Which rooms are involved?', choices: [{ value: 'kitchen', label: 'Kitchen' }, { value: 'bath', label: 'Bathroom' }, { value: 'basement', label: 'Basement' }, { value: 'attic', label: 'Attic' }] }),
    field({ id: 'age', kind: 'number', label: 'How old is the equipment (years)?', integer: true, min: 0, max: 100 }),
    field({ id: 'preferred', kind: 'date', label: 'A day that suits you' }),
    field({ id: 'contact', kind: 'section', label: 'Reaching you' }),
    field({ id: 'email', kind: 'email', label: 'Email for the report' }),
    field({ id: 'phone', kind: 'phone', label: 'Phone on the day' }),
    field({ id: 'address', kind: 'address', label: 'Where the work is' }),
    field({ id: 'photos', kind: 'file', label: 'Photos of the equipment or its label', help: 'Images or a PDF, up to 3.', maxFiles: 3 }),
    field({ id: 'agreement', kind: 'section', label: 'Agreement' }),
    field({ id: 'signature', kind: 'signature', label: 'Sign to confirm the answers are right', required: true, signature: 'typed' }),
  ],
};

export const sampleFormAnswers = {
  pets: true,
  petDetails: 'A dog, in the yard',
  access: 'Side gate, code 1234',
  service: 'repair',
  rooms: ['kitchen', 'basement'],
  age: 12,
  preferred: '2026-12-20',
  email: 'jordan@example.com',
  phone: '+1 555 555 0123',
  address: { line1: '12 Elm St', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  signature: { name: 'Jordan Rivera' },
};
