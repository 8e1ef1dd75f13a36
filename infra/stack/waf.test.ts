/**
 * Rule 89: the web ACL in front of CloudFront (infra/stack/waf.ts). Its own stack in us-east-1,
 * AWS's three managed groups, the four per-address rate rules scoped to their routes with limits
 * above the code's own, the 8 KB body rule spared on the routes that take more, count mode unless
 * `-c wafMode=block`, and the distribution reading the ACL's ARN from the edge stack.
 */
import { type App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { signInPolicy } from '../../shared/auth/policy';
import { passwordThrottle } from '../../shared/auth/password/policy';
import { linkPolicy } from '../../shared/auth/capability-links';
import { publicRequestPolicy } from '../../shared/requests/public';
import { defaultBodyLimitBytes, type RouteDef, routeByName, routes as routeTable } from '../../shared/routes';
import type { PortalStack } from './portal-stack';
import { buildPortal } from './test-support';
import { bodySizeOutsideLargeRoutesRule, bodySizeRule, EdgeWaf, largeBodyPathRegexes, managedRuleGroups, pathRegexOf, rateWindowSeconds, wafRateRules, wafRegion } from './waf';

const routes: readonly RouteDef[] = routeTable;

type Rule = { Name: string; Priority: number; Action?: Record<string, unknown>; OverrideAction?: Record<string, unknown>; Statement: Record<string, any>; VisibilityConfig: Record<string, unknown> };

function synth(context: Record<string, unknown>) {
  const { app, stack } = buildPortal(context);
  const edge = edgeOf(app);
  const acls = Template.fromStack(edge).findResources('AWS::WAFv2::WebACL');
  expect(Object.keys(acls)).toHaveLength(1);
  const acl = Object.values(acls)[0]!.Properties as { Scope: string; Rules: Rule[]; DefaultAction: unknown; VisibilityConfig: Record<string, unknown> };
  const rule = (name: string) => {
    const found = acl.Rules.find((r) => r.Name === name);
    if (!found) throw new Error(`No rule named ${name} (rules: ${acl.Rules.map((r) => r.Name).join(', ')})`);
    return found;
  };
  return { app, stack, edge, acl, rule };
}

function edgeOf(app: App): EdgeWaf {
  const edges = app.node.children.filter((c): c is EdgeWaf => c instanceof EdgeWaf);
  expect(edges).toHaveLength(1);
  return edges[0]!;
}

const distributionOf = (stack: PortalStack) => Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig as Record<string, unknown>;

let dev: ReturnType<typeof synth>;
let blocking: ReturnType<typeof synth>;

beforeAll(() => {
  dev = synth({ stage: 'dev' });
  blocking = synth({ stage: 'prod', wafMode: 'block' });
});

it('puts the web ACL, of scope CLOUDFRONT, in a stack of its own in us-east-1, letting through what no rule refuses', () => {
  expect(dev.edge.stackName).toBe('Portal-dev-Edge');
  expect(dev.edge.region).toBe(wafRegion);
  expect(wafRegion).toBe('us-east-1');
  expect(dev.acl.Scope).toBe('CLOUDFRONT');
  expect(dev.acl.DefaultAction).toEqual({ Allow: {} });
  expect(dev.acl.VisibilityConfig).toEqual({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'portal-dev' });
  // One per stage: prod's has its own name (WAF names are unique per account).
  expect(blocking.edge.stackName).toBe('Portal-prod-Edge');
  expect(Object.values(Template.fromStack(blocking.edge).findResources('AWS::WAFv2::WebACL'))[0]!.Properties.Name).toBe('portal-prod');
});

it("gives the distribution the ACL's ARN from the edge stack's output, read across regions, and deploys the edge stack first", () => {
  expect(distributionOf(dev.stack).WebACLId).toEqual({ 'Fn::GetStackOutput': { StackName: 'Portal-dev-Edge', OutputName: 'WebAclArn', Region: 'us-east-1' } });
  Template.fromStack(dev.edge).hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAcl'), 'Arn'] } });
  expect(dev.stack.dependencies).toContain(dev.edge);
});

it('runs AWS\'s IP reputation, common and known-bad-inputs groups, with metrics and sampled requests for every rule', () => {
  for (const group of Object.values(managedRuleGroups)) {
    expect(dev.rule(group.name)).toMatchObject({ Priority: group.priority, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: group.name } } });
  }
  expect(Object.values(managedRuleGroups).map((g) => g.name).sort()).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
  for (const rule of dev.acl.Rules) {
    expect(rule.VisibilityConfig).toEqual({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: rule.Name });
  }
  expect(new Set(dev.acl.Rules.map((r) => r.Priority)).size).toBe(dev.acl.Rules.length);
});

