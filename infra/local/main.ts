/**
 * `npm start`: the portal on http://localhost:3000 with demo data and no AWS account.
 * `npm start -- --memory` keeps nothing between runs. PORT picks another port.
 * `npm start -- --dynamodb-endpoint URL` uses that DynamoDB (e.g. DynamoDB Local) instead of
 * dynalite: table `portal-local` there, created and seeded if missing.
 * Payments go to a local Stripe sandbox; with STRIPE_SECRET_KEY=sk_test_… (and the
 * STRIPE_WEBHOOK_SECRET that `stripe listen` prints) they go to Stripe's test mode instead.
 */
import { issueSignInLink } from '../../shared/auth/issue-sign-in-link';
import { demo } from './seed';
import { projectRoot, startLocalStack } from './stack';
import { removeRunningStack, runningStackFile, writeRunningStack } from './running-stack';

async function main() {
  const memory = process.argv.includes('--memory');
  const port = Number(process.env.PORT ?? 3000);
  const endpointFlag = process.argv.findIndex((arg) => arg === '--dynamodb-endpoint' || arg.startsWith('--dynamodb-endpoint='));
  const dynamodbEndpoint =
    endpointFlag === -1 ? undefined : process.argv[endpointFlag]!.includes('=') ? process.argv[endpointFlag]!.slice('--dynamodb-endpoint='.length) : process.argv[endpointFlag + 1];
  if (endpointFlag !== -1 && !/^https?:\/\/\S+$/.test(dynamodbEndpoint ?? '')) throw new Error('--dynamodb-endpoint needs a URL, e.g. --dynamodb-endpoint http://localhost:8000');
  const stripeTestKey = process.env.STRIPE_SECRET_KEY;
  if (stripeTestKey && !stripeTestKey.startsWith('sk_test_')) throw new Error('STRIPE_SECRET_KEY must be a test-mode key (sk_test_…): the local portal never charges real money.');
  const stack = await startLocalStack({
    port,
    memory,
    print: (line) => console.log(line),
    scheduleRedrive: true,
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
    ...(stripeTestKey ? { stripeTestKey, stripeWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '' } : {}),
  });

  // Where this stack runs, for tools beside it (npm run demo:drive) whatever PORT it took.
  const addressFile = runningStackFile(projectRoot);
  writeRunningStack(addressFile, { url: stack.url, pid: process.pid, startedAt: new Date().toISOString() });

  // A ready sign-in link for the demo customer, minted by the same use case the queue runs.
  const { source } = stack;
  await issueSignInLink(
    { requestId: `startup-${Date.now()}`, slug: demo.acme.slug, contact: { channel: 'email', address: demo.jordan.email } },
    { directory: stack.stores.directory, links: stack.stores.auth, notifier: stack.outbox, optOuts: stack.stores.optOuts, clock: source.clock, random: source.random, portalOrigin: stack.url },
  );
  const link = stack.outbox.messages()[0]?.link;
  console.log(
    [
      '',
      `Customer portal running at ${stack.url}/acme/  (data: ${dynamodbEndpoint ? `table ${stack.dynamo.tableName} at ${stack.dynamo.endpoint}, files ${memory ? 'in memory' : 'in .data/'}` : memory ? 'in memory' : '.data/'})`,
      `Sign in as ${demo.jordan.name} (${demo.jordan.email}) with this link, valid 15 minutes:`,
      `  ${link}`,
      `Or ask for a link on the sign-in page: messages appear here and at ${stack.url}/dev/outbox`,
      '',
      `Business API at ${stack.url}/api/business/v1 (docs/business-api.md; OpenAPI at /api/business/v1/openapi.json, the customer API's at /api/openapi.json).`,
      'New keys at every start (the previous demo keys stop working):',
      `Business API key (acme): ${stack.demo.acme.apiKey}`,
      `Business API key (brightclean): ${stack.demo.brightclean.apiKey}`,
      `Webhook deliveries are listed at ${stack.url}/dev/webhooks`,
      stack.stripe
        ? `Payments: local Stripe sandbox at ${stack.stripe.origin} (Acme takes payments; no real money moves)`
        : `Payments: Stripe test mode; forward its webhooks with: stripe listen --forward-connect-to ${stack.url}/api/stripe/webhook`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  const stop = async () => {
    removeRunningStack(addressFile, process.pid);
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
