/**
 * Least privilege in the table (security rule 90): a route that only reads gets a role that reads,
 * plus UpdateItem in the partitions its auth or page must write (its session, a link's misses, its
 * API key's count, the customer's unread marks), held there by `dynamodb:LeadingKeys`. The
 * policies are read from the synthesized stack and evaluated here as IAM would for one write: a
 * read route's role cannot write a job. What the routes really write is checked against the same
 * patterns by functions/test/read-route-writes.integration.test.ts.
 */
import { rateLimitEntity, sessionEntity, signInLinkEntity } from '../../shared/auth/entity';
import { passwordEntity, passwordTriesEntity } from '../../shared/auth/password/entity';
import { apiBudgetEntity, apiKeyEntity, idempotencyEntity, webhookEndpointEntity } from '../../shared/business-api/entity';
import { webhookDeliveryEntity } from '../../shared/business-api/delivery-entity';
import { businessEntity, slugEntity } from '../../shared/directory/business-entity';
import { contactEntity, customerEntity } from '../../shared/directory/customer-entity';
import { estimateEntity, slotEntity } from '../../shared/estimates/entity';
import { followUpEntity } from '../../shared/followups/entity';
import { formEntity, sentFormEntity, submissionEntity } from '../../shared/forms/entity';
import { invoiceEntity } from '../../shared/invoices/entity';
import { jobEntity, jobSummaryEntity } from '../../shared/jobs/entity';
import { newId } from '../../shared/kernel/ids';
import { liveLinkEntity, objectLinkEntity } from '../../shared/links/entity';
import { unreadEntity } from '../../shared/messages/unread-entity';
import { textOptOutEntity } from '../../shared/notifications/opt-out-entity';
import { checkoutEntity } from '../../shared/payments/entity';
import { requestEntity } from '../../shared/requests/entity';
import { trackingVisitEntity } from '../../shared/tracking/entity';
import { uploadEntity } from '../../shared/uploads/entity';
import { consumers, type FunctionAccess, routes, schedules, subscribers, tableWriteFamilies, type TableWriteFamily } from '../../shared/routes';
import { matchesStringLike, partitionFamilies } from './table-partitions';
import { type Statement, statementsOf, type SynthesizedPortal, synthPortal } from './test-support';

let dev: SynthesizedPortal;
beforeAll(() => {
  dev = synthPortal({ stage: 'dev' });
});

const allDefs: readonly { name: string; access: FunctionAccess }[] = [...routes, ...consumers, ...schedules, ...subscribers];
const readRows = allDefs.filter((d) => d.access.table !== undefined && d.access.table !== 'readwrite');

/** Every DynamoDB action that changes an item (PartiQL's included): none may reach a job from a read route. */
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

type Conditioned = Statement & { readonly Condition?: Record<string, Record<string, string | string[]>> };

const tableArn = () => dev.stack.resolve(dev.stack.table.tableArn) as unknown;
const listOf = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Whether the statement's condition holds for a single-item request on partition `pk` (IAM's evaluation of the keys used here). */
function conditionHolds(condition: Conditioned['Condition'], pk: string): boolean {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    for (const [key, value] of Object.entries(keys)) {
      const values = listOf(value);
      if (key !== 'dynamodb:LeadingKeys') throw new Error(`A condition on ${key}: teach this evaluator what it means`);
      // One key: ForAllValues holds when it matches one of the patterns.
      if (operator === 'ForAllValues:StringLike') {
        if (!values.some((pattern) => matchesStringLike(pattern, pk))) return false;
      } else if (operator === 'Null') {
        // A single-item request always names its key: the key is present, so `Null: false` holds.
        if (values[0] !== 'false') return false;
      } else throw new Error(`A condition ${operator}: teach this evaluator what it means`);
    }
  }
  return true;
}

/** Whether the role's statements allow `action` on the table for an item in partition `pk`. */
function allows(statements: readonly Conditioned[], action: string, pk: string): boolean {
  const table = JSON.stringify(tableArn());
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      listOf(s.Action).some((pattern) => matchesStringLike(pattern.toLowerCase(), action.toLowerCase())) &&
      listOf(s.Resource as unknown).some((r) => r === '*' || JSON.stringify(r) === table) &&
      conditionHolds(s.Condition, pk),
  );
}

