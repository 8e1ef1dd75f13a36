/**
 * X-Ray on every function: Lambda's active tracing (Lambda samples: its default, the first request
 * each second and 5 % of the rest), the Powertools Tracer's variables (on, and the stage's service
 * name its traces are annotated with), and each execution role allowed to send the traces.
 */
import { consumers, routes, schedules, subscribers } from '../../shared/routes';
import { type SynthesizedPortal, synthPortal, functionLogicalId } from './test-support';

let dev: SynthesizedPortal;
beforeAll(() => {
  dev = synthPortal({ stage: 'dev' });
});

type FunctionProps = { TracingConfig?: { Mode: string }; Environment?: { Variables?: Record<string, unknown> }; Role: unknown };

test.each([...routes, ...consumers, ...schedules, ...subscribers].map((d) => d.name))('%s: active tracing, the Tracer on with the stage\'s service name', (name) => {
  const fn = dev.template.findResources('AWS::Lambda::Function')[functionLogicalId(dev.stack, name)]!.Properties as FunctionProps;
  expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
  expect(fn.Environment?.Variables).toMatchObject({ POWERTOOLS_TRACE_ENABLED: 'true', POWERTOOLS_SERVICE_NAME: 'portal-dev' });
});

test('every execution role may send traces (on "*": X-Ray\'s two actions take no resource)', () => {
  const roles = dev.stack.executionRoles.roles;
  expect(roles.size).toBeGreaterThan(1);
  const policies = Object.values(dev.template.findResources('AWS::IAM::Policy')).map((p) => p.Properties as { Roles: { Ref: string }[]; PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } });
  for (const role of roles.values()) {
    const roleId = dev.stack.getLogicalId(role.node.defaultChild as never);
    const statements = policies.filter((p) => p.Roles.some((r) => r.Ref === roleId)).flatMap((p) => p.PolicyDocument.Statement);
    const xray = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('xray:')));
    expect([roleId, [...new Set(xray.flatMap((s) => [s.Action].flat().filter((a) => a.startsWith('xray:'))))].sort()]).toEqual([roleId, ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']]);
    expect(xray.every((s) => s.Resource === '*')).toBe(true);
  }
});

test('-c tracing=off: no function traces, and none loads the Tracer (its variable says off)', () => {
  const off = synthPortal({ stage: 'dev', tracing: 'off' });
  const all = off.template.findResources('AWS::Lambda::Function');
  const functions = [...routes, ...consumers, ...schedules, ...subscribers].map((d) => all[functionLogicalId(off.stack, d.name)]!.Properties as FunctionProps);
  expect(functions.length).toBeGreaterThan(50);
  for (const fn of functions) {
    expect(fn.TracingConfig?.Mode ?? 'PassThrough').toBe('PassThrough');
    expect(fn.Environment?.Variables).toMatchObject({ POWERTOOLS_TRACE_ENABLED: 'false' });
  }
  expect(() => synthPortal({ tracing: 'sometimes' })).toThrow(/tracing must be on or off/);
});
