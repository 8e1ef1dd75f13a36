/**
 * Switching a stage to a table restored to a point in time (docs/operations.md, "Restoring the
 * table to a point in time"): `-c tableName=` makes every function use that table, with the
 * same grants, and the stack stops owning one.
 */
import { envNames } from '../../shared/config/env-names';
import { secondaryIndexes } from '../../shared/data/table';
import { resolveStageConfig } from './config';
import { statementsOf, synthPortal } from './test-support';

const restored = 'Portal-prod-restored-20261207';

describe('a stage switched to a restored table', () => {
  const synth = synthPortal({ stage: 'prod', tableName: restored });
  const { template } = synth;

  it('owns no table of its own', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
  });

  it('points every function that uses the table at the restored one', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const tableNames = functions.map((f) => (f.Properties?.Environment?.Variables ?? {})[envNames.tableName]).filter((name) => name !== undefined);
    expect(tableNames.length).toBeGreaterThan(50);
    expect(new Set(tableNames)).toEqual(new Set([restored]));
  });

  it('grants the restored table and its indexes, nothing wider', () => {
    const resources = statementsOf(synth, 'getJob').filter((s) => [s.Action].flat().some((a) => String(a).startsWith('dynamodb:'))).flatMap((s) => [s.Resource].flat());
    const text = JSON.stringify(resources);
    expect(text).toContain(`:table/${restored}`);
    expect(text).toContain(`:table/${restored}/index/*`);
    expect(text).not.toMatch(/table\/\*|"\*"/);
    expect(secondaryIndexes.length).toBeGreaterThan(0);
  });

  it('names it in the TableName output', () => {
    expect(JSON.stringify(template.toJSON().Outputs.TableName.Value)).toContain(restored);
  });
});

describe('the tableName key', () => {
  const fromContext = (context: Record<string, unknown>) => resolveStageConfig((key) => context[key]);

  it('is absent by default: the stack owns its table', () => {
    expect(fromContext({ stage: 'prod' }).tableName).toBeUndefined();
    synthPortal({ stage: 'prod' }).template.resourceCountIs('AWS::DynamoDB::Table', 1);
  });

  it('refuses what cannot be a table name', () => {
    expect(() => fromContext({ tableName: 'a b' })).toThrow(/tableName must be a DynamoDB table name/);
    expect(() => fromContext({ tableName: 'ab' })).toThrow(/tableName/);
    expect(fromContext({ tableName: ' Portal-prod.restored_1 ' }).tableName).toBe('Portal-prod.restored_1');
  });
});
