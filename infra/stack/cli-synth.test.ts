/**
 * `npx cdk synth` as ops run it: the CLI must be able to read the cloud assembly the library
 * writes (a CLI older than aws-cdk-lib fails with a schema mismatch that in-process synth
 * tests never see), offline, bundling with the local esbuild.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const projectRoot = resolve(__dirname, '../..');
/**
 * Bundling ~70 functions one after another takes 1–2 minutes on a quiet 2-CPU machine; beside
 * the other test files running at the same time, a synth once took over 4 minutes. Generous, since
 * what fails here is a CLI that cannot read the assembly, not a slow one.
 */
const synthTimeoutMs = 540_000;
const run = promisify(execFile);

test.each(['dev', 'prod'])('npx cdk synth -c stage=%s succeeds offline and writes the template', async (stage) => {
  const out = mkdtempSync(join(tmpdir(), `cdk-out-${stage}-`));
  try {
    await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-c', `stage=${stage}`, '-o', out], { cwd: projectRoot, timeout: synthTimeoutMs });
    const template = JSON.parse(readFileSync(join(out, `Portal-${stage}.template.json`), 'utf8')) as { Resources: Record<string, { Type: string }> };
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(types).toContain('AWS::ApiGatewayV2::Api');
    expect(types).toContain('AWS::CloudFront::Distribution');
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, synthTimeoutMs + 60_000);