const statementsFor = (name: string) => statementsOf(dev, name) as Conditioned[];
const writeStatementsOf = (name: string) =>
  statementsFor(name).filter((s) => listOf(s.Action).some((pattern) => writeActions.some((action) => matchesStringLike(pattern.toLowerCase(), action.toLowerCase()))));

// Ids as the portal mints them (a business's) or as a business sends them (`ExternalId`: letters, digits, `_` and `-`).
const mint = (prefix: string) => newId(prefix, { clock: { now: () => new Date('2026-05-01T12:00:00Z') }, random: { bytes: (n: number) => Buffer.alloc(n, 7) } });
const biz = mint('biz');
const hash = 'Nf3x0Hq9aZ2b7T1u5wYk8mLr4pQc6sVd0eGi9jKo2Ah';
const jobPartition = jobEntity.key(biz, 'job_wh1041').pk;

describe("a read route's role cannot write a job", () => {
  test.each(['getJob', 'getBusinessJob', 'getHome', 'getLink', 'getInvoice'])('%s', (name) => {
    const statements = statementsFor(name);
    for (const action of writeActions) expect({ name, action, allowed: allows(statements, action, jobPartition) }).toEqual({ name, action, allowed: false });
    // Nor the visit on it, its invoice or estimate: nothing of the business outside the families.
    for (const pk of [trackingVisitEntity.key(biz, 'job_wh1041').pk, invoiceEntity.key(biz, 'inv_1063').pk, estimateEntity.key(biz, 'est_2001').pk, businessEntity.key(biz).pk]) {
      expect({ name, pk, allowed: allows(statements, 'dynamodb:UpdateItem', pk) }).toEqual({ name, pk, allowed: false });
    }
  });

  test('while it can still do what it must: getJob renews its session and clears the unread marks, getBusinessJob counts its key', () => {
    expect(allows(statementsFor('getJob'), 'dynamodb:UpdateItem', sessionEntity.key(hash).pk)).toBe(true);
    expect(allows(statementsFor('getJob'), 'dynamodb:UpdateItem', unreadEntity.key(biz, 'cus_7f3k9q').pk)).toBe(true);
    expect(allows(statementsFor('getJob'), 'dynamodb:GetItem', jobPartition)).toBe(true);
    expect(allows(statementsFor('getBusinessJob'), 'dynamodb:UpdateItem', apiKeyEntity.key('key_1').pk)).toBe(true);
    expect(allows(statementsFor('getBusinessJob'), 'dynamodb:UpdateItem', sessionEntity.key(hash).pk)).toBe(false);
    // The evaluator is not blind: a route that writes jobs can.
    expect(allows(statementsFor('putJob'), 'dynamodb:UpdateItem', jobPartition)).toBe(true);
  });
});

describe('a read-only row gets reads, and writes only where its level names', () => {
  test.each(readRows.map((row) => [row.name, row] as const))('%s', (name, row) => {
    const families = tableWriteFamilies(row.access.table as Exclude<typeof row.access.table, 'readwrite' | undefined>);
    const writes = writeStatementsOf(name);
    // One statement per family: its actions, on the table itself (no index), under its partitions' patterns.
    expect(writes.map((s) => ({ Action: listOf(s.Action).sort(), Resource: s.Resource, Condition: s.Condition }))).toEqual(
      families.map((family) => ({
        Action: [...partitionFamilies[family].actions].sort(),
        Resource: tableArn(),
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitionFamilies[family].patterns] },
          Null: { 'dynamodb:LeadingKeys': 'false' },
        },
      })),
    );
    expect(allows(statementsFor(name), 'dynamodb:Query', jobPartition)).toBe(true);
  });

  test('the functions that may still write anywhere in the table are the ones whose rows write business data', () => {
    const anywhere = allDefs.filter((d) => writeActions.some((action) => allows(statementsFor(d.name), action, jobPartition))).map((d) => d.name);
    expect(anywhere.sort()).toEqual(allDefs.filter((d) => d.access.table === 'readwrite').map((d) => d.name).sort());
    const withTable = allDefs.filter((d) => d.access.table !== undefined).length;
    console.info(`${anywhere.length} of ${allDefs.length} functions (${withTable} with the table) may write anywhere in it; ${readRows.length} read it, writing only in their families' partitions`);
  });
});

