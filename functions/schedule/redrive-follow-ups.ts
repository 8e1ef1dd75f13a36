/**
 * Every minute: finishes the follow-up steps that writes owed and their requests did not run
 * (a crash, a timeout, a failing provider). See shared/followups/redrive.ts.
 */
import middy from '@middy/core';
import { stripePayments } from '../../shared/adapters/aws/factories/payments';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { redriveFollowUps } from '../../shared/followups/redrive';
import { allSteps } from '../../shared/followups/registry';
import { stepDepsFrom } from '../../shared/followups/step-deps';
import { injectLambdaContext } from '../../shared/logging/logger';
import { scheduleByName } from '../../shared/routes';
import { depsCache } from '../wiring/deps';

const schedule = scheduleByName('redriveFollowUps');
const depsOf = depsCache<typeof schedule.access>(schedule.access, { payments: stripePayments, queues: sqsQueues }, schedule.name);

export const handler = middy()
  .use(injectLambdaContext())
  .handler(async () => {
    const deps = depsOf();
    return redriveFollowUps(allSteps, { ...stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications, webhooks: deps.queues.webhooks, payments: deps.payments }) });
  });
