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

const schedule = scheduleByName('redriveFollowUps');

/** Lambda's handler; `handler.handlerWith(source)` runs it over another composition root (the local stack's). */
export const handler = deployable(
  (source: AdapterSource) => {
    const deps = grantedDeps(schedule.access, source, schedule.name, stepStores);
    return middy()
      .use(injectLambdaContext())
      .use(traceInvocation())
      .handler(async () =>
        redriveFollowUps(allSteps, { ...stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications, webhooks: deps.queues.webhooks, payments: deps.payments }) }),
      );
  },
  { payments: stripePayments, queues: sqsQueues },
);
