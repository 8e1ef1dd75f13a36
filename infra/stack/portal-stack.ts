/**
 * The whole portal on AWS: one table, one function per route plus one consumer per queue, the
 * HTTP API, the queues, the secrets, the attachments bucket and the CloudFront site.
 * What each function may touch comes from shared/routes/, never from this file.
 */
import * as path from 'node:path';
import { CfnOutput, Duration, NestedStack, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { secondaryIndexes, tableDefinition } from '../../shared/data/table';
import { businessApiPrefix, type SubscriberDef, subscribers as routeTableSubscribers, type ScheduleDef, schedules as routeTableSchedules, type ConsumerDef, consumers as routeTableConsumers, type FunctionAccess, type QueueName, type RouteDef, routeKey, routes as routeTableRoutes } from '../../shared/routes';
import { envNames } from '../../shared/config/env-names';
import type { AccessTargets } from './access';
import { createAccessLogBucket, createPrivateBucket } from './buckets';
import type { StageConfig } from './config';
import { ExecutionRoles } from './execution-roles';
import { PortalApi } from './portal-api';
import { PortalFunction, projectRoot } from './portal-function';
import { PortalWeb } from './portal-web';
import { Monitoring } from './monitoring';
import { createSecrets } from './secrets';
import { WorkQueue } from './work-queue';

/** CloudFront puts the viewer's "ip:port" in this header (the origin request policy forwards it). */
export const clientIpHeader = 'cloudfront-viewer-address';

/** Every QueueName, from the map that must name each of them. */
export const queueNames = Object.keys(envNames.queueUrl) as QueueName[];

export interface PortalStackProps extends StackProps {
  readonly config: StageConfig;
  /** Defaults to `frontend/dist` in the project; tests point it elsewhere. */
  readonly frontendDist?: string;
  /** Defaults to shared/routes/; tests pass longer lists to measure the stack's growth. */
  readonly routes?: readonly RouteDef[];
  readonly consumers?: readonly ConsumerDef[];
  /** Functions on a timer; the route table's by default. */
  readonly schedules?: readonly ScheduleDef[];
  /** The topic subscribers (default: the route table's). */
  readonly subscribers?: readonly SubscriberDef[];
}

export class PortalStack extends Stack {
  /** The stack's own table, or the restored one `tableName` names (config.ts). */
  public readonly table: ITable;
  /** Every function by its route table name (`getJob`, `sendNotification`...). */
  public readonly functions: ReadonlyMap<string, PortalFunction>;
  public readonly queues: Readonly<Record<QueueName, WorkQueue>>;
  public readonly executionRoles: ExecutionRoles;
  /** The HTTP API, with the role API Gateway invokes the route functions with. */
  public readonly api: PortalApi;
  /**
   * The business API's functions and their integrations (their routes stay on the API, in this
   * stack): CloudFormation takes 500 resources a stack, and one stack would reach it with the
   * routes and alarms still to come (resource-budget.test.ts).
   */
  public readonly businessApiFunctions: NestedStack;
  /** The site on CloudFront: the pages, the API behind /api/*, published images under /media/*. */
  public readonly web: PortalWeb;
  /** The alarms, their topic and the stage's dashboard (a nested stack). */
  public readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routes = props.routes ?? routeTableRoutes;
    const consumers = props.consumers ?? routeTableConsumers;
    const schedules = props.schedules ?? routeTableSchedules;
    const subscribers = props.subscribers ?? routeTableSubscribers;

    this.table = config.tableName ? useExistingTable(this, config.tableName) : createTable(this, config);

    const accessLogs = createAccessLogBucket(this, 'AccessLogs', { removalPolicy: config.removalPolicy, retention: config.logRetention });
    const filesBucket = createPrivateBucket(this, 'FilesBucket', { removalPolicy: config.removalPolicy, accessLogs });
    const secrets = createSecrets(this, { removalPolicy: config.removalPolicy });
    this.queues = createQueues(this, consumers);

    const api = new PortalApi(this, 'Api', {
      stage: config.stage,
      logRetention: config.logRetention,
      removalPolicy: config.removalPolicy,
      throttle: config.apiThrottle,
    });
    this.api = api;
    const web = new PortalWeb(this, 'Web', {
      config,
      api: api.httpApi,
      frontendDist: props.frontendDist ?? path.join(projectRoot, 'frontend', 'dist'),
      accessLogs,
      filesBucket,
      originVerify: secrets.originVerify,
    });
    this.web = web;

    const targets: AccessTargets = {
      table: this.table,
      filesBucket,
      queues: Object.fromEntries(queueNames.map((name) => [name, this.queues[name].queue])) as Record<QueueName, WorkQueue['queue']>,
      secrets,
      email: {
        from: config.emailFrom,
        identityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.sesIdentity }),
        ...(config.sesConfigurationSet
          ? { configurationSet: { name: config.sesConfigurationSet, arn: this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: config.sesConfigurationSet }) } }
          : {}),
      },
      sms: config.smsOriginationNumber ? { originationNumber: config.smsOriginationNumber } : {},
    };

    // One log group for every function, one role per distinct access: see execution-roles.ts.
    const functionLogs = new LogGroup(this, 'FunctionLogs', { retention: config.logRetention, removalPolicy: config.removalPolicy });
    this.executionRoles = new ExecutionRoles(this, 'Roles', { targets, logGroup: functionLogs });

    const functions = new Map<string, PortalFunction>();
    this.businessApiFunctions = new NestedStack(this, 'BusinessApi', { description: `The business API's functions (${config.stage}); their routes are on the portal's HTTP API` });
    const defineFunction = (
      def: { name: string; entry: string; access: FunctionAccess; bundleAssets?: readonly 'pdfFonts'[] },
      description: string,
      options: { timeout?: Duration; consumes?: QueueName; scope?: Construct } = {},
    ) => {
      if (functions.has(def.name)) throw new Error(`Two functions are named ${def.name} in the route table.`);
      const { role, environment } = this.executionRoles.forFunction(def.name, def.access, options.consumes);
      const fn = new PortalFunction(options.scope ?? this, def.name, {
        entry: def.entry,
        ...(def.bundleAssets ? { bundleAssets: def.bundleAssets } : {}),
        description,
        role,
        logGroup: functionLogs,
        traced: config.tracing,
        ...(options.timeout ? { timeout: options.timeout } : {}),
        environment: {
          [envNames.stage]: config.stage,
          [envNames.portalOrigin]: web.portalOrigin,
          [envNames.clientIpHeader]: clientIpHeader,
          // The tracking page's map tiles (the page gets them from GET /api/tracking), when the stage has a source.
          ...(config.mapTiles ? { [envNames.mapTileUrl]: config.mapTiles.urlTemplate, [envNames.mapTileAttribution]: config.mapTiles.attribution } : {}),
          // Financing messaging: only the function that hands it to the page needs the key.
          ...(config.paymentMessaging && def.name === 'getFinancing'
            ? { [envNames.stripePublishableKey]: config.paymentMessaging.publishableKey, [envNames.stripeJsUrl]: config.paymentMessaging.scriptUrl }
            : {}),
          ...environment,
        },
      });
      functions.set(def.name, fn);
      return fn;
    };

    for (const route of routes) {
      const scope = route.path.startsWith(`${businessApiPrefix}/`) ? this.businessApiFunctions : this;
      api.addRoute(route, defineFunction(route, routeKey(route), { scope }), scope);
    }
    for (const consumer of consumers) {
      const fn = defineFunction(consumer, `Consumes the ${consumer.queue} queue`, {
        timeout: Duration.seconds(consumer.timeoutSeconds),
        consumes: consumer.queue,
      });
      this.queues[consumer.queue].attachConsumer(fn, consumer.maxConcurrency);
    }
    for (const schedule of schedules) {
      const fn = defineFunction(schedule, `Runs every ${schedule.everyMinutes} minute(s)`, { timeout: Duration.seconds(schedule.timeoutSeconds) });
      // No reserved concurrency: a run that overlaps the next finds the items it holds leased and skips them.
      new Rule(this, `${schedule.name}Schedule`, { schedule: Schedule.rate(Duration.minutes(schedule.everyMinutes)), targets: [new LambdaFunction(fn, { retryAttempts: 0 })] });
    }
    const subscriberDeadLetters: Record<string, Queue> = {};
    for (const subscriber of subscribers) {
      const fn = defineFunction(subscriber, `Receives the ${subscriber.topic} topic`, { timeout: Duration.seconds(subscriber.timeoutSeconds) });
      const topic = new Topic(this, `${pascalCase(subscriber.topic)}Topic`, { enforceSSL: true });
      // End User Messaging publishes the texts customers send to the origination number here.
      topic.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
      // A reply SNS could not hand over to the function is kept (14 days) rather than dropped: a STOP
      // must not be lost. Ops redrive it (docs/operations.md). (A reply the function itself fails on
      // is retried twice by Lambda; a destination for what still fails would need a role of its own.)
      const deadLetters = new Queue(this, `${pascalCase(subscriber.topic)}DeadLetters`, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
      // cdk-nag cannot see that SNS and Lambda use it as their dead-letter queue.
      Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the text replies\' SNS subscription.' });
      topic.addSubscription(new LambdaSubscription(fn, { deadLetterQueue: deadLetters }));
      subscriberDeadLetters[subscriber.topic] = deadLetters;
      new CfnOutput(this, `${pascalCase(subscriber.topic)}TopicArn`, { value: topic.topicArn, description: 'Two-way SMS destination of the origination number (docs/operations.md, "Texts: STOP and START")' });
      new CfnOutput(this, `${pascalCase(subscriber.topic)}DeadLetterQueueUrl`, { value: deadLetters.queueUrl, description: 'Text replies that could not be recorded: watch its depth (docs/operations.md)' });
    }
    this.functions = functions;

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: config.stage,
      alarmEmails: config.alarmEmails,
      smsMonthlySpendLimitUsd: config.smsMonthlySpendLimitUsd,
      apiId: api.httpApi.apiId,
      queues: this.queues,
      otherDeadLetterQueues: subscriberDeadLetters,
      functions,
    });

    new CfnOutput(this, 'PortalUrl', { value: web.portalOrigin, description: 'Open this in a browser' });
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'execute-api endpoint (browsers go through the portal URL + /api)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    for (const name of queueNames) {
      const id = pascalCase(name);
      new CfnOutput(this, `${id}QueueUrl`, { value: this.queues[name].queue.queueUrl });
      new CfnOutput(this, `${id}DeadLetterQueueUrl`, { value: this.queues[name].deadLetterQueue.queueUrl, description: 'Watch its depth; redrive after a fix (docs/operations.md)' });
    }
    new CfnOutput(this, 'OriginVerifySecretArn', { value: secrets.originVerify.secretArn, description: 'Rotation: docs/operations.md' });
    new CfnOutput(this, 'StripeSecretArn', { value: secrets.stripe.secretArn, description: 'Fill with the platform Stripe keys: README, "Stripe"' });
  }
}

