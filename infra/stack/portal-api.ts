/**
 * The HTTP API: one route per row of shared/routes/, each to its own function. The `$default`
 * stage is declared explicitly because HttpApi's implicit one cannot take access logging or
 * throttling. The stage throttles every route (the stage config's ceiling); a row with its own
 * `throttle` gets a route setting on the stage, so a flood on that route cannot use up the
 * stage's share for everyone else.
 *
 * API Gateway invokes the functions with one IAM role (the integrations' credentials), not with
 * a resource-based Lambda permission per function as HttpLambdaIntegration adds: a route costs 3
 * resources (function, integration, route) instead of 4, and the stack keeps room under
 * CloudFormation's 500 (resource-budget.test.ts). The role's policy cannot list the functions:
 * IAM caps a role's inline policies at 10,240 characters in all, and grantInvoke adds two ARNs
 * per function (the function and its versions), some 180 characters once deployed, so the list
 * would hit the cap at around today's 60 routes. The policy is scoped by attribute instead
 * (Lambda's ABAC: lambda:InvokeFunction honours the `aws:ResourceTag/<key>` condition): every
 * function given a route here is tagged with this API's id, and the role may invoke exactly the
 * functions carrying that tag, in this account and region. It stays the same size whatever the
 * number of routes. Consumers, the stack's custom-resource functions and other stages' functions
 * do not carry the tag (another stage's API has another id). Names under a stack-specific prefix
 * would also work, but only with names the stack sets itself (functionName: 64 characters at
 * most, and a rename replaces the function), since the names CloudFormation generates start with
 * the stack name for every function, consumers and custom-resource ones included.
 */
import { ArnFormat, Lazy, type RemovalPolicy, Stack, Tags, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpIntegrationType,
  HttpMethod,
  HttpRouteIntegration,
  type HttpRouteIntegrationBindOptions,
  type HttpRouteIntegrationConfig,
  HttpStage,
  IntegrationCredentials,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { type IRole, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type RouteDef, routeKey } from '../../shared/routes';

export interface PortalApiProps {
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * The tag every route function carries, its value the id of the API that routes to it; the
 * invoke role's policy allows lambda:InvokeFunction on exactly the functions with that value.
 */
export const routeFunctionTagKey = 'portal:route-of-api';

/**
 * A Lambda proxy integration (payload format 2.0, as HttpLambdaIntegration's) that API Gateway
 * calls with `role` as its credentials, so it needs no Lambda permission on the function.
 */
export class HttpLambdaRoleIntegration extends HttpRouteIntegration {
  /** `home`: where the integration resource goes (the function's own stack), when not beside its route. */
  constructor(id: string, private readonly handler: IFunction, private readonly role: IRole, private readonly home?: Construct) {
    super(id);
  }

  /** @internal The route binds its integration into its own scope; this one goes to `home` instead, when given. */
  override _bindToRoute(options: HttpRouteIntegrationBindOptions): { readonly integrationId: string } {
    return super._bindToRoute(this.home ? { ...options, scope: this.home } : options);
  }

  bind(): HttpRouteIntegrationConfig {
    return {
      type: HttpIntegrationType.AWS_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      credentials: IntegrationCredentials.fromRole(this.role),
    };
  }
}

export class PortalApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  /** Assumed by API Gateway to invoke the route functions (the integrations' credentials). */
  public readonly invokeRole: Role;
  /** CloudFormation's RouteSettings, keyed by route key (`POST /api/auth/magic-link`). */
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: PortalApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Customer portal API (${props.stage}); browsers reach it through CloudFront under /api/*`,
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The path is logged, never the query string or headers: tokens travel in bodies and
        // URL fragments, and cookies must not reach a log.
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          routeKey: '$context.routeKey',
          path: '$context.path',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          integrationLatencyMs: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
          sourceIp: '$context.identity.sourceIp',
          userAgent: '$context.identity.userAgent',
        })),
      },
    });

    // HttpStage has no per-route settings; the L1 takes them as a map.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeSettings).length ? this.routeSettings : undefined),
    });

    Validations.of(this.httpApi).acknowledge(
      { id: 'AwsSolutions-APIG4', reason: 'Authorization is a session cookie checked in each handler (middy session middleware); public routes are public by design.' },
      { id: 'AwsSolutions-COG4', reason: 'No Cognito: customers sign in with emailed/texted links and a server-side session cookie checked in each handler.' },
    );

    // Inline: the policy is part of the role resource, so it costs no resource of its own, and an
    // integration naming the role is never created or switched over before the role may invoke.
    const functionsHere = Stack.of(this).formatArn({ service: 'lambda', resource: 'function', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.invokeRole = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: `Assumed by the portal HTTP API (${props.stage}) to invoke its route functions: those tagged ${routeFunctionTagKey} = the API's id`,
      inlinePolicies: {
        InvokeRouteFunctions: new PolicyDocument({
          statements: [new PolicyStatement({
            actions: ['lambda:InvokeFunction'],
            resources: [functionsHere],
            conditions: { StringEquals: { [`aws:ResourceTag/${routeFunctionTagKey}`]: this.httpApi.apiId } },
          })],
        }),
      },
    });
    Validations.of(this.invokeRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:*]',
      reason: `lambda:InvokeFunction only, and only on functions tagged ${routeFunctionTagKey} with this API's id (condition aws:ResourceTag, which Lambda honours on InvokeFunction): the route functions of this stack. Listing their ARNs would outgrow IAM's 10,240-character limit on a role's inline policies as routes are added.`,
    });
  }

  /**
   * The route stays in this stack whatever happens to its function: a route moved between stacks
   * would be created in the new one before the old is deleted, and API Gateway refuses two routes
   * with the same key. Its integration goes where the function is (`functionScope`), so a nested
   * stack holding functions holds two of each route's three resources.
   */
  addRoute(route: RouteDef, handler: IFunction, functionScope?: Construct): void {
    Tags.of(handler).add(routeFunctionTagKey, this.httpApi.apiId);
    const [added] = this.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaRoleIntegration(`${route.name}Integration`, handler, this.invokeRole, functionScope),
    });
    if (route.throttle) {
      this.routeSettings[routeKey(route)] = { ThrottlingRateLimit: route.throttle.rateLimit, ThrottlingBurstLimit: route.throttle.burstLimit };
      // API Gateway refuses a route setting for a route that does not exist yet ("Unable to find
      // Route by key ... within the provided RouteSettings"): create the route first.
      this.stage.node.addDependency(added!);
    }
  }

  /** The execute-api URL; browsers use `${portal}/api/...` instead. */
  get url(): string {
    return this.stage.url;
  }
}
