/**
 * Function bundles, built exactly as the stack ships them (esbuildOptionsFor), beside the
 * baselines built the same way: an empty handler, a bare DocumentClient doing one GetItem (the
 * cold-start budget's yardstick) and, when they are installed, the same GetItem through
 * ElectroDB and through dynamodb-toolbox (does a data-mapping library pay for its load time?).
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { copyPdfFonts, esbuildOptionsFor } from '../stack/bundling';
import { consumers, routes, schedules, subscribers, type FunctionAccess } from '../../shared/routes';

export type BundleKind = 'route' | 'consumer' | 'schedule' | 'subscriber' | 'baseline' | 'library' | 'same-calls' | 'lever';

/** The portal's own functions (held to the cold-start budget), as opposed to the yardsticks beside them. */
export const isFunctionKind = (kind: BundleKind): boolean => kind === 'route' || kind === 'consumer' || kind === 'schedule' || kind === 'subscriber';

export interface BundleTarget {
  name: string;
  kind: BundleKind;
  /** Absolute path of the entry file. */
  entry: string;
  /** The row's grants: which environment the function gets (baselines: the table only). */
  access: FunctionAccess;
  /** Files copied beside the bundle, as the stack's bundling does. */
  bundleAssets?: readonly 'pdfFonts'[];
  /** A lever's "before" variant: NODE_OPTIONS it runs with, instead of the stack's (functionNodeOptions). */
  nodeOptions?: string;
  /** A lever's "before" variant: esbuild options over the shipped ones. */
  buildOverrides?: Partial<BuildOptions>;
}

export interface BuiltBundle extends BundleTarget {
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  metafile: Metafile;
}

export const emptyBaseline = 'baseline: empty handler';
export const documentClientBaseline = 'baseline: DocumentClient GetItem';
/** The baseline of functions that talk to Stripe (their row grants `payments`): the SDK does not tree-shake. */
export const stripeBaseline = 'baseline: DocumentClient + Stripe GetItem';
export const electroDbTarget = 'ElectroDB GetItem';
export const toolboxTarget = 'dynamodb-toolbox GetItem';

/** The item each DynamoDB baseline reads (seeded by its discarded first round: `{ seed: true }`). */
export const baselineKeys = {
  [documentClientBaseline]: { pk: 'BENCH#baseline#documentclient', sk: 'ITEM' },
  [stripeBaseline]: { pk: 'BENCH#baseline#stripe', sk: 'ITEM' },
  [electroDbTarget]: { pk: 'BENCH#electrodb#item1', sk: 'THING' },
  [toolboxTarget]: { pk: 'BENCH#toolbox#item1', sk: 'THING' },
} as const;

/**
 * Each baseline answers 200 when it read its item and 404 when not; `{ seed: true }` writes the
 * item first (through the same library), so the item is in the shape that library expects.
 */