/** The portal's table, owned by the stack: the usual case. */
function createTable(scope: Construct, config: StageConfig): Table {
  const table = new Table(scope, 'Table', {
    partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
    sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Housekeeping only: expiry is always checked in code, TTL deletion can lag by days.
    timeToLiveAttribute: tableDefinition.ttlAttribute,
    // A retained table must also survive a console click or a stray `cdk destroy`.
    deletionProtection: config.removalPolicy === RemovalPolicy.RETAIN,
    removalPolicy: config.removalPolicy,
  });
  for (const index of secondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}

/**
 * A table the stack does not own: the one a point-in-time restore made. A restore copies the
 * items and the indexes but not TTL, point-in-time recovery or deletion protection, and
 * CloudFormation cannot set them on a table it does not own: the runbook turns them on by hand
 * (docs/operations.md, "Restoring the table to a point in time"). Naming the indexes lets the
 * grants cover them.
 */
function useExistingTable(scope: Construct, tableName: string): ITable {
  return Table.fromTableAttributes(scope, 'Table', { tableName, globalIndexes: secondaryIndexes.map((index) => index.name) });
}

/**
 * One queue (with its dead-letter queue) per QueueName, each with exactly one consumer: two
 * consumers on one queue would each get a random share of its messages.
 */
function createQueues(scope: Construct, consumers: readonly ConsumerDef[]): Record<QueueName, WorkQueue> {
  return Object.fromEntries(queueNames.map((name) => {
    const readers = consumers.filter((c) => c.queue === name);
    if (readers.length !== 1) {
      throw new Error(`Queue "${name}" needs exactly one consumer in shared/routes/, found ${readers.length}${readers.length ? ` (${readers.map((c) => c.name).join(', ')})` : ''}.`);
    }
    // Construct ids keep the first queue's logical ids from before there were several queues.
    return [name, new WorkQueue(scope, pascalCase(name), { consumerTimeout: Duration.seconds(readers[0]!.timeoutSeconds) })];
  })) as Record<QueueName, WorkQueue>;
}

function pascalCase(name: string): string {
  return name[0]!.toUpperCase() + name.slice(1);
}
