import { chromium } from 'playwright-core';
import { startLocalStack } from '../local/stack';
import { lighthousePages } from './lighthouse';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
(async () => {
  const stack = await startLocalStack({ port: 0, memory: true, seed: true, print: () => {} });
  const pages = await lighthousePages(stack);
  const only = (process.env.PAGES ?? 'job page').split(',');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  for (const p of pages.filter((x) => only.includes(x.name))) {
    for (let round = 0; round < 2; round++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, extraHTTPHeaders: p.headers ?? {} });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Profiler.start');
      const t0 = Date.now();
      await page.goto(p.url, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1500);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
      const long = await page.evaluate(() => (performance as any).getEntriesByType?.('longtask')?.length ?? -1);
      if (round === 0) { await context.close(); continue; }
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      const byKey = new Map<string, number>();
      for (const n of profile.nodes) {
        const us = self.get(n.id) ?? 0;
        const f = n.callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
        byKey.set(key, (byKey.get(key) ?? 0) + us);
      }
      const byUrl = new Map<string, number>();
      for (const n of profile.nodes) {
        const us = self.get(n.id) ?? 0;
        const u = n.callFrame.url.split('/').pop() || n.callFrame.functionName;
        byUrl.set(u, (byUrl.get(u) ?? 0) + us);
      }
      console.log(`== ${p.name} (${Date.now() - t0} ms wall, long tasks ${long})`);
      console.log([...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `  ${(v / 1000).toFixed(1)} ms ${k}`).join('\n'));
      console.log([...byKey].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `  ${(v / 1000).toFixed(1)} ms ${k}`).join('\n'));
      await context.close();
    }
  }
  await browser.close();
  await stack.stop();
  process.exit(0);
})();
