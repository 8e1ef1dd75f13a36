/**
 * Every minute: finishes the follow-up steps that writes owed and their requests did not run
 * (a crash, a timeout, a failing provider). See shared/followups/redrive.ts.
 */
import middy from '@middy/core';
import { stripePayments } from '../../shared/adapters/aws/factories/payments';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { redriveFollowUps } from '../../shared/followups/redrive';
import { allSteps } from '../../shared/steps/registry';
import { stepDepsFrom } from '../../shared/steps/deps';
import { injectLambdaContext } from '../../shared/logging/logger';
import { traceInvocation } from '../../shared/logging/tracing';
import { scheduleByName } from '../../shared/routes/background';
import { grantedDeps, type AdapterSource } from '../wiring/deps';
import { deployable } from '../wiring/lambda';
import { stepStores } from '../wiring/step-stores';
import { DynamoUploadStore } from '../../shared/uploads/store';
import { confirmClaimedUploads } from '../../shared/uploads/claim';
import type { ConfirmFiles } from '../../shared/forms/submit';

const schedule = scheduleByName('redriveFollowUps');

/** Lambda's handler; `handler.handlerWith(source)` runs it over another composition root (the local stack's). */
export const handler = deployable(
  (source: AdapterSource) => {
    // The uploads' store too: a form submission's step confirms the files it claimed.
    const deps = grantedDeps(schedule.access, source, schedule.name, { ...stepStores, uploads: DynamoUploadStore });
    const confirmFiles: ConfirmFiles = (ids, claimedBy) => confirmClaimedUploads(ids, claimedBy, { uploads: deps.stores.uploads });
    return middy()
      .use(injectLambdaContext())
      .use(traceInvocation())
      .handler(async () =>
        redriveFollowUps(allSteps, { ...stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications, webhooks: deps.queues.webhooks, payments: deps.payments, confirmFiles }) }),
      );
  },
  { payments: stripePayments, queues: sqsQueues },
);
