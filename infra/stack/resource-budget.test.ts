/**
 * CloudFormation refuses a stack with more than 500 resources, and a stack that reaches it can
 * only be split with a painful migration. These tests pin what each route costs (see
 * execution-roles.ts and portal-api.ts for why) and check there is room for the routes still to
 * come, in each of the two stacks: the portal's, and the nested one that holds the business API's
 * functions and integrations (their routes stay on the API in the portal's stack: portal-api.ts).
 */
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { businessApiPrefix, consumers, type RouteDef, routes, schedules, subscribers } from '../../shared/routes';
import { queueNames } from './portal-stack';
import { budgetWithTwentyMoreRoutes, cloudFormationLimit } from './resource-limits';
import { type SynthesizedPortal, synthPortal } from './test-support';
import { EdgeWaf } from './waf';

/*
 * CloudFormation's hard limit, and the ceiling we hold each stack to with 20 routes to spare
 * (./resource-limits.ts). The portal's stack reached 361 with issue 19's uploads (86 routes), past
 * what 420 allowed for 20 more; moving the business API's functions and integrations into a
 * nested stack took it to 280.
 */

/**
 * A portal route: function + API Gateway integration + route. No Lambda permission: API Gateway
 * invokes with the one invoke role of the fixed base (portal-api.ts), so routes add none.
 */
const perRoute = 3;
/** A business API route: its route in the portal's stack, its function and integration in the nested one. */
const perBusinessRoute = { parent: 1, nested: 2 } as const;
/** Function + SQS event source mapping. */
const perConsumer = 2;
/** Function + EventBridge rule + the rule's permission to invoke it. */
const perSchedule = 3;
/** Function + its SNS topic + the topic's policy + the subscription + the topic's permission to invoke it + a dead-letter queue and its policy. */
const perSubscriber = 7;
/** Role + its policy, once per distinct access (execution-roles.ts). */
const perRole = 2;
/** Queue, dead-letter queue and their two TLS-only policies. */
const perQueue = 4;
/**
 * Table, 2 secrets (origin verify, Stripe), 3 buckets with policies, the API, its stage and access log group, the function
 * log group, CloudFront (distribution, two access controls: the site bucket's and the files bucket's
 * for `/media/*`, function, three headers policies: the pages', the API's, which never names a
 * third-party origin, and published images', rule 74), the two site
 * deployments and the role, policy, function, log group and layers of aws-cdk-lib's bucket
 * deployment, the role API Gateway invokes every route function with (its policy is inline,
 * part of the role resource, so it adds 1, not 2), and the two nested stacks themselves. Dev adds the 3
 * auto-delete hooks of its buckets with their provider function and role (prod keeps its
 * buckets, so it has 5 fewer). Measured on dev, the larger.
 */
const fixed = 36;

const countsOf = (synth: SynthesizedPortal) => ({
  parent: Object.keys(synth.stackTemplates.parent.toJSON().Resources).length,
  nested: Object.keys(synth.stackTemplates.businessApi.toJSON().Resources).length,
});
const monitoringCountOf = (synth: SynthesizedPortal) => Object.keys(synth.stackTemplates.monitoring.toJSON().Resources).length;
/** The parameters a nested stack takes from its parent: CloudFormation allows 200 (a function the alarms watch is one each). */
const monitoringParametersOf = (synth: SynthesizedPortal) => Object.keys(synth.stackTemplates.monitoring.toJSON().Parameters ?? {}).length;
/** The edge stack (us-east-1): the web ACL and nothing else; routes change its rules, never its resources (waf.ts). */
const edgeResources = 1;
const edgeCountOf = (synth: SynthesizedPortal) => {
  const edge = synth.app.node.children.find((child): child is EdgeWaf => child instanceof EdgeWaf);
  if (!edge) throw new Error('No edge stack');
  return Object.keys(Template.fromStack(edge).toJSON().Resources).length;
};
const functionRoleCount = (synth: SynthesizedPortal) => synth.stack.executionRoles.roles.size;
const isBusinessRoute = (route: RouteDef) => route.path.startsWith(`${businessApiPrefix}/`);

/** Routes that look like the ones to come: the same kinds of access as today's rows, new paths (`prefix`: the portal's or the business API's). */
function extraRoutes(count: number, prefix = '/api/extra'): RouteDef[] {
  return Array.from({ length: count }, (_, i) => {
    const like = routes[i % routes.length]!;
    return { ...like, name: `extra${i}`, method: 'GET', path: `${prefix}/${i}`, entry: `functions/api/extra-${i}.ts` };
  });
}

let current: SynthesizedPortal;
let grown: SynthesizedPortal;
let grownBusiness: SynthesizedPortal;

