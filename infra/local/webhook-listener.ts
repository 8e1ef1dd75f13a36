/**
 * `npm run webhook-listener -- [--port 4400] [--secret whsec_…]`: a receiver for the portal's
 * webhooks on the developer's machine. It prints each delivery and, given the endpoint's signing
 * secret, checks its Standard Webhooks signature the way a business's system should.
 */
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

export function startWebhookListener(options: { port: number; secret: string | null; print: (line: string) => void }) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verdict = 'signature not checked (start with --secret whsec_… to check it)';
      if (options.secret) {
        try {
          new Webhook(options.secret).verify(body, headers);
          verdict = 'signature valid';
        } catch (error) {
          verdict = `SIGNATURE INVALID: ${(error as Error).message}`;
        }
      }
      options.print(`${req.method} ${req.url}  webhook-id ${headers['webhook-id']}  ${verdict}\n${body}\n`);
      res.writeHead(verdict.startsWith('SIGNATURE INVALID') ? 400 : 204).end();
    });
  });
  return new Promise<import('node:http').Server>((resolve) => server.listen(options.port, '127.0.0.1', () => resolve(server)));
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? null : (process.argv[i + 1] ?? null);
  };
  const port = Number(arg('port') ?? 4400);
  void startWebhookListener({ port, secret: arg('secret'), print: (line) => console.log(line) }).then(() =>
    console.log(`Listening for webhooks on http://127.0.0.1:${port}/hook (Ctrl+C to stop)`),
  );
}
