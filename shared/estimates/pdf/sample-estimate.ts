/**
 * A realistic estimate for the PDF renderer's tests and benchmark: 3 options × 10 lines, names
 * outside WinAnsi ("Łódź", "Müller", "✓"), one long line description, long terms. Amounts add up
 * (line = quantity × unit, subtotal, 8.25 % tax, total) as the estimate store would have them.
 */
import type { EstimatePdfInput, EstimatePdfLine, EstimatePdfOption } from './render-estimate-pdf';

const taxRate = 0.0825;

const workItems: [string, number, number][] = [
  ['Diagnostic visit and system inspection', 1, 8900],
  ['✓ included: refrigerant leak test (electronic + UV dye), all accessible joints', 1, 0],
  ['Labor, licensed technician (per hour)', 6.5, 11500],
  ['Condensate drain line flush and new P-trap', 1, 6450],
  ['Thermostat wire run, 18/8, to the new location in the hallway', 35, 95],
  ['Disposal of the old equipment and refrigerant recovery (EPA 608)', 1, 17500],
  ['Permit and inspection fee, City of Łódź Heights', 1, 22500],
  ['Line set insulation, closed cell, 3/4"', 24, 310],
  ['Surge protector for the outdoor unit', 1, 8900],
  ['Müller Klimatechnik filter rack, MERV 13, with two spare filters', 1, 14900],
];

function option(id: string, name: string, description: string, equipment: [string, number], recommended: boolean, deposit: boolean): EstimatePdfOption {
  const items: [string, number, number][] = [[equipment[0], 1, equipment[1]], ...workItems.slice(1)];
  const lines: EstimatePdfLine[] = items.map(([description, quantity, unitAmount]) => ({ description, quantity, unitAmount, amount: Math.round(quantity * unitAmount) }));
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const taxAmount = Math.round(subtotal * taxRate);
  const total = subtotal + taxAmount;
  return { id, name, description, recommended, lines, subtotal, taxAmount, total, deposit: deposit ? Math.round(total * 0.3) : null };
}

const terms = [
  'This estimate is valid until the date shown above. Prices include the equipment, materials and labor listed; anything not listed is not included. ' +
    'Work found to be needed once walls, ceilings or floors are opened (rotted framing, asbestos, code corrections required by the inspector) is quoted separately before it is done.',
  '',
  'Payment: the deposit shown for the chosen option is due on approval and schedules the work; the balance is due on completion. ' +
    'We accept card and bank transfer through the customer portal. Invoices unpaid 30 days after completion accrue 1.5 % per month.',
  '',
  'Warranty: 10 years parts (manufacturer, when registered within 60 days of installation), 2 years labor on our installation. ' +
    'The warranty does not cover damage from power surges, flooding, lack of maintenance or work by others. '.repeat(3),
  '',
  'Cancellation: you may cancel within 3 business days of approval for a full refund of the deposit. After that, ordered equipment is subject to a 15 % restocking fee. ' +
    'Scheduling depends on equipment availability; we will confirm the installation date once the equipment has arrived at our warehouse in Łódź Heights.',
].join('\n');

/** The input, fresh each call (tests may change it). Unsigned; add `sampleSignature(...)` to sign. */
export function sampleEstimatePdfInput(): EstimatePdfInput {
  return {
    language: 'en',
    business: { name: 'Müller & Søn Heating and Air', contactPhone: '+13125550142', contactEmail: 'office@mueller-hvac.example', timeZone: 'America/Chicago' },
    customer: { name: 'Zofia Łódź-Müller' },
    estimate: {
      number: 'E-1042',
      title: 'Replace the central air conditioner and furnace',
      currency: 'USD',
      sentAt: '2026-11-22T15:30:00.000Z',
      expiresAt: '2026-12-23T05:59:59.000Z',
      terms,
      version: 2,
      options: [
        option('opt-good', 'Good: 14 SEER2 single-stage', 'A reliable single-stage system sized for the house (Manual J load calculation included).', ['Carrier 14 SEER2 condenser + 80 % furnace, 3 ton', 689000], false, false),
        option(
          'opt-better',
          'Better: 16 SEER2 two-stage',
          'Two-stage cooling runs longer at low speed: quieter, more even temperatures, better dehumidification. Our most chosen option for homes of this size.',
          ['Carrier 16 SEER2 two-stage condenser + 96 % two-stage furnace, 3 ton, with matched evaporator coil and variable-speed blower', 912500],
          true,
          true,
        ),
        option('opt-best', 'Best: 20 SEER2 variable-speed heat pump', 'Heats and cools with one outdoor unit; gas furnace kept as backup below 25 °F. Eligible for the federal tax credit (25C).', ['Carrier Infinity 20 SEER2 heat pump + 97 % modulating furnace, 3 ton', 1598000], false, true),
      ],
      documentHash: 'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78',
    },
    signature: null,
  };
}

/** The signature block for the recommended option, as the approval records it. */
export function sampleSignature(imagePng: Uint8Array | null): NonNullable<EstimatePdfInput['signature']> {
  return {
    optionId: 'opt-better',
    optionName: 'Better: 16 SEER2 two-stage',
    name: 'Zofia Łódź-Müller',
    method: imagePng ? 'drawn' : 'typed',
    typed: imagePng ? null : 'Zofia Łódź-Müller',
    imagePng,
    signedAt: '2026-11-24T22:04:31.000Z',
    ip: '203.0.113.7',
    via: 'link',
    documentHash: 'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78',
  };
}
