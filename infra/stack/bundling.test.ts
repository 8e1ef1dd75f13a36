/**
 * The other stack tests skip bundling for speed; these bundle the health function for real,
 * offline, once through NodejsFunction (what `cdk synth` runs) and once through plain esbuild
 * with the same options (what the benchmark runs), and load the result without node_modules.
 */
import * as fs from 'node:fs';
import { isBuiltin } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { build } from 'esbuild';
import { businessRoutes, consumers, portalRoutes, routes, schedules, subscribers } from '../../shared/routes';
import { esbuildOptionsFor } from './bundling';
import { PortalFunction, projectRoot } from './portal-function';
import { cdkJsonContext } from './test-support';

const health = routes.find((r) => r.name === 'health')!;

/** A copy outside the project proves the bundle needs no node_modules at run time. */
function loadIsolated(bundleDir: string): { handler?: unknown } {
  const isolated = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bundle-run-'));
  fs.cpSync(bundleDir, isolated, { recursive: true });
  return require(path.join(isolated, 'index.js')) as { handler?: unknown };
}

function expectSelfContained(code: string): void {
  // The SDK clients are bundled in, never required from the runtime. (The SDK's own error texts
  // mention require("@aws-sdk/signature-v4-crt"), hence the narrower pattern.)
  expect(code.match(/require\(["']@aws-sdk\/(client|lib)-[^)]*\)/)?.[0]).toBeUndefined();
}

it('NodejsFunction bundles a handler offline with the local esbuild', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-cdk-out-'));
  // Asset metadata (set by the CLI normally) tells where the bundle was staged.
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'BundlingProbe');
  new PortalFunction(stack, 'health', {
    entry: health.entry,
    description: 'bundling probe',
    role: new Role(stack, 'ProbeRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }),
    logGroup: new LogGroup(stack, 'ProbeLogs', { retention: RetentionDays.ONE_DAY, removalPolicy: RemovalPolicy.DESTROY }),
    environment: {},
  });
  const template = Template.fromStack(stack);

  const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
  const assetDir = path.join(outdir, fn!.Metadata['aws:asset:path'] as string);
  expect(fs.readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map']);
  const code = fs.readFileSync(path.join(assetDir, 'index.js'), 'utf8');
  expect(code).toMatch(/sourceMappingURL=index\.js\.map/);
  expectSelfContained(code);
  expect(typeof loadIsolated(assetDir).handler).toBe('function');
}, 60_000);

it("NodejsFunction replaces the SDK's default credential chain with the environment's credentials, and loads no source map", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-cdk-out-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'CredentialsProbe');
  const getPortal = routes.find((r) => r.name === 'getPortal')!;
  new PortalFunction(stack, 'getPortal', {
    entry: getPortal.entry,
    description: 'credentials probe',
    role: new Role(stack, 'ProbeRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }),
    logGroup: new LogGroup(stack, 'ProbeLogs', { retention: RetentionDays.ONE_DAY, removalPolicy: RemovalPolicy.DESTROY }),
    environment: {},
  });
  const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
  const code = fs.readFileSync(path.join(outdir, fn!.Metadata['aws:asset:path'] as string, 'index.js'), 'utf8');
  // The providers' own log lines name them: the environment's is in, the chain and its sources are not.
  // (The client's package.json, also bundled, still names the chain's package as a dependency.)
  const has = (text: string) => code.includes(text);
  expect(has('@aws-sdk/credential-provider-env - fromEnv')).toBe(true);
  expect(['@aws-sdk/credential-provider-node - defaultProvider', '@aws-sdk/credential-provider-ini - fromIni', '@aws-sdk/credential-provider-sso - fromSSO'].filter(has)).toEqual([]);
  expect(fn!.Properties.Environment?.Variables?.NODE_OPTIONS).toBeUndefined();
}, 60_000);

it('esbuildOptionsFor builds the same kind of bundle for the benchmark', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-esbuild-'));
  const result = await build({
    ...esbuildOptionsFor(path.join(projectRoot, health.entry), path.join(outdir, 'index.js')),
    metafile: true,
    logLevel: 'silent',
  });

  expect(fs.readdirSync(outdir).sort()).toEqual(['index.js', 'index.js.map']);
  expectSelfContained(fs.readFileSync(path.join(outdir, 'index.js'), 'utf8'));
  // Only Node built-ins are left as imports.
  const externals = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
  expect(externals.filter((name) => !name.startsWith('node:') && !isBuiltin(name))).toEqual([]);
  expect(typeof loadIsolated(outdir).handler).toBe('function');
});

it('pdf-lib, fontkit and the fonts are in the PDF functions\' bundles only (an estimate\'s, a submitted form\'s for each side), the ICU parser in none, and each function the route table rows of its own side only (every other function stays small)', async () => {
  // One esbuild run over every route and consumer entry: each output's inputs say what it bundles.
  const entries = [...routes, ...consumers, ...schedules, ...subscribers].map((def) => ({ name: def.name, assets: 'bundleAssets' in def ? def.bundleAssets : undefined, entry: path.join(projectRoot, def.entry) }));
  const result = await build({
    ...esbuildOptionsFor(entries[0]!.entry, path.join(os.tmpdir(), 'unused.js')),
    entryPoints: Object.fromEntries(entries.map((e) => [e.name, e.entry])),
    outfile: undefined,
    outdir: path.join(os.tmpdir(), 'portal-all-bundles'),
    write: false,
    sourcemap: false,
    metafile: true,
    logLevel: 'silent',
  });
  const withPdf = Object.values(result.metafile.outputs)
    .filter((output) => output.entryPoint && Object.keys(output.inputs).some((input) => /node_modules\/(pdf-lib|@pdf-lib\/fontkit)\//.test(input)))
    .map((output) => entries.find((e) => e.entry.endsWith(output.entryPoint!))!.name);
  const pdfFunctions = ['getEstimatePdf', 'getFormPdf', 'getSubmissionPdf'];
  expect(withPdf.sort()).toEqual(pdfFunctions);
  // And those functions' rows ask for the fonts beside their bundles (pdfFunctionBundling copies them).
  expect(entries.filter((e) => e.assets?.includes('pdfFonts')).map((e) => e.name).sort()).toEqual(pdfFunctions);
  // No function carries the ICU parser: the server's catalogs arrive compiled (shared/i18n/compiled-catalogs.ts).
  const withIcuParser = Object.values(result.metafile.outputs)
    .filter((output) => output.entryPoint && Object.keys(output.inputs).some((input) => /node_modules\/(@lingui\/message-utils|@messageformat\/parser)\//.test(input)))
    .map((output) => output.entryPoint);
  expect(withIcuParser).toEqual([]);
  // Each function carries its own side's rows of the route table, not the whole table: only the two
  // OpenAPI documents, which list every route, carry it all (shared/routes/index.ts).
  const tableFiles = ['portal', 'business', 'background', 'index'].map((file) => `shared/routes/${file}.ts`);
  const rowsCarried = Object.fromEntries(Object.values(result.metafile.outputs)
    .filter((output) => output.entryPoint)
    .map((output) => [entries.find((e) => e.entry.endsWith(output.entryPoint!))!.name, tableFiles.filter((file) => file in output.inputs).map((file) => path.basename(file, '.ts'))]));
  const side = (name: string) => (['customerOpenApi', 'businessOpenApi'].includes(name) ? ['portal', 'business', 'index']
    : portalRoutes.some((r) => r.name === name) ? ['portal'] : businessRoutes.some((r) => r.name === name) ? ['business'] : ['background']);
  expect(rowsCarried).toEqual(Object.fromEntries(entries.map((e) => [e.name, side(e.name)])));
}, 120_000);
