/**
 * The portal's web application firewall: one AWS WAF web ACL on the CloudFront distribution, in a
 * small stack of its own pinned to us-east-1 (`Portal-<stage>-Edge`), because a web ACL of scope
 * CLOUDFRONT can only be created there, whatever region the stage itself runs in.
 *
 * Rules, in the order WAF runs them (docs/operations.md, "WAF"; docs/security.md, rule 89):
 * - AWS's IP reputation list (addresses AWS has seen scanning, in botnets, attacking);
 * - four rate-based rules, per client IP over 5 minutes, each scoped to its routes (path and method),
 *   each limit above what the code itself allows one address, so WAF cuts floods, never normal use;
 * - AWS's common rule set (the OWASP-style core), with its body-size rule moved to a rule of ours
 *   that spares the routes whose bodies may be larger than 8 KB;
 * - AWS's known-bad-inputs set (Log4j, Java deserialization, localhost Host headers...).
 *
 * `wafMode` (infra/stack/config.ts) decides what a match does: `count` (every stage's default) only
 * counts it, in CloudWatch metrics and sampled requests; `block` refuses it.
 *
 * How the distribution (in the stage's stack, any region) gets the web ACL's ARN: the edge stack
 * outputs it and the stage's stack reads that output with `Fn::GetStackOutput`, which
 * CloudFormation resolves across regions at deploy time, with the stage's stack depending on the
 * edge stack so `cdk deploy` creates the ACL first. CDK would write this same `Fn::GetStackOutput`
 * itself for a cross-region reference under the app's weak references (cdk.json,
 * `@aws-cdk/core:defaultCrossStackReferences`), but only between stacks whose region is known at
 * synth, and the stage's stack is environment-agnostic: it synthesizes offline, with no account
 * and no region, and the CLI picks the region at deploy. Pinning it to a region would bake that
 * region into its template and make an offline synth guess one. (The older
 * `crossRegionReferences: true` needs known regions too, and adds a custom-resource Lambda to
 * each stack to copy the value through SSM.) So the reference is written here, by hand, once.
 */
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { defaultBodyLimitBytes, type RouteDef, routeByName, routes as routeTableRoutes, type RouteName } from '../../shared/routes';
import type { StageName, WafMode } from './config';

/** CloudFront reads web ACLs of scope CLOUDFRONT from us-east-1 only. */
export const wafRegion = 'us-east-1';

/** The edge stack's output holding the web ACL's ARN: the stage's stack reads it by this name. */
export const webAclArnOutputId = 'WebAclArn';

/** The web ACL's name, which CloudWatch files its figures under (dimension WebACL): the dashboard reads it too. */
export const webAclNameOf = (stage: string) => `portal-${stage}`;

/** The `<stage stack>-Edge` name, one per stage. */
export const edgeStackName = (portalStackName: string) => `${portalStackName}-Edge`;

/**
 * The rate-based rules: requests per client IP in any 5 minutes, on the routes named (their
 * method and path from the route table, so a moved route takes its rule along). Each limit sits
 * above the most the code lets one address make in 5 minutes (its fixed windows allow twice a
 * window's limit across a window's edge): WAF is for floods the code would still have to answer,
 * one 429 each. waf.test.ts holds each limit to that.
 */
export const wafRateRules = [
  {
    name: 'SignInLinkRequests',
    routes: ['requestSignInLink'],
    limit: 100,
    // The code: 30 links per address per 15 minutes (signInPolicy.maxLinksPerIp), so at most 60 in 5 minutes.
    why: 'sign-in links are emails and texts the portal pays for; the code allows an address 30 per 15 minutes (at most 60 in any 5)',
  },
  {
    name: 'PasswordSignIns',
    routes: ['signInWithPassword'],
    limit: 100,
    // The code: 30 tries per address per 15 minutes (passwordThrottle.triesPerAddress), so at most 60 in 5 minutes.
    why: 'password spraying; the code allows an address 30 tries per 15 minutes (at most 60 in any 5), each an Argon2 hash',
  },
  {
    name: 'PublicServiceRequests',
    routes: ['createPublicRequest'],
    limit: 20,
    // The code: 5 per client address an hour and 10 a day (publicRequestPolicy), so at most 10 in 5 minutes;
    // a resend of the same form and what the hidden field or time floor drop are not counted there, so room is left for them.
    why: 'bots at a business\'s website form; the code keeps 5 an hour (at most 10 in any 5 minutes) and answers the rest 429 or a silent drop',
  },
  {
    name: 'LinkLookups',
    routes: ['getLink', 'getTracking', 'verifySignInLink'],
    limit: 300,
    // The code counts only misses: 60 per client per 15 minutes (linkPolicy.lookupsPerWindow), at most 120 in 5 minutes.
    // A valid link is looked up once per page load; the tracking page polls every 15 s (20 in 5 minutes a page).
    why: 'token guessing; the code refuses an address after 60 misses per 15 minutes (at most 120 in any 5) and counts no valid lookups, and an open tracking page polls 20 times in 5 minutes',
  },
] as const satisfies readonly { name: string; routes: readonly RouteName[]; limit: number; why: string }[];

