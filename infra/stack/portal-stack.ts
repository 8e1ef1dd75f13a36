/**
 * The whole portal on AWS: one table, one function per route (plus the notification consumer),
 * the HTTP API, the notification queue, the attachments bucket and the CloudFront site.
 * What each function may touch comes from shared/routes.ts, never from this file.
 */
import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/data/table';
import { consumers, type FunctionAccess, routeKey, routes } from '../../shared/routes';
import { envNames } from '../../shared/config/env-names';
import { createAccessLogBucket, createPrivateBucket } from './buckets';
import type { StageConfig } from './config';
import { NotificationQueue } from './notification-queue';
import { PortalApi } from './portal-api';
import { type AccessTargets, PortalFunction, projectRoot } from './portal-function';
import { PortalWeb } from './portal-web';

/** CloudFront puts the viewer's "ip:port" in this header (the origin request policy forwards it). */
export const clientIpHeader = 'cloudfront-viewer-address';

/** Sends one batch of emails/texts; generous because SES/SNS can be slow, never customer-facing. */
const consumerTimeout = Duration.seconds(30);

export interface PortalStackProps extends StackProps {
  readonly config: StageConfig;
  /** Defaults to `frontend/dist` in the project; tests point it elsewhere. */
  readonly frontendDist?: string;
}

export class PortalStack extends Stack {
  public readonly table: Table;
  /** Every function by its route table name (`getJob`, `sendNotification`...). */
  public readonly functions: ReadonlyMap<string, PortalFunction>;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new Table(this, 'Table', {
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

    const accessLogs = createAccessLogBucket(this, 'AccessLogs', { removalPolicy: config.removalPolicy, retention: config.logRetention });
    const filesBucket = createPrivateBucket(this, 'FilesBucket', { removalPolicy: config.removalPolicy, accessLogs });
    const notifications = new NotificationQueue(this, 'Notifications', { consumerTimeout });

    const api = new PortalApi(this, 'Api', {
      stage: config.stage,
      logRetention: config.logRetention,
      removalPolicy: config.removalPolicy,
      throttle: config.apiThrottle,
    });
    const web = new PortalWeb(this, 'Web', {
      config,
      api: api.httpApi,
      frontendDist: props.frontendDist ?? path.join(projectRoot, 'frontend', 'dist'),
      accessLogs,
    });

    const targets: AccessTargets = {
      table: this.table,
      filesBucket,
      notificationQueue: notifications.queue,
      email: {
        from: config.emailFrom,
        identityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.sesIdentity }),
        ...(config.sesConfigurationSet
          ? { configurationSet: { name: config.sesConfigurationSet, arn: this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: config.sesConfigurationSet }) } }
          : {}),
      },
      sms: config.smsOriginationNumber ? { originationNumber: config.smsOriginationNumber } : {},
    };

    const functions = new Map<string, PortalFunction>();
    const defineFunction = (name: string, entry: string, access: FunctionAccess, description: string, timeout?: Duration) => {
      const fn = new PortalFunction(this, name, {
        entry,
        description,
        logRetention: config.logRetention,
        logRemovalPolicy: config.removalPolicy,
        ...(timeout ? { timeout } : {}),
        environment: {
          [envNames.stage]: config.stage,
          [envNames.portalOrigin]: web.portalOrigin,
          [envNames.clientIpHeader]: clientIpHeader,
        },
      });
      fn.grantAccess(access, targets);
      functions.set(name, fn);
      return fn;
    };

    for (const route of routes) {
      api.addRoute(route, defineFunction(route.name, route.entry, route.access, routeKey(route)));
    }

    // One queue, one consumer: two different consumers on one queue would each get a random half.
    if (consumers.length !== 1) throw new Error(`Expected exactly one queue consumer in shared/routes.ts, found ${consumers.length}.`);
    for (const consumer of consumers) {
      const fn = defineFunction(consumer.name, consumer.entry, consumer.access, 'Sends queued emails and text messages', consumerTimeout);
      notifications.attachConsumer(fn);
    }
    this.functions = functions;

    new CfnOutput(this, 'PortalUrl', { value: web.portalOrigin, description: 'Open this in a browser' });
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'execute-api endpoint (browsers go through the portal URL + /api)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'NotificationQueueUrl', { value: notifications.queue.queueUrl });
  }
}
