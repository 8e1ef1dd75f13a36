/** The viewerIp middleware: reads the viewer's IP beside the rest of the chain, believing CloudFront only with the origin secret. */
import type { Secrets } from '../../shared/config/secrets';
import { viewerIp } from './client-ip';
import { testEvent, testRequest } from './middleware-support';
import { routeState } from './route-state';

const secrets = (originVerify: () => Promise<string[]>): (() => Secrets) => () => ({ originVerify, stripe: async () => ({ secretKey: '', webhookSecret: '' }) });

test('with the origin secret, the viewer address CloudFront sends; without it, the source IP', async () => {
  const middleware = viewerIp({ secrets: secrets(async () => ['origin-secret']), trustedHeader: () => 'cloudfront-viewer-address' });
  const viaCloudFront = testRequest(testEvent({ headers: { 'cloudfront-viewer-address': '203.0.113.7:443', 'x-origin-verify': 'origin-secret' } }));
  await middleware.before!(viaCloudFront);
  await expect(routeState(viaCloudFront.event).clientIpRead).resolves.toBe('203.0.113.7');
  const direct = testRequest(testEvent({ headers: { 'cloudfront-viewer-address': '203.0.113.7:443' } }));
  await middleware.before!(direct);
  await expect(routeState(direct.event).clientIpRead).resolves.toBe('10.0.0.1');
});

test('it does not wait for the secret: the chain goes on, and a failed read is left for the auth middleware to surface', async () => {
  let release!: () => void;
  const read = new Promise<string[]>((_resolve, reject) => (release = () => reject(new Error('secrets unreachable'))));
  const request = testRequest(testEvent());
  await viewerIp({ secrets: secrets(() => read), trustedHeader: () => null }).before!(request);
  release();
  await expect(routeState(request.event).clientIpRead).rejects.toThrow('secrets unreachable');
});

test('a row that does not grant the secret never learns the IP: the state says null', async () => {
  await expect(routeState(testEvent()).clientIpRead).resolves.toBeNull();
});
