/**
 * `npm start`: the portal on http://localhost:3000 with demo data and no AWS account.
 * `npm start -- --memory` keeps nothing between runs. PORT picks another port.
 */
import { issueSignInLink } from '../../shared/auth/issue-sign-in-link';
import { demo } from './seed';
import { startLocalStack } from './stack';

async function main() {
  const memory = process.argv.includes('--memory');
  const port = Number(process.env.PORT ?? 3000);
  const stack = await startLocalStack({ port, memory, print: (line) => console.log(line) });

  // A ready sign-in link for the demo customer, minted by the same use case the queue runs.
  const rt = stack.runtime;
  await issueSignInLink(
    { requestId: 'startup', businessId: demo.acme.id, contact: { channel: 'email', address: demo.jordan.email } },
    { directory: rt.directory, links: rt.auth, notifier: stack.outbox, clock: rt.clock, random: rt.random, portalOrigin: stack.url },
  );
  const link = stack.outbox.messages()[0]?.link;
  console.log(
    [
      '',
      `Customer portal running at ${stack.url}/acme/  (data: ${memory ? 'in memory' : '.data/'})`,
      `Sign in as ${demo.jordan.name} (${demo.jordan.email}) with this link, valid 15 minutes:`,
      `  ${link}`,
      `Or ask for a link on the sign-in page: messages appear here and at ${stack.url}/dev/outbox`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  const stop = async () => {
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