describe('rate rules', () => {
  const expected = {
    SignInLinkRequests: { limit: 100, routes: ['requestSignInLink'] },
    PasswordSignIns: { limit: 100, routes: ['signInWithPassword'] },
    PublicServiceRequests: { limit: 20, routes: ['createPublicRequest'] },
    LinkLookups: { limit: 300, routes: ['getLink', 'getTracking', 'verifySignInLink'] },
  } as const;

  it.each(Object.entries(expected))('%s: its limit per IP over 5 minutes, only on its routes\' method and path', (name, { limit, routes: names }) => {
    const statement = dev.rule(name).Statement.RateBasedStatement;
    expect(statement).toMatchObject({ Limit: limit, EvaluationWindowSec: 300, AggregateKeyType: 'IP' });
    const scopes = names.length === 1 ? [statement.ScopeDownStatement] : statement.ScopeDownStatement.OrStatement.Statements;
    expect(scopes).toHaveLength(names.length);
    names.forEach((routeName, i) => {
      const route = routeByName(routeName);
      const [method, path] = scopes[i].AndStatement.Statements;
      expect(method.ByteMatchStatement).toMatchObject({ FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: route.method });
      if (route.path.includes('{')) {
        expect(path.RegexMatchStatement).toMatchObject({ FieldToMatch: { UriPath: {} }, RegexString: `^${pathRegexOf(route.path)}$` });
      } else {
        expect(path.ByteMatchStatement).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'EXACTLY', SearchString: route.path });
      }
    });
  });

  it('covers the sign-in link, password, public service request and link lookup paths', () => {
    expect(wafRateRules.map((r) => r.name).sort()).toEqual(Object.keys(expected).sort());
    const pathsOf = (name: string) => wafRateRules.find((r) => r.name === name)!.routes.map((n) => `${routeByName(n).method} ${routeByName(n).path}`);
    expect(pathsOf('SignInLinkRequests')).toEqual(['POST /api/auth/magic-link']);
    expect(pathsOf('PasswordSignIns')).toEqual(['POST /api/auth/password']);
    expect(pathsOf('PublicServiceRequests')).toEqual(['POST /api/portals/{slug}/requests']);
    expect(pathsOf('LinkLookups')).toEqual(['GET /api/link', 'GET /api/tracking', 'POST /api/auth/verify']);
    const publicRequests = new RegExp(dev.rule('PublicServiceRequests').Statement.RateBasedStatement.ScopeDownStatement.AndStatement.Statements[1].RegexMatchStatement.RegexString);
    expect(publicRequests.test('/api/portals/acme/requests')).toBe(true);
    expect(publicRequests.test('/api/portals/acme/requests/req_1/confirm')).toBe(false);
    expect(publicRequests.test('/api/portals/acme/x/requests')).toBe(false);
  });

  it("sits above the most the code lets one address make in 5 minutes (twice a fixed window's limit, across its edge)", () => {
    const mostIn5Minutes = (perWindow: number, windowSeconds: number) => perWindow * (Math.ceil(rateWindowSeconds / windowSeconds) + 1);
    const limitOf = (name: keyof typeof expected) => wafRateRules.find((r) => r.name === name)!.limit;
    expect(limitOf('SignInLinkRequests')).toBeGreaterThan(mostIn5Minutes(signInPolicy.maxLinksPerIp, signInPolicy.rateWindowSeconds));
    expect(limitOf('PasswordSignIns')).toBeGreaterThan(mostIn5Minutes(passwordThrottle.triesPerAddress, passwordThrottle.addressWindowSeconds));
    expect(limitOf('PublicServiceRequests')).toBeGreaterThan(mostIn5Minutes(publicRequestPolicy.perClientPerHour, 60 * 60));
    expect(limitOf('LinkLookups')).toBeGreaterThan(mostIn5Minutes(linkPolicy.lookupsPerWindow, linkPolicy.windowSeconds));
    // WAF's own floor.
    for (const rule of wafRateRules) expect(rule.limit).toBeGreaterThanOrEqual(10);
  });
});

