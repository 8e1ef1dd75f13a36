/**
 * `npm run admin -- <command> [options]`: ops manage businesses and business API keys.
 *
 *   create-business --slug <slug> --name <name> --time-zone <IANA zone> [--color #rrggbb]
 *                   [--contact-email <email>] [--contact-phone <E.164>]
 *   create-key      --business <slug or biz_ id> --name <label> [--scopes read,write]
 *                   [--expires <ISO time>] [--mode live|test]
 *   list-keys       --business <slug or biz_ id>
 *   revoke-key      --business <slug or biz_ id> --key <key id>
 *   show-limits     --business <slug or biz_ id>
 *   set-limits      --business <slug or biz_ id> [--requests <per minute>|default]
 *                   [--positions <per minute>|default]
 *                   (the business API's budgets, per business and minute: `positions` is
 *                   PUT jobs/{jobId}/tracking/position, `requests` every other call; defaults
 *                   600 and 2000, at most this deployment's ceiling; takes effect at once)
 *   sum-jobs        --business <slug or biz_ id>
 *                   (sums every job's invoices into its balance due again: once, for jobs
 *                   written before jobs kept their invoices' sums; safe to repeat)
 *
 * Where: the local stack's data by default (.data/, through the running `npm start` if there is
 * one); `--dynamodb-endpoint URL [--table NAME]` for any DynamoDB endpoint (DynamoDB Local);
 * `--table NAME [--region REGION]` for a deployed stage (the stack's TableName output; AWS
 * credentials from the usual environment or profile).
 *
 * A new key is printed once and never stored: only its hash is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as v from 'valibot';
import { PatchSettingsBody } from '../../shared/contract/business/settings';
import { mintApiKey } from '../../shared/business-api/api-keys';
import { API_BUDGETS, apiLimitCeiling, apiLimitDefault, effectiveLimit, setApiLimits, type ApiLimitOverrides } from '../../shared/business-api/limits';
import { InvalidInput } from '../../shared/kernel/errors';
import { businessBySlug, createBusiness } from '../../shared/directory/businesses';
import { createDocumentClient } from '../../shared/data/document-client';
import { syncJobMoney } from '../../shared/invoices/job-account';
import { createDynamoStores, type Stores } from '../local/all-stores';
import type { ApiKeyMode, ApiKeyScope } from '../../shared/business-api/model';
import type { Business } from '../../shared/directory/model';
import { startLocalDynamo, localTableName } from '../local/dynamo';
import { localEndpointFile, projectRoot } from '../local/stack';

type Options = Record<string, string>;

function parse(argv: string[]): { command: string; options: Options } {
  const [command = 'help', ...rest] = argv;
  const options: Options = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? rest[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value.`);
    options[name] = value;
  }
  return { command, options };
}

class UsageError extends Error {}

const need = (options: Options, name: string) => {
  const value = options[name];
  if (!value) throw new UsageError(`--${name} is required.`);
  return value;
};

export interface AdminTarget {
  stores: Stores;
  description: string;
  /** Keys made for a deployed table default to live; local ones to test. */
  defaultMode: ApiKeyMode;
  close(): Promise<void>;
}

export async function openTarget(options: Options, dataDir = join(projectRoot, '.data')): Promise<AdminTarget> {
  if (options.table && !options['dynamodb-endpoint']) {
    const doc = createDocumentClient(options.region ? { region: options.region } : {});
    return { stores: createDynamoStores(doc, options.table), description: `table ${options.table}`, defaultMode: 'live', close: async () => doc.destroy() };
  }
  const endpoint = options['dynamodb-endpoint'] ?? (await runningLocalEndpoint(dataDir));
  if (endpoint) {
    const config = { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const doc = createDocumentClient(config);
    const table = options.table ?? localTableName;
    return { stores: createDynamoStores(doc, table), description: `table ${table} at ${endpoint}`, defaultMode: 'test', close: async () => doc.destroy() };
  }
  const dynamo = await startLocalDynamo({ dataDir: join(dataDir, 'dynamodb') });
  return { stores: createDynamoStores(dynamo.doc, dynamo.tableName), description: 'the local stack\'s data (.data/)', defaultMode: 'test', close: () => dynamo.stop() };
}

/**
 * `npm start` writes its dynalite endpoint here while it runs (dynalite's files are locked
 * meanwhile). A file left behind by a stack that was killed names a server that no longer answers.
 */
async function runningLocalEndpoint(dataDir: string): Promise<string | null> {
  const file = localEndpointFile(dataDir);
  const endpoint = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (!endpoint) return null;
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return endpoint;
  } catch {
    return null;
  }
}

async function findBusiness(stores: Stores, ref: string): Promise<Business> {
  const business = ref.startsWith('biz_') ? await stores.directory.getBusiness(ref) : await businessBySlug(ref, { directory: stores.directory });
  if (!business) throw new UsageError(`No business "${ref}".`);
  return business;
}

const deps = (stores: Stores) => ({ directory: stores.directory, clock: { now: () => new Date() }, random: { bytes: (n: number) => randomBytes(n) } });

