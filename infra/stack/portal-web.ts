/**
 * The portal's one origin for browsers: CloudFront serves the built SPA from a private bucket
 * and forwards `/api/*` to the HTTP API, so the frontend, cookies and CSP `'self'` all share a
 * single origin, exactly as the local gateway does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, Duration, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Bucket as BucketRef, HttpMethods, type Bucket, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { originVerifyHeader } from '../../shared/config/env-names';
import { mediaHeaders, securityHeaders, securityHeadersFor } from '../../shared/http/security-headers';
import { tileOrigin } from '../../shared/tracking/map-tiles';
import { scriptOrigin } from '../../shared/payments/messaging';
import { createPrivateBucket } from './buckets';
import type { StageConfig } from './config';
import { currentField } from './secrets';
import { responseHeadersFrom } from './response-headers';
import { spaRewriteFunctionCode } from './spa-rewrite';

export interface PortalWebProps {
  readonly config: StageConfig;
  readonly api: IHttpApi;
  /** The built frontend (`frontend/dist`); must contain index.html. */
  readonly frontendDist: string;
  readonly accessLogs: Bucket;
  /** The files bucket: its `media/` prefix (published branding images, rule 74) is served at `/media/*`. */
  readonly filesBucket: Bucket;
  /** The `originVerify` secret: its `current` field goes to the API in `originVerifyHeader`. */
  readonly originVerify: ISecret;
}

export class PortalWeb extends Construct {
  public readonly distribution: Distribution;
  public readonly siteBucket: Bucket;
  /** `https://portal.example.com` or `https://dxxxx.cloudfront.net`: what links and Origin checks use. */
  public readonly portalOrigin: string;
  /** Where the pages post customers' uploads: the files bucket's origin, the one connection the pages' CSP allows beyond their own. */
  public readonly uploadOrigin: string;

