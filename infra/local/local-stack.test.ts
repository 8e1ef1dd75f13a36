/** The local stack's own promises: data kept on disk across restarts, outbox, SPA serving. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobDetail } from '../../shared/contract/customer/jobs';
import { captureConsole, PortalClient, requestLinkToken } from './test-support';
import { startLocalStack } from './stack';
import { demo } from './seed';

let restoreConsole: () => void;
beforeAll(() => {
  restoreConsole = captureConsole([]);
});
afterAll(() => restoreConsole());

test('with a data folder, seeded data and attachment files survive a restart and are not seeded twice', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'portal-data-'));
  const printed: string[] = [];
  try {
    const first = await startLocalStack({ port: 0, memory: false, dataDir, print: (l) => printed.push(l) });
    await first.stop();
    const second = await startLocalStack({ port: 0, memory: false, dataDir, print: (l) => printed.push(l) });
    try {
      expect(printed.filter((l) => l.startsWith('Seeded demo data'))).toHaveLength(1);
      const client = new PortalClient(second.url);
      const token = await requestLinkToken(second, client, 'acme', demo.jordan.email);
      expect((await client.post('/api/auth/verify', { token })).status).toBe(200);
      const job = (await client.get<JobDetail>('/api/jobs/job_wh1041')).body;
      expect(job.attachments.items).toHaveLength(3);
      for (const attachment of job.attachments.items) {
        const res = await fetch(attachment.url);
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).length).toBe(attachment.sizeBytes);
      }
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('GET /dev/outbox lists sent messages newest first, as JSON', async () => {
  const stack = await startLocalStack({ port: 0, memory: true });
  try {
    const client = new PortalClient(stack.url);
    await requestLinkToken(stack, client, 'acme', demo.jordan.email);
    await requestLinkToken(stack, client, 'brightclean', demo.jordanAtBrightClean.email);
    const res = await fetch(`${stack.url}/dev/outbox`);
    expect(res.headers.get('content-type')).toBe('application/json');
    const messages = (await res.json()) as { id: number; subject: string; link: string }[];
    expect(messages.map((m) => m.subject)).toEqual(['Your sign-in link for Bright Clean', 'Your sign-in link for Acme Plumbing & Heating']);
    expect(messages[0]!.link).toMatch(/\/brightclean\/link#token=/);
  } finally {
    await stack.stop();
  }
});
