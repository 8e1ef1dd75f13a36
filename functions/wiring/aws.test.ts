/**
 * Rule 61: the AWS composition root never lets webhooks reach loopback, whatever the environment
 * says. The setting exists only in the local root (infra/local/wiring.ts); no variable turns it on.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { envNames } from '../../shared/config/env-names';
import { ForbiddenAddress } from '../../shared/net/connect-guard';
import { publicWebhookTransport } from '../../shared/adapters/aws/factories/webhook-transport';
import { awsAdapterSource } from './aws';

/** Every variable name one might try, set to every truthy spelling. */
const hopefulEnv = {
  [envNames.stage]: 'local',
  [envNames.portalOrigin]: 'https://portal.example.com',
  ALLOW_LOOPBACK_WEBHOOKS: 'true',
  ALLOW_LOOPBACK: '1',
  WEBHOOK_ALLOW_LOOPBACK: 'yes',
  allowLoopbackWebhooks: 'true',
};

test('rule 61: the AWS root refuses loopback webhooks, even with stage "local" and every flag one might set', async () => {
  // The transport the webhook consumer names (functions/queue/deliver-webhook.ts), as the root builds it.
  const source = awsAdapterSource(hopefulEnv, { http: publicWebhookTransport });
  expect(source.config.allowLoopbackWebhooks).toBe(false);
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  try {
    const port = (server.address() as AddressInfo).port;
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/hook`]) {
      await expect(source.http.post(url, '{}', { 'content-type': 'application/json' }, { timeoutMs: 2000 })).rejects.toBeInstanceOf(ForbiddenAddress);
    }
    expect(hits).toEqual([]);
  } finally {
    await new Promise((done) => server.close(done));
  }
});

test('rule 61: no environment variable of the stack names the loopback setting', () => {
  expect(JSON.stringify(envNames)).not.toMatch(/loopback/i);
});