  constructor(scope: Construct, id: string, props: PortalWebProps) {
    super(scope, id);
    const { config } = props;
    assertFrontendBuilt(props.frontendDist);

    // The files bucket's virtual-hosted origin, as S3FileStorage.signedUploadForm addresses it (same bucket, same region).
    this.uploadOrigin = `https://${props.filesBucket.bucketName}.s3.${Stack.of(this).region}.amazonaws.com`;
    this.siteBucket = createPrivateBucket(this, 'SiteBucket', { removalPolicy: config.removalPolicy, accessLogs: props.accessLogs });

    const securityHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Portal security headers (shared/http/security-headers.ts)',
      ...responseHeadersFrom(
        securityHeadersFor({
          mapTileOrigin: config.mapTiles ? tileOrigin(config.mapTiles.urlTemplate) : null,
          paymentMessagingOrigin: config.paymentMessaging ? scriptOrigin(config.paymentMessaging.scriptUrl) : null,
          uploadOrigin: this.uploadOrigin,
        }),
      ),
    });

    // API answers are JSON: they keep the strictest policy, with no third-party origin at all.
    const apiHeadersPolicy = new ResponseHeadersPolicy(this, 'ApiSecurityHeaders', {
      comment: 'API security headers (shared/http/security-headers.ts), no third-party origin',
      ...responseHeadersFrom(securityHeaders),
    });

    // Published images: the checked type from the object, and headers that keep it an image (rule 74).
    const mediaHeadersPolicy = new ResponseHeadersPolicy(this, 'MediaHeaders', {
      comment: 'Published branding images (shared/http/security-headers.ts mediaHeaders)',
      ...responseHeadersFrom(mediaHeaders),
    });

    const mediaBucket = BucketRef.fromBucketAttributes(this, 'MediaBucket', { bucketArn: props.filesBucket.bucketArn, bucketName: props.filesBucket.bucketName, region: Stack.of(this).region });
    Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac', 'The files bucket policy is written here, for media/* only (rule 74).');

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      comment: 'Serve track.html for /{slug}/track and index.html for other app routes (paths without a file extension)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaRewriteFunctionCode),
    });

    const stack = Stack.of(this);
    // Only the API id is referenced, not the stage or routes, so the distribution does not depend
    // on the functions, and the functions can take the distribution's domain as PORTAL_ORIGIN.
    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // Proves a request came through CloudFront, so functions may believe CloudFront-Viewer-Address.
      // The template holds a {{resolve:secretsmanager:...}} reference, never the value.
      customHeaders: { [originVerifyHeader]: originVerifyValue(props.originVerify, config.originVerifyVersionId).unsafeUnwrap() },
    });

    const domain = config.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Customer portal (${config.stage})`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeadersPolicy,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Only GET and HEAD, cached at the edge: names are content hashes, so an object never changes.
        '/media/*': {
          // Through the bucket as imported, so the construct writes no bucket policy (its own would
          // open every key): the statement below opens media/ only.
          origin: S3BucketOrigin.withOriginAccessControl(mediaBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: mediaHeadersPolicy,
        },
        '/api/*': {
          origin: apiOrigin,
          // No redirect for the API: a POST redirected to https would arrive as a GET.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // All viewer headers except Host (API Gateway routes on its own host name), plus
          // CloudFront-Viewer-Address for per-IP rate limits, all cookies and query strings. A
          // custom policy cannot combine "all except Host" with CloudFront headers; this managed one does.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeadersPolicy,
        },
      },
    });

    // CloudFront may read the published images and nothing else of the files bucket (attachments,
    // PDFs and pending uploads stay reachable only through short-lived signed URLs).
    props.filesBucket.addToResourcePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        resources: [props.filesBucket.arnForObjects('media/*')],
        conditions: { StringEquals: { 'AWS:SourceArn': stack.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: this.distribution.distributionId }) } },
      }),
    );
    // Uploads of branding images wait under uploads/ for their check; whatever is left there (never
    // completed, or refused) goes after a day, so no route needs to delete files.
    props.filesBucket.addLifecycleRule({ id: 'ExpireMediaUploads', prefix: 'uploads/', expiration: Duration.days(1) });
    // Customers' photos, videos and PDFs wait under customer-uploads/ until the request or answer that
    // uses them copies them into the business's namespace; three days covers a public request's
    // day-long wait for its email confirmation (shared/uploads/model.ts).
    props.filesBucket.addLifecycleRule({ id: 'ExpireCustomerUploads', prefix: 'customer-uploads/', expiration: Duration.days(3) });
    // Those uploads are browser form POSTs straight to the bucket: CORS lets the portal's pages read
    // the answer. The signed policy, not CORS, decides what is accepted (key, type, exact size,
    // expiry). Without a custom domain the distribution's name is not known before the bucket
    // (naming it would make a cycle), so any CloudFront name may read answers to POSTs.
    props.filesBucket.addCorsRule({
      allowedMethods: [HttpMethods.POST],
      allowedOrigins: [domain ? `https://${domain.domainName}` : 'https://*.cloudfront.net'],
      allowedHeaders: ['*'],
      maxAge: 3600,
    });

    this.portalOrigin = `https://${domain ? domain.domainName : this.distribution.distributionDomainName}`;

    this.deploySite(props.frontendDist);

    this.acknowledgeNagFindings(Boolean(domain));
  }

  /**
   * Puts the stage's web ACL (infra/stack/waf.ts: managed rules and per-address rate limits, in
   * us-east-1 as CloudFront requires) in front of every path of the distribution. createPortalStack
   * (portal-app.ts) calls it; a distribution left without one fails cdk-nag (AwsSolutions-CFR2).
   */
  protectWith(webAclArn: string): void {
    this.distribution.attachWebAclId(webAclArn);
  }

  /**
   * Hashed files under assets/ never change, so browsers may keep them for a year; everything
   * else (index.html) is revalidated so a deploy shows up at once. Assets go first, and old ones
   * are kept, so a page still open from the previous deploy can load its files.
   */
  private deploySite(frontendDist: string): void {
    const assetsDir = path.join(frontendDist, 'assets');
    const hashedAssets = fs.existsSync(assetsDir)
      ? new BucketDeployment(this, 'DeployHashedAssets', {
          sources: [Source.asset(assetsDir)],
          destinationBucket: this.siteBucket,
          destinationKeyPrefix: 'assets/',
          cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
          prune: false,
          memoryLimit: 512,
        })
      : undefined;
    const shell = new BucketDeployment(this, 'DeploySite', {
      sources: [Source.asset(frontendDist, { exclude: ['assets/**'] })],
      // Excluded keys are also left alone by pruning.
      exclude: ['assets/*'],
      destinationBucket: this.siteBucket,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      // index.html is cached under every app route's cache key; invalidate everything on deploy.
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    if (hashedAssets) shell.node.addDependency(hashedAssets);
  }

  private acknowledgeNagFindings(hasCustomDomain: boolean): void {
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Customers of the businesses may be anywhere; geo restrictions are an operations decision, not set by default.' },
    );
    if (!hasCustomDomain) {
      distribution.acknowledge(
        { id: 'AwsSolutions-CFR4', reason: 'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose TLS policy cannot be changed. Stages with a domain set TLSv1.2_2021.' },
      );
    }
    // BucketDeployment runs a provider Lambda that aws-cdk-lib owns (a singleton in the stack),
    // so its role cannot be tailored; its findings are acknowledged one by one, never by rule.
    const stack = Stack.of(this);
    const siteBucketId = stack.resolve((this.siteBucket.node.defaultChild as CfnBucket).logicalId) as string;
    const reason = (why: string) => `aws-cdk-lib BucketDeployment provider (copies the built portal into the site bucket, then invalidates CloudFront): ${why}`;
    for (const provider of stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      Validations.of(provider).acknowledge(
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: reason('the construct attaches AWSLambdaBasicExecutionRole to its role and offers no way to replace it.') },
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: reason('reads the uploaded asset zip from the CDK assets bucket.') })),
        { id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason: reason('asset objects are content-addressed in the CDK bootstrap bucket.') },
        ...['s3:Abort*', 's3:DeleteObject*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: reason('replaces and prunes files in the site bucket.') })),
        { id: `AwsSolutions-IAM5[Resource::<${siteBucketId}.Arn>/*]`, reason: reason('writes every file of the portal build, whose names are content hashes.') },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: reason('cloudfront:CreateInvalidation/GetInvalidation are granted on "*" by the construct.') },
        { id: 'AwsSolutions-L1', reason: reason('its runtime is chosen by aws-cdk-lib and moves with CDK upgrades.') },
      );
    }
  }
}

/**
 * CloudFormation resolves a secret reference only when the reference itself changes, so after a
 * rotation the deploy names the new version; without one it reads the current version.
 */
function originVerifyValue(secret: ISecret, versionId: string | undefined): SecretValue {
  return versionId
    ? SecretValue.secretsManager(secret.secretArn, { jsonField: currentField, versionId })
    : secret.secretValueFromJson(currentField);
}

function assertFrontendBuilt(frontendDist: string): void {
  const indexHtml = path.join(frontendDist, 'index.html');
  if (!fs.existsSync(indexHtml)) {
    throw new Error(`The built portal is missing (${indexHtml} not found). Run \`npm run build:frontend\` before \`cdk synth\` or \`cdk deploy\`.`);
  }
}
