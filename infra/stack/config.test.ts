import { RemovalPolicy } from 'aws-cdk-lib';
import { resolveStageConfig, senderDomain } from './config';
import { buildPortal } from './test-support';

const fromContext = (context: Record<string, unknown>) => resolveStageConfig((key) => context[key]);

describe('stage config', () => {
  it('takes a map tile source for the tracking page from context, checked; none by default', () => {
    expect(fromContext({}).mapTiles).toBeUndefined();
    expect(fromContext({ mapTileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png', mapTileAttribution: '© Example' }).mapTiles).toEqual({
      urlTemplate: 'https://tiles.example.com/{z}/{x}/{y}.png',
      attribution: '© Example',
      maxZoom: 18,
    });
    expect(() => fromContext({ mapTileUrl: 'http://tiles.example.com/{z}/{x}/{y}.png', mapTileAttribution: '© Example' })).toThrow(/https/);
    expect(() => fromContext({ mapTileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png' })).toThrow(/attribution/);
  });

  it('defaults to dev, which can be torn down', () => {
    const config = fromContext({});
    expect(config.stage).toBe('dev');
    expect(config.removalPolicy).toBe(RemovalPolicy.DESTROY);
    expect(config.customDomain).toBeUndefined();
  });

  it('keeps prod data when the stack goes away', () => {
    expect(fromContext({ stage: 'prod' }).removalPolicy).toBe(RemovalPolicy.RETAIN);
  });

  it('takes sender, SES and SMS settings from context, deriving the SES identity from the sender', () => {
    const config = fromContext({
      stage: 'prod',
      emailFrom: 'Acme Portal <hello@mail.acme.test>',
      sesConfigurationSet: 'portal-events',
      smsOriginationNumber: '+15555550100',
    });
    expect(config).toMatchObject({
      emailFrom: 'Acme Portal <hello@mail.acme.test>',
      sesIdentity: 'mail.acme.test',
      sesConfigurationSet: 'portal-events',
      smsOriginationNumber: '+15555550100',
    });
    expect(fromContext({ emailFrom: 'a@b.test', sesIdentity: 'a@b.test' }).sesIdentity).toBe('a@b.test');
  });

  it('takes a custom domain only with its us-east-1 certificate', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    expect(fromContext({ domainName: 'portal.acme.test', certificateArn }).customDomain).toEqual({ domainName: 'portal.acme.test', certificateArn });
    expect(() => fromContext({ domainName: 'portal.acme.test' })).toThrow(/certificateArn/);
    expect(() => fromContext({ domainName: 'portal.acme.test', certificateArn: certificateArn.replace('us-east-1', 'eu-west-1') })).toThrow(/us-east-1/);
  });

  it('takes the origin-verify secret version a rotation deploys, and nothing that is not a version id', () => {
    expect(fromContext({}).originVerifyVersionId).toBeUndefined();
    const versionId = 'a1b2c3d4-e5f6-4789-abcd-0123456789ab';
    expect(fromContext({ originVerifyVersionId: versionId }).originVerifyVersionId).toBe(versionId);
    expect(() => fromContext({ originVerifyVersionId: 'AWSCURRENT' })).toThrow(/version id/);
    expect(() => fromContext({ originVerifyVersionId: `${versionId}}}` })).toThrow(/version id/);
  });

  it('rejects an unknown stage and a sender without a domain', () => {
    expect(() => fromContext({ stage: 'staging' })).toThrow(/stage=dev\|prod/);
    expect(() => senderDomain('Portal <nobody>')).toThrow(/domain/);
  });
});

it('refuses to synthesize without the built portal, saying how to build it', () => {
  expect(() => buildPortal({}, '/nonexistent/frontend/dist')).toThrow(/npm run build:frontend/);
});