const baselineSources: Record<string, { file: string; packages: string[]; source: string; kind?: 'baseline' }> = {
  [emptyBaseline]: { file: 'empty-handler.ts', packages: [], source: `export const handler = async () => ({ statusCode: 200 });\n` },
  [documentClientBaseline]: {
    file: 'document-client.ts',
    packages: [],
    source: `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const Key = ${JSON.stringify(baselineKeys[documentClientBaseline])};

export const handler = async (event: { seed?: boolean }) => {
  if (event.seed) await doc.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { ...Key, name: 'baseline' } }));
  const { Item } = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key }));
  return { statusCode: Item ? 200 : 404 };
};
`,
  },
  [stripeBaseline]: {
    file: 'document-client-stripe.ts',
    packages: ['stripe'],
    kind: 'baseline',
    source: `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const Key = ${JSON.stringify(baselineKeys[stripeBaseline])};
let stripe: Stripe | undefined;

export const handler = async (event: { seed?: boolean }) => {
  // Built on the first request, as the portal's gateway does (its key comes from Secrets Manager).
  stripe ??= new Stripe('sk_test_bench', { httpClient: Stripe.createFetchHttpClient(), telemetry: false });
  if (event.seed) await doc.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { ...Key, name: 'baseline' } }));
  const { Item } = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key }));
  return { statusCode: Item && stripe ? 200 : 404 };
};
`,
  },
  [electroDbTarget]: {
    file: 'electrodb.ts',
    packages: ['electrodb'],
    source: `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const thing = new Entity(
  {
    model: { entity: 'thing', version: '1', service: 'bench' },
    attributes: { id: { type: 'string', required: true }, name: { type: 'string', required: true } },
    indexes: {
      primary: {
        pk: { field: 'pk', composite: ['id'], template: 'BENCH#electrodb#\${id}' },
        sk: { field: 'sk', composite: [], template: 'THING' },
      },
    },
  },
  { client, table: process.env.TABLE_NAME },
);

export const handler = async (event: { seed?: boolean }) => {
  if (event.seed) await thing.put({ id: 'item1', name: 'electrodb' }).go();
  const { data } = await thing.get({ id: 'item1' }).go();
  return { statusCode: data ? 200 : 404 };
};
`,
  },
  [toolboxTarget]: {
    file: 'dynamodb-toolbox.ts',
    packages: ['dynamodb-toolbox'],
    source: `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Table } from 'dynamodb-toolbox/table';
import { Entity } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = new Table({
  name: process.env.TABLE_NAME!,
  partitionKey: { name: 'pk', type: 'string' },
  sortKey: { name: 'sk', type: 'string' },
  documentClient,
});
const Thing = new Entity({
  name: 'thing',
  table,
  schema: item({ id: string().key(), name: string() }),
  computeKey: ({ id }: { id: string }) => ({ pk: 'BENCH#toolbox#' + id, sk: 'THING' }),
});

export const handler = async (event: { seed?: boolean }) => {
  if (event.seed) await Thing.build(PutItemCommand).item({ id: 'item1', name: 'toolbox' }).send();
  const { Item } = await Thing.build(GetItemCommand).key({ id: 'item1' }).send();
  return { statusCode: Item ? 200 : 404 };
};
`,
  },
};

function installed(pkg: string): boolean {
  // Some packages (stripe) do not export their package.json: resolving the package itself is enough.
  for (const request of [`${pkg}/package.json`, pkg]) {
    try {
      require.resolve(request);
      return true;
    } catch {
      // try the next
    }
  }
  return false;
}

export interface Targets {
  targets: BundleTarget[];
  /** Baselines left out because their package is not installed (`npm install -D electrodb dynamodb-toolbox`). */
  skipped: string[];
}

/** Every route, consumer and schedule entry, then the baselines (their sources written into benchDir). */
export function bundleTargets(projectRoot: string, benchDir: string): Targets {
  const sourceDir = join(benchDir, 'baseline-src');
  mkdirSync(sourceDir, { recursive: true });
  const skipped: string[] = [];
  const extra: BundleTarget[] = [];
  for (const [name, { file, packages, source, kind }] of Object.entries(baselineSources)) {
    if (!packages.every(installed)) {
      skipped.push(`${name} (${packages.join(', ')} not installed)`);
      continue;
    }
    const entry = join(sourceDir, file);
    writeFileSync(entry, source);
    extra.push({ name, kind: kind ?? (packages.length ? 'library' : 'baseline'), entry, access: name === emptyBaseline ? {} : { table: 'read' }, buildOverrides: bareSdk });
  }
  return {
    targets: [
      ...routes.map((r): BundleTarget => ({ name: r.name, kind: 'route', entry: join(projectRoot, r.entry), access: r.access, ...('bundleAssets' in r ? { bundleAssets: r.bundleAssets } : {}) })),
      ...consumers.map((c): BundleTarget => ({ name: c.name, kind: 'consumer', entry: join(projectRoot, c.entry), access: c.access })),
      ...schedules.map((c): BundleTarget => ({ name: c.name, kind: 'schedule', entry: join(projectRoot, c.entry), access: c.access })),
      ...subscribers.map((c): BundleTarget => ({ name: c.name, kind: 'subscriber', entry: join(projectRoot, c.entry), access: c.access })),
      ...extra,
    ],
    skipped,
  };
}

/**
 * How the baselines are built: as the stack ships a bundle, but with the SDK as it comes, its
 * default credential chain included: the page reads' goal is set against "an untuned SDK doing one
 * call" (issue 16). (Each function's floor, by contrast, gets the SDK as the functions ship it:
 * same-calls.ts.)
 */
export const bareSdk: Partial<BuildOptions> = { alias: {} };