export async function runAdmin(argv: string[], print: (line: string) => void, target?: AdminTarget): Promise<void> {
  const { command, options } = parse(argv);
  if (command === 'help' || command === '--help') {
    print(readFileSync(__filename, 'utf8').split('*/')[0]!.replace(/^\/\*\*?|^ \* ?/gm, '').trim());
    return;
  }
  const where = target ?? (await openTarget(options));
  try {
    const { stores } = where;
    switch (command) {
      case 'create-business': {
        const settings = v.safeParse(PatchSettingsBody, {
          slug: need(options, 'slug'),
          name: need(options, 'name'),
          timeZone: need(options, 'time-zone'),
          ...(options.color ? { primaryColor: options.color } : {}),
          ...(options['contact-email'] ? { contactEmail: options['contact-email'] } : {}),
          ...(options['contact-phone'] ? { contactPhone: options['contact-phone'] } : {}),
        });
        if (!settings.success) throw new UsageError(settings.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`).join('; '));
        const s = settings.output;
        const business = await createBusiness(
          { slug: s.slug!, name: s.name!, timeZone: s.timeZone!, primaryColor: s.primaryColor ?? '#0b5cad', logoUrl: null, sections: ['home', 'jobs', 'messages'], contactEmail: s.contactEmail ?? null, contactPhone: s.contactPhone ?? null },
          deps(stores),
        );
        print(`Created business ${business.id} (${business.name}) at /${business.slug}/ in ${where.description}.`);
        return;
      }
      case 'create-key': {
        const business = await findBusiness(stores, need(options, 'business'));
        const scopes = (options.scopes ?? 'read,write').split(',').map((s) => s.trim()) as ApiKeyScope[];
        if (!scopes.length || scopes.some((s) => s !== 'read' && s !== 'write')) throw new UsageError('--scopes is a comma list of read and write.');
        const mode = (options.mode ?? where.defaultMode) as ApiKeyMode;
        if (mode !== 'live' && mode !== 'test') throw new UsageError('--mode is live or test.');
        const expiresAt = options.expires ? new Date(options.expires) : null;
        if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new UsageError('--expires must be an ISO time.');
        const minted = mintApiKey({ businessId: business.id, name: need(options, 'name'), mode, scopes, expiresAt: expiresAt?.toISOString() ?? null }, deps(stores));
        await stores.apiKeys.putKey(minted.record);
        print(`Created key ${minted.record.id} "${minted.record.name}" for ${business.slug} (${scopes.join(', ')}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ''}).`);
        print('Store it now: it is shown only this once.');
        print(minted.key);
        return;
      }
      case 'list-keys': {
        const business = await findBusiness(stores, need(options, 'business'));
        const keys = await stores.apiKeys.listKeys(business.id);
        if (!keys.length) print(`No keys for ${business.slug}.`);
        for (const k of keys) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : k.expiresAt && k.expiresAt <= new Date().toISOString() ? `expired ${k.expiresAt}` : 'active';
          print(`${k.id}  ${k.mode}  ${state.padEnd(8)}  ${k.scopes.join(',').padEnd(10)}  last used ${k.lastUsedAt ?? 'never'}  "${k.name}"`);
        }
        return;
      }
      case 'revoke-key': {
        const business = await findBusiness(stores, need(options, 'business'));
        const keyId = need(options, 'key');
        if (!(await stores.apiKeys.revokeKey(keyId, business.id, new Date().toISOString()))) throw new UsageError(`No active key ${keyId} for ${business.slug}.`);
        print(`Revoked key ${keyId}: its next request gets 401.`);
        return;
      }
      case 'show-limits': {
        const business = await findBusiness(stores, need(options, 'business'));
        printLimits(business, await stores.apiBudgets.readLimits(business.id), print);
        return;
      }
      case 'set-limits': {
        const business = await findBusiness(stores, need(options, 'business'));
        const change: Partial<ApiLimitOverrides> = {};
        for (const budget of API_BUDGETS) {
          const given = options[budget];
          if (given === undefined) continue;
          if (given !== 'default' && !/^\d+$/.test(given)) throw new UsageError(`--${budget} is a whole number of calls a minute (1 to ${apiLimitCeiling[budget]}), or "default".`);
          change[budget] = given === 'default' ? null : Number(given);
        }
        if (!Object.keys(change).length) throw new UsageError('Give --requests and/or --positions (calls a minute, or "default").');
        try {
          printLimits(business, await setApiLimits(business.id, change, { budgets: stores.apiBudgets }), print);
        } catch (error) {
          if (error instanceof InvalidInput) throw new UsageError(error.errors.map((e) => `--${e.field} ${e.message}.`).join(' '));
          throw error;
        }
        return;
      }
      case 'sum-jobs': {
        const business = await findBusiness(stores, need(options, 'business'));
        const clock = { now: () => new Date() };
        let cursor: string | null = null;
        let count = 0;
        do {
          const page: Awaited<ReturnType<Stores['jobs']['listJobsChangedSince']>> = await stores.jobs.listJobsChangedSince(business.id, { since: null, limit: 100, cursor });
          for (const job of page.items) await syncJobMoney(business.id, job.id, { jobs: stores.jobs, jobDocuments: stores.jobDocuments, clock });
          count += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        print(`Summed the invoices of ${count} jobs of ${business.slug}.`);
        return;
      }
      default:
        throw new UsageError(`Unknown command "${command}". Try: npm run admin -- help`);
    }
  } finally {
    if (!target) await where.close();
  }
}

function printLimits(business: Business, limits: ApiLimitOverrides, print: (line: string) => void): void {
  print(`API limits of ${business.slug} (${business.id}), calls a minute across all its keys:`);
  for (const budget of API_BUDGETS) {
    const own = limits[budget];
    const source = own === null ? 'the default' : own > apiLimitCeiling[budget] ? `set to ${own}, held to the ceiling` : 'set by an operator';
    print(`  ${budget.padEnd(9)} ${String(effectiveLimit(budget, own)).padStart(5)}  (${source}; default ${apiLimitDefault[budget]}, ceiling ${apiLimitCeiling[budget]})`);
  }
}

if (require.main === module) {
  runAdmin(process.argv.slice(2), (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
