/**
 * CloudFormation refuses a stack with more than 500 resources, and a stack that reaches it can
 * only be split with a painful migration. These tests pin what each route costs (see
 * execution-roles.ts and portal-api.ts for why it is 3) and check there is room for the routes
 * still to come.
 */
import type { CfnElement } from 'aws-cdk-lib';
import { consumers, type RouteDef, routes, schedules, subscribers } from '../../shared/routes';
import { queueNames } from './portal-stack';
import { type SynthesizedPortal, synthPortal } from './test-support';

/**
 * CloudFormation's hard limit, and the ceiling we hold ourselves to with 20 routes to spare. It was
 * 400 until issue 18 brought the stack to 351 (84 routes, a topic subscriber, the media path): 420
 * leaves 80 below the limit, about 26 routes. The next step past it is splitting the business API's
 * routes into a nested stack (docs/operations.md, "Stack size").
 */
const cloudFormationLimit = 500;
const budgetWithTwentyMoreRoutes = 420;

/**
 * Function + API Gateway integration + route. No Lambda permission: API Gateway invokes with the
 * one invoke role of the fixed base (portal-api.ts), so routes no longer add one each.
 */
const perRoute = 3;
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
 * deployment, and the role API Gateway invokes every route function with (its policy is inline,
 * part of the role resource, so it adds 1, not 2). Dev adds the 3 auto-delete hooks of its
 * buckets with their provider function and role (prod keeps its buckets, so it has 5 fewer).
 * Measured on dev, the larger.
 */
const fixed = 34;

const countOf = (synth: SynthesizedPortal) => Object.keys(synth.template.toJSON().Resources).length;
const functionRoleCount = (synth: SynthesizedPortal) => synth.stack.executionRoles.roles.size;

/** Routes that look like the ones to come: the same kinds of access as today's rows, new paths. */
function extraRoutes(count: number): RouteDef[] {
  return Array.from({ length: count }, (_, i) => {
    const like = routes[i % routes.length]!;
    return { ...like, name: `extra${i}`, method: 'GET', path: `/api/extra/${i}`, entry: `functions/api/extra-${i}.ts` };
  });
}

let current: SynthesizedPortal;
let grown: SynthesizedPortal;

beforeAll(() => {
  current = synthPortal({ stage: 'dev' });
  grown = synthPortal({ stage: 'dev' }, { routes: [...routes, ...extraRoutes(20)] });
});

it(`costs ${perRoute} resources per route, 2 per consumer, 3 per schedule, 7 per topic subscriber, 2 per distinct access, 4 per queue, on a fixed base`, () => {
  const expected = fixed + perRoute * routes.length + perConsumer * consumers.length + perSchedule * schedules.length + perSubscriber * subscribers.length + perRole * functionRoleCount(current) + perQueue * queueNames.length;
  expect(countOf(current)).toBe(expected);
  expect(countOf(current)).toBeLessThan(cloudFormationLimit);
  // Visible in the test output, for the record.
  console.info(`${countOf(current)} resources for ${routes.length} routes, ${consumers.length} consumers, ${functionRoleCount(current)} execution roles`);
});

it(`stays within ${budgetWithTwentyMoreRoutes} resources with 20 more routes, each costing ${perRoute}`, () => {
  expect(functionRoleCount(grown)).toBe(functionRoleCount(current));
  expect(countOf(grown) - countOf(current)).toBe(20 * perRoute);
  expect(countOf(grown)).toBeLessThanOrEqual(budgetWithTwentyMoreRoutes);
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
  expect(countOf(synth) - countOf(current)).toBe(2 * perRoute + perRole);
});
