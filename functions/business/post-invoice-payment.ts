import { businessInvoiceSchemas } from '../../shared/contract/business/invoices';
import { InvalidInput } from '../../shared/kernel/errors';
import { mintFor } from '../../shared/kernel/ids';
import { recordInvoicePayment } from '../../shared/invoices/record-payment';
import { businessInvoiceView } from '../../shared/invoices/views';
import { businessRoute } from '../../shared/routes/business';
import { stepDepsFrom } from '../../shared/steps/deps';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { stepStores } from '../wiring/step-stores';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/**
 * Records a cash or check payment. The payment id comes from the idempotent attempt, so a retry
 * of a request that crashed half-way finishes recording the same payment instead of adding one.
 */
export const handler = httpRoute(businessRoute('postInvoicePayment'), { auth: apiKeyAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore }, ...businessInvoiceSchemas.postInvoicePayment }, async ({ caller, path, body, attempt, deps }) => {
  const mint = mintFor(attempt, deps);
  if (body.paidAt && new Date(body.paidAt).getTime() > mint.now.getTime()) throw new InvalidInput([{ field: 'paidAt', message: 'must not be in the future' }]);
  const { invoice, payment } = await recordInvoicePayment(
    caller.businessId,
    {
      id: mint.id('pay'),
      invoiceId: path.invoiceId,
      paidAt: body.paidAt ?? mint.now.toISOString(),
      method: body.method,
      amount: body.amount,
      currency: body.currency,
      reference: body.reference,
      source: 'offline',
    },
    stepDepsFrom(deps.stores, deps.clock),
  );
  return {
    status: 201,
    body: { payment: { id: payment.id, paidAt: payment.paidAt, method: payment.method, amount: payment.amount, currency: payment.currency, reference: payment.reference }, invoice: businessInvoiceView(invoice) },
  };
});
