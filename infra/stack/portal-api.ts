/**
 * The HTTP API: one route per row of shared/routes.ts, each to its own function. The `$default`
 * stage is declared explicitly because HttpApi's implicit one cannot take access logging or
 * throttling. The stage throttles every route (the stage config's ceiling); a row with its own
 * `throttle` gets a route setting on the stage, so a flood on that route cannot use up the
 * stage's share for everyone else.
 */
import { Lazy, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
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

export class PortalApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
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
  }

  addRoute(route: RouteDef, handler: IFunction): void {
    const [added] = this.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.name}Integration`, handler),
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