/** WAF rate-based rules count over this window (60, 120, 300 or 600 s). */
export const rateWindowSeconds = 300;

/** The common rule set's body-size rule (bodies over 8 KB: AWS's figure, fixed), and the label it puts on what it matches. */
export const bodySizeRule = { name: 'SizeRestrictions_BODY', label: 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body', maxBytes: 8 * 1024 } as const;

/** The managed rule groups, in the order they run (with the priorities of the rules between them). */
export const managedRuleGroups = {
  ipReputation: { name: 'AWSManagedRulesAmazonIpReputationList', priority: 0 },
  common: { name: 'AWSManagedRulesCommonRuleSet', priority: 20 },
  knownBadInputs: { name: 'AWSManagedRulesKnownBadInputsRuleSet', priority: 30 },
} as const;

/** The rule of ours that takes over SizeRestrictions_BODY: right after the common set, whose label it reads. */
export const bodySizeOutsideLargeRoutesRule = 'BodyOver8KbOutsideLargeBodyRoutes';

export interface EdgeWafProps extends StackProps {
  readonly stage: StageName;
  readonly wafMode: WafMode;
  /** The route table (tests pass longer ones): the rate rules' routes and the large-body routes come from it. */
  readonly routes?: readonly RouteDef[];
}

/** The web ACL's stack, in us-east-1 (`env.region` is forced to it). */
export class EdgeWaf extends Stack {
  public readonly webAcl: CfnWebACL;
  public readonly webAclArnOutput: CfnOutput;

  constructor(scope: Construct, id: string, props: EdgeWafProps) {
    super(scope, id, { ...props, env: { ...props.env, region: wafRegion } });
    const { stage, wafMode } = props;
    const routes = props.routes ?? routeTableRoutes;
    const counting = wafMode === 'count';
    const name = webAclNameOf(stage);
    // CloudWatch (us-east-1, AWS/WAFV2) files the figures under these names: dimension WebACL is the
    // ACL's (`portal-<stage>`), dimension Rule each rule's own name (ALL for the whole ACL).
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    // A managed group in count mode counts every match of its rules and refuses nothing.
    const groupOverride: CfnWebACL.OverrideActionProperty = counting ? { count: {} } : { none: {} };
    const managed = (group: { name: string; priority: number }, ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[]): CfnWebACL.RuleProperty => ({
      name: group.name,
      priority: group.priority,
      overrideAction: groupOverride,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group.name, ...(ruleActionOverrides ? { ruleActionOverrides } : {}) } },
      visibilityConfig: visibility(group.name),
    });

    const rateRules: CfnWebACL.RuleProperty[] = wafRateRules.map((rule, i) => ({
      name: rule.name,
      priority: 10 + i,
      // Too many requests, said as the API says it (a problem the portal's pages show); WAF adds no Retry-After.
      action: counting ? { count: {} } : { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'tooManyRequests' } } },
      statement: {
        rateBasedStatement: {
          limit: rule.limit,
          evaluationWindowSec: rateWindowSeconds,
          aggregateKeyType: 'IP',
          scopeDownStatement: anyOf(rule.routes.map((routeName) => routeStatement(routeNamed(routes, routeName)))),
        },
      },
      visibilityConfig: visibility(rule.name),
    }));

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name,
      // WAF takes letters, digits, spaces and =:#@/-,. only.
      description: `Customer portal ${stage}: managed rules and per-address rate limits in front of CloudFront, ${wafMode} mode`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      customResponseBodies: {
        tooManyRequests: { contentType: 'APPLICATION_JSON', content: JSON.stringify({ title: 'Too many requests came from your address. Please wait a few minutes and try again.', status: 429 }) },
      },
      rules: [
        managed(managedRuleGroups.ipReputation),
        ...rateRules,
        // SizeRestrictions_BODY would refuse every body over 8 KB, and some routes take more: a form's
        // answers (up to 150 KB of text, signatures drawn), an approval's drawn signature, a service
        // request, Stripe's events, the business API's jobs, invoices, estimates and forms (each
        // route's `bodyLimitBytes` in shared/routes/). So within the group it only counts (and labels),
        // and the next rule refuses those bodies on every other route, which take 8 KB at most anyway.
        managed(managedRuleGroups.common, [{ name: bodySizeRule.name, actionToUse: { count: {} } }]),
        {
          name: bodySizeOutsideLargeRoutesRule,
          priority: managedRuleGroups.common.priority + 1,
          action: counting ? { count: {} } : { block: {} },
          statement: {
            andStatement: {
              statements: [
                { labelMatchStatement: { scope: 'LABEL', key: bodySizeRule.label } },
                { notStatement: { statement: anyOf(largeBodyPathRegexes(routes).map((regexString) => ({ regexMatchStatement: { regexString, fieldToMatch: { uriPath: {} }, textTransformations: noTransformation } }))) } },
              ],
            },
          },
          visibilityConfig: visibility(bodySizeOutsideLargeRoutesRule),
        },
        managed(managedRuleGroups.knownBadInputs),
      ],
    });

    this.webAclArnOutput = new CfnOutput(this, webAclArnOutputId, {
      value: this.webAcl.attrArn,
      description: 'The web ACL of the stage\'s CloudFront distribution (its stack reads this output: infra/stack/waf.ts)',
    });
    this.webAclArnOutput.overrideLogicalId(webAclArnOutputId);
    new CfnOutput(this, 'WebAclName', { value: name, description: 'CloudWatch (us-east-1, AWS/WAFV2, dimension WebACL) and the WAF console list its figures under this name' });
  }

  /**
   * The web ACL's ARN, for a stack in any region (see the top of this file): read from this stack's
   * output at deploy time, with `consumer` made to deploy after this stack.
   */
  webAclArnFor(consumer: Stack): string {
    consumer.addStackDependency(this, 'The distribution takes the web ACL\'s ARN from the edge stack\'s output');
    return Fn.getStackOutput(this.stackName, webAclArnOutputId, wafRegion);
  }
}