/** The shipped aliases (the environment's credentials), which a variant that adds its own keeps. */
const shippedAlias = esbuildOptionsFor('index.ts', 'index.js').alias ?? {};

/**
 * The cold-start levers, each undone on its own, for functions measured beside the shipped bundle in
 * the same rounds (`BENCH_LEVERS`): what each is worth, before and after, in one run. The last two
 * take out what observability adds (docs/performance.md), so its cost is measured the same way.
 */
export const levers = {
  /** As shipped until issue 16: the map loaded at every cold start, names not kept. */
  'source maps loaded': { nodeOptions: '--enable-source-maps', buildOverrides: { keepNames: false } },
  /** The SDK's whole default credential chain bundled (no alias to the environment's credentials). */
  'default credential chain': { buildOverrides: { alias: {} } },
  /** No X-Ray: a Tracer that is never on (levers/no-tracer.ts), so neither it nor X-Ray's SDK is bundled, and nothing is traced. */
  'without the tracer': {
    buildOverrides: {
      alias: { ...shippedAlias, '@aws-lambda-powertools/tracer': './infra/bench/levers/no-tracer.ts', '@aws-lambda-powertools/tracer/middleware': './infra/bench/levers/no-tracer-middleware.ts' },
    },
  },
  /** The metrics' EMF lines written by hand (levers/metrics-by-hand.ts), as before Powertools Metrics. */
  'without Powertools Metrics': { buildOverrides: { alias: { ...shippedAlias, '@aws-lambda-powertools/metrics': './infra/bench/levers/metrics-by-hand.ts' } } },
} as const satisfies Record<string, Pick<BundleTarget, 'nodeOptions' | 'buildOverrides'>>;

export type Lever = keyof typeof levers;
export const leverName = (functionName: string, lever: Lever) => `${functionName} [${lever}]`;

/** A "before" variant of each lever for each named function (its own name, kind `lever`). */
export function leverTargets(targets: BundleTarget[], names: string[]): BundleTarget[] {
  return targets
    .filter((t) => names.includes(t.name))
    .flatMap((t) => (Object.keys(levers) as Lever[]).map((lever): BundleTarget => ({ ...t, ...levers[lever], name: leverName(t.name, lever), kind: 'lever' })));
}

export async function buildBundles(targets: BundleTarget[], outDir: string): Promise<BuiltBundle[]> {
  const built: BuiltBundle[] = [];
  for (const target of targets) {
    const file = join(outDir, target.name.replace(/[^A-Za-z0-9]+/g, '-'), 'index.js');
    // The shipped options, plus a metafile (it changes nothing in the output).
    const result = await build({ ...esbuildOptionsFor(target.entry, file), ...target.buildOverrides, metafile: true, logLevel: 'warning' });
    if (target.bundleAssets?.includes('pdfFonts')) copyPdfFonts(dirname(file));
    const code = readFileSync(file);
    built.push({
      ...target,
      file,
      bytes: code.length,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      mapBytes: readFileSync(`${file}.map`).length,
      metafile: result.metafile,
    });
  }
  return built;
}

/** The bundle's bytes grouped by npm package (or project folder), largest first. */
export function composition(bundle: BuiltBundle, projectRoot: string): { source: string; bytes: number }[] {
  const output = Object.values(bundle.metafile.outputs).find((o) => o.entryPoint !== undefined) ?? Object.values(bundle.metafile.outputs)[0];
  const bySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.split('\\').join('/'));
    const source = pkg ? pkg[1]! : `(project) ${relative(projectRoot, join(process.cwd(), input)).split('/').slice(0, 2).join('/')}`;
    bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** The bundle's sources beside the same sources in the baseline: what the bundle adds, largest first. */
export function extraOverBaseline(bundle: BuiltBundle, baseline: BuiltBundle, projectRoot: string): { source: string; bytes: number; baselineBytes: number; extra: number }[] {
  const inBaseline = new Map(composition(baseline, projectRoot).map((p) => [p.source, p.bytes]));
  return composition(bundle, projectRoot)
    .map((p) => ({ ...p, baselineBytes: inBaseline.get(p.source) ?? 0, extra: p.bytes - (inBaseline.get(p.source) ?? 0) }))
    .sort((a, b) => b.extra - a.extra);
}