describe('bodies over 8 KB', () => {
  const largeBodyRoutes = routes.filter((r) => (r.bodyLimitBytes ?? defaultBodyLimitBytes) > 8 * 1024);
  const sample = (path: string) => path.replace(/\{[^}]+\}/g, 'abc_123');
  const matchesLargeBodyRoute = (path: string) => largeBodyPathRegexes(routes).some((regex) => new RegExp(regex).test(path));

  it('the common set only counts (and labels) them; the next rule refuses them except on the routes that take more', () => {
    expect(dev.rule(managedRuleGroups.common.name).Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    expect(blocking.rule(managedRuleGroups.common.name).Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    const rule = blocking.rule(bodySizeOutsideLargeRoutesRule);
    expect(rule.Priority).toBe(managedRuleGroups.common.priority + 1);
    expect(rule.Action).toEqual({ Block: {} });
    const [label, notLarge] = rule.Statement.AndStatement.Statements;
    expect(label).toEqual({ LabelMatchStatement: { Scope: 'LABEL', Key: bodySizeRule.label } });
    const regexes = (notLarge.NotStatement.Statement.OrStatement?.Statements ?? [notLarge.NotStatement.Statement]).map((s: any) => s.RegexMatchStatement.RegexString);
    expect(regexes).toEqual(largeBodyPathRegexes(routes));
    for (const regex of regexes) expect(regex.length).toBeLessThanOrEqual(512);
  });

  it('spares every route whose body limit is over 8 KB (forms, approvals, requests, Stripe, the business API) and no other', () => {
    expect(largeBodyRoutes.map((r) => r.name)).toEqual(expect.arrayContaining(['submitForm', 'saveFormDraft', 'approveEstimate', 'createPublicRequest', 'stripeWebhook', 'putJob']));
    for (const route of largeBodyRoutes) expect([route.name, matchesLargeBodyRoute(sample(route.path))]).toEqual([route.name, true]);
    for (const route of routes.filter((r) => !largeBodyRoutes.includes(r))) {
      if (largeBodyRoutes.some((l) => new RegExp(`^${pathRegexOf(l.path)}$`).test(sample(route.path)))) continue; // the same path, another method
      expect([route.name, matchesLargeBodyRoute(sample(route.path))]).toEqual([route.name, false]);
    }
    expect(matchesLargeBodyRoute('/api/forms/f1/submit/extra')).toBe(false);
    expect(matchesLargeBodyRoute('/api/auth/magic-link')).toBe(false);
  });

  it('splits the paths into regexes WAF takes (512 characters at most)', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...routeByName('submitForm'), name: `big${i}`, path: `/api/a-rather-long-path-segment-${i}/{id}/submit` }));
    const regexes = largeBodyPathRegexes(many);
    expect(regexes.length).toBeGreaterThan(1);
    for (const regex of regexes) expect(regex.length).toBeLessThanOrEqual(512);
    for (const route of many) expect(regexes.some((r) => new RegExp(r).test(sample(route.path)))).toBe(true);
  });
});

describe('count mode first', () => {
  it('counts only, by default, on every stage: managed groups count, every rule of ours counts', () => {
    for (const stage of ['dev', 'prod']) {
      const { acl } = stage === 'dev' ? dev : synth({ stage });
      for (const rule of acl.Rules) {
        if (rule.Statement.ManagedRuleGroupStatement) expect([rule.Name, rule.OverrideAction]).toEqual([rule.Name, { Count: {} }]);
        else expect([rule.Name, rule.Action]).toEqual([rule.Name, { Count: {} }]);
      }
    }
  });

  it('blocks with -c wafMode=block: the groups take their own actions, rate rules answer 429', () => {
    for (const rule of blocking.acl.Rules) {
      if (rule.Statement.ManagedRuleGroupStatement) expect([rule.Name, rule.OverrideAction]).toEqual([rule.Name, { None: {} }]);
      else if (rule.Statement.RateBasedStatement) expect([rule.Name, rule.Action]).toEqual([rule.Name, { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'tooManyRequests' } } }]);
      else expect([rule.Name, rule.Action]).toEqual([rule.Name, { Block: {} }]);
    }
    expect(Object.values(Template.fromStack(blocking.edge).findResources('AWS::WAFv2::WebACL'))[0]!.Properties.CustomResponseBodies.tooManyRequests).toMatchObject({ ContentType: 'APPLICATION_JSON' });
  });

  it('refuses any other mode', () => {
    expect(() => buildPortal({ wafMode: 'on' })).toThrow(/wafMode must be count or block/);
  });
});

it('works the same for a stage whose region and account the CLI knows, in any region', () => {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  try {
    process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
    process.env.CDK_DEFAULT_REGION = 'eu-west-1';
    const { app, stack } = buildPortal({ stage: 'dev' });
    const edge = edgeOf(app);
    expect([stack.region, stack.account, edge.region, edge.account]).toEqual(['eu-west-1', '123456789012', 'us-east-1', '123456789012']);
    app.synth();
    expect(distributionOf(stack).WebACLId).toEqual({ 'Fn::GetStackOutput': { StackName: 'Portal-dev-Edge', OutputName: 'WebAclArn', Region: 'us-east-1' } });
  } finally {
    for (const [key, value] of [['CDK_DEFAULT_ACCOUNT', saved.account], ['CDK_DEFAULT_REGION', saved.region]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
});

it('the edge stack has no unacknowledged cdk-nag errors or warnings', () => {
  const report = new AwsSolutionsChecks().validateScope(blocking.edge);
  expect(report.violations.filter((v) => v.severity === 'error' || v.severity === 'warning').map((v) => v.ruleName)).toEqual([]);
  expect(Stack.of(blocking.edge.webAcl)).toBe(blocking.edge);
});