const noTransformation: CfnWebACL.TextTransformationProperty[] = [{ priority: 0, type: 'NONE' }];

function routeNamed(routes: readonly RouteDef[], name: RouteName): RouteDef {
  return routes.find((r) => r.name === name) ?? routeByName(name);
}

function anyOf(statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty {
  if (statements.length === 0) throw new Error('A WAF statement needs something to match.');
  return statements.length === 1 ? statements[0]! : { orStatement: { statements } };
}

/** A route's API Gateway path (`{param}` for a segment) as an anchored regex over the URI path. */
export function pathRegexOf(path: string): string {
  return path
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
}

/** The request's method and path are the route's (the path exactly, or by regex where it has parameters). */
function routeStatement(route: RouteDef): CfnWebACL.StatementProperty {
  const method: CfnWebACL.StatementProperty = { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: route.method, textTransformations: noTransformation } };
  const path: CfnWebACL.StatementProperty = route.path.includes('{')
    ? { regexMatchStatement: { regexString: `^${pathRegexOf(route.path)}$`, fieldToMatch: { uriPath: {} }, textTransformations: noTransformation } }
    : { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'EXACTLY', searchString: route.path, textTransformations: noTransformation } };
  return { andStatement: { statements: [method, path] } };
}

/** WAF takes a regex of at most 512 characters. */
const maxRegexLength = 512;

/**
 * The paths of every route that takes a body over the managed rule's 8 KB (its `bodyLimitBytes`),
 * as anchored alternations of at most 512 characters each.
 */
export function largeBodyPathRegexes(routes: readonly RouteDef[]): string[] {
  const paths = [...new Set(routes.filter((r) => (r.bodyLimitBytes ?? defaultBodyLimitBytes) > bodySizeRule.maxBytes).map((r) => pathRegexOf(r.path)))].sort();
  const regexes: string[] = [];
  let current: string[] = [];
  const render = (parts: string[]) => `^(${parts.join('|')})$`;
  for (const path of paths) {
    if (current.length && render([...current, path]).length > maxRegexLength) {
      regexes.push(render(current));
      current = [];
    }
    current.push(path);
  }
  if (current.length) regexes.push(render(current));
  return regexes;
}