describe("the families' patterns match their own partitions and no other item's", () => {
  const cus = 'cus_7f3k9q';
  /** A partition of each kind of item in the table (docs/data-model.md), by the entities' key builders, and the family it belongs to. */
  const partitions: [string, TableWriteFamily | null][] = [
    [sessionEntity.key(hash).pk, 'sessions'],
    [rateLimitEntity.key(`link#${hash}`, new Date('2026-05-01T12:00:00Z')).pk, 'rateLimits'],
    [rateLimitEntity.key(`request-cap#${biz}#2026-05-01`, new Date('2026-05-01T00:00:00Z')).pk, 'rateLimits'],
    [apiKeyEntity.key('key_0000000001').pk, 'apiKeys'],
    [customerEntity.key(biz, cus).pk, 'customers'],
    [unreadEntity.key(biz, cus).pk, 'customers'],
    [passwordEntity.key(biz, cus).pk, 'customers'],
    [liveLinkEntity.key(biz, cus, 'lnk_1').pk, 'customers'],
    [jobSummaryEntity.key(biz, cus, '2026-05-01T12:00:00.000Z', 'job_wh1041').pk, 'customers'],
    [businessEntity.key(biz).pk, null],
    [webhookEndpointEntity.key(biz, 'we_1').pk, null],
    [webhookDeliveryEntity.key(biz, 'we_1', 'whd_1').pk, null],
    [slugEntity.key('acme').pk, null],
    // An email may hold `#CUS#`: the business id's fixed length keeps its lookup out of the customer's pattern.
    [contactEntity.key(biz, 'email', 'someone#CUS#x@example.com').pk, null],
    [jobEntity.key(biz, 'job_wh1041').pk, null],
    [jobEntity.key(biz, 'CUS').pk, null],
    [trackingVisitEntity.key(biz, 'job_wh1041').pk, null],
    [invoiceEntity.key(biz, 'inv_1063').pk, null],
    [estimateEntity.key(biz, 'est_2001').pk, null],
    [slotEntity.key(biz, 'slot_1').pk, null],
    [requestEntity.key(biz, 'req_1').pk, null],
    [formEntity.key(biz, 'form_1').pk, null],
    [sentFormEntity.key(biz, 'sfm_1').pk, null],
    [submissionEntity.key(biz, 'sub_1').pk, null],
    [checkoutEntity.key(biz, 'chk_1').pk, null],
    [idempotencyEntity.key(biz, `customer:${cus}`, hash).pk, null],
    [passwordTriesEntity.key(biz, hash).pk, null],
    [signInLinkEntity.key(hash).pk, null],
    [objectLinkEntity.key('invoice', hash).pk, null],
    [uploadEntity.key('upl_1').pk, null],
    [textOptOutEntity.key('+15555550123').pk, null],
    [followUpEntity.partition(2), null],
    [apiKeyEntity.listPartition(biz), null],
  ];

  test.each(Object.keys(partitionFamilies) as TableWriteFamily[])('%s', (family) => {
    const matching = partitions.filter(([pk]) => partitionFamilies[family].patterns.some((p) => matchesStringLike(p, pk))).map(([pk]) => pk);
    expect(matching).toEqual(partitions.filter(([, f]) => f === family).map(([pk]) => pk));
  });

  test('StringLike as IAM reads it: `*` any run, `?` one character, nothing else special', () => {
    expect(matchesStringLike('SESSION#*', 'SESSION#')).toBe(true);
    expect(matchesStringLike('BIZ#biz_??#CUS#*', 'BIZ#biz_ab#CUS#c')).toBe(true);
    expect(matchesStringLike('BIZ#biz_??#CUS#*', 'BIZ#biz_abc#CUS#c')).toBe(false);
    expect(matchesStringLike('A.B', 'AxB')).toBe(false);
    expect(matchesStringLike('RATE#*', 'rate#x')).toBe(false);
  });
});
