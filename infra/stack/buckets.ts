/**
 * Every bucket in the stack is private, encrypted, TLS-only and logged. One factory so a new
 * bucket cannot forget one of those.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface BucketPolicyProps {
  readonly removalPolicy: RemovalPolicy;
}

function baseProps({ removalPolicy }: BucketPolicyProps) {
  return {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    removalPolicy,
    // A stack that is meant to be destroyed (dev) must be able to delete non-empty buckets.
    autoDeleteObjects: removalPolicy === RemovalPolicy.DESTROY,
  };
}

/** Receives S3 server access logs and CloudFront standard logs. */
export function createAccessLogBucket(scope: Construct, id: string, props: BucketPolicyProps & { retention: RetentionDays }): Bucket {
  const bucket = new Bucket(scope, id, {
    ...baseProps(props),
    // CloudFront standard logging delivers through an ACL grant, so ACLs cannot be disabled here;
    // "owner preferred" still makes this account the owner of the delivered log objects.
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(props.retention) }],
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This is the access log bucket itself; logging it into itself would loop.',
  });
  return bucket;
}

export function createPrivateBucket(scope: Construct, id: string, props: BucketPolicyProps & { accessLogs: Bucket }): Bucket {
  return new Bucket(scope, id, {
    ...baseProps(props),
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: `s3/${id}/`,
  });
}