beforeAll(() => {
  current = synthPortal({ stage: 'dev' });
  grown = synthPortal({ stage: 'dev' }, { routes: [...routes, ...extraRoutes(20)] });
  grownBusiness = synthPortal({ stage: 'dev' }, { routes: [...routes, ...extraRoutes(20, `${businessApiPrefix}/extra`)] });
});

it(`costs ${perRoute} resources per portal route (1 + 2 nested per business API route), 2 per consumer, 3 per schedule, 7 per topic subscriber, 2 per distinct access, 4 per queue, on a fixed base`, () => {
  const business = routes.filter(isBusinessRoute).length;
  const portal = routes.length - business;
  const parent = fixed + perRoute * portal + perBusinessRoute.parent * business + perConsumer * consumers.length + perSchedule * schedules.length + perSubscriber * subscribers.length + perRole * functionRoleCount(current) + perQueue * queueNames.length;
  expect(countsOf(current)).toEqual({ parent, nested: perBusinessRoute.nested * business });
  expect(countsOf(current).parent).toBeLessThan(cloudFormationLimit);
  // Visible in the test output, for the record.
  console.info(`${countsOf(current).parent} + ${countsOf(current).nested} nested resources for ${routes.length} routes (${business} of the business API), ${consumers.length} consumers, ${functionRoleCount(current)} execution roles`);
});

it('keeps the alarms in their own stack: one per function, the queues\' and the API\'s, and a fixed few, within the budget and the 200 parameters a nested stack takes', () => {
  const functions = current.stack.functions.size;
  // Per function 1; per queue 2 (dead letters, oldest message) and per other dead-letter queue 1; per route group 2; the gateway's 5xx; 3 counted by the portal; 3 of sending.
  const alarms = functions + 2 * queueNames.length + subscribers.length + 2 * 3 + 1 + 3 + 3;
  // The alarms, the topic and its policy, the dashboard, and a subscription per alarm email (none on dev).
  expect(monitoringCountOf(current)).toBe(alarms + 3);
  expect(monitoringCountOf(grown) - monitoringCountOf(current)).toBe(20);
  expect(monitoringCountOf(grown)).toBeLessThanOrEqual(budgetWithTwentyMoreRoutes);
  expect(monitoringParametersOf(grown)).toBeLessThan(200);
});

it(`stays within ${budgetWithTwentyMoreRoutes} resources a stack with 20 more routes of either API`, () => {
  expect(functionRoleCount(grown)).toBe(functionRoleCount(current));
  expect(countsOf(grown).parent - countsOf(current).parent).toBe(20 * perRoute);
  expect(countsOf(grown).parent).toBeLessThanOrEqual(budgetWithTwentyMoreRoutes);
  expect(countsOf(grownBusiness).parent - countsOf(current).parent).toBe(20 * perBusinessRoute.parent);
  expect(countsOf(grownBusiness).nested - countsOf(current).nested).toBe(20 * perBusinessRoute.nested);
  expect(countsOf(grownBusiness).nested).toBeLessThanOrEqual(budgetWithTwentyMoreRoutes);
});

it(`keeps the web ACL alone in its edge stack (${edgeResources} resource), whatever the routes`, () => {
  expect(edgeCountOf(current)).toBe(edgeResources);
  expect(edgeCountOf(grown)).toBe(edgeResources);
  expect(edgeCountOf(grownBusiness)).toBe(edgeResources);
});

it("keeps the policies of the API's invoke role the same size however many routes there are, far under IAM's 10,240 characters", () => {
  /** Its inline policies and any policy resource attached to it: all of them count towards IAM's limit. */
  const invokeRolePolicies = (synth: SynthesizedPortal) => {
    const resources = synth.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
    const roleId = synth.stack.getLogicalId(synth.stack.api.invokeRole.node.defaultChild as CfnElement);
    const attached = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`));
    return JSON.stringify([resources[roleId]!.Properties.Policies, ...attached.map((r) => r.Properties.PolicyDocument)]);
  };
  expect(invokeRolePolicies(grown)).toBe(invokeRolePolicies(current));
  // Deployed, references and pseudo parameters become ARNs and ids, a little longer, not 10 kB longer.
  expect(invokeRolePolicies(grown).length).toBeLessThan(1_000);
});

it('adds a role, not a role per function, for a new kind of access', () => {
  const newKind: RouteDef = { name: 'newKind', method: 'GET', path: '/api/new-kind', entry: 'functions/api/new-kind.ts', auth: 'session', access: { table: 'read', files: 'read' } };
  const synth = synthPortal({ stage: 'dev' }, { routes: [...routes, newKind, { ...newKind, name: 'newKindToo', path: '/api/new-kind-too' }] });
  expect(functionRoleCount(synth)).toBe(functionRoleCount(current) + 1);
  expect(countsOf(synth).parent - countsOf(current).parent).toBe(2 * perRoute + perRole);
});
