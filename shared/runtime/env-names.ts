/**
 * Names of the environment variables the AWS composition root reads. The CDK stack sets them
 * from the same constants, so a rename cannot leave one side behind.
 */
export const envNames = {
  stage: 'STAGE',
  tableName: 'TABLE_NAME',
  /** `https://portal.example.com`: links are built from it and `Origin` is checked against it. */
  portalOrigin: 'PORTAL_ORIGIN',
  notificationQueueUrl: 'NOTIFICATION_QUEUE_URL',
  filesBucket: 'FILES_BUCKET',
  /** The SES-verified sender, e.g. `Portal <no-reply@portal.example.com>`. */
  emailFrom: 'EMAIL_FROM',
  /** Optional SES configuration set (bounce/complaint tracking). */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** Optional originating number or sender id for SMS. */
  smsOriginationNumber: 'SMS_ORIGINATION_NUMBER',
  /** Header that carries the viewer's IP (set by CloudFront); used for per-IP rate limits. */
  clientIpHeader: 'CLIENT_IP_HEADER',
} as const;
