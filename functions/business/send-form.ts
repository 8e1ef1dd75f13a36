import { businessFormSchemas, type SendFormResponse } from '../../shared/contract/business/forms';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { mintFor } from '../../shared/kernel/ids';
import { sendForm } from '../../shared/link-sends/send-form';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoFormStore } from '../../shared/forms/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Sends the customer their copy of the form, and a link that opens it with no sign-in, from the queue (202). */
export const handler = httpRoute(
  businessRoute('sendForm'),
  { auth: apiKeyAuth, stores: { forms: DynamoFormStore, directory: DynamoDirectoryStore, jobs: DynamoJobStore, idempotency: DynamoBusinessApiStore }, ...businessFormSchemas.sendForm, aws: { queues: sqsQueues } },
  async ({ caller, path, body, attempt, deps }) => {
    const sent = await sendForm(caller.businessId, path.formId, body, mintFor(attempt, deps), {
      forms: deps.stores.forms,
      directory: deps.stores.directory,
      jobs: deps.stores.jobs,
      notifications: deps.queues.notifications,
    });
    const response: SendFormResponse = { status: 'queued', sentFormId: sent.id, formId: sent.formId, customerId: sent.customerId, channel: body.channel };
    return { status: 202, body: response };
  },
);
