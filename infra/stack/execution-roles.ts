/**
 * Execution roles and logs for every function, shaped by CloudFormation's limit of 500 resources
 * per stack. Per function, the stack must have a Function, and per route an Integration and a
 * Route: 3 resources that cannot be shared (API Gateway invokes every route function with one
 * role, not a Lambda Permission per function: portal-api.ts). A role, its policy and a log group
 * per function would add 3 more (6 in all, 360 for 60 routes before anything else). Instead:
 *
 * - One execution role per distinct `access` (plus, for a queue consumer, the queue it reads).
 *   Functions whose rows grant the same thing share the role that holds exactly that and
 *   nothing else, so sharing gives no function a permission its row does not list: least
 *   privilege is per access, as the route table declares it. Calls stay attributable:
 *   Lambda names each role session after the function, which CloudTrail records.
 *   A consumer's role is never shared with a route, because the event source adds the
 *   receive/delete permissions for its queue to the role.
 * - One log group for all functions (Lambda's logging config points each function at it).
 *   Lambda names each stream `YYYY/MM/DD/<function name>[<version>]<instance>`, so every line
 *   stays traceable to its function (Logs Insights: `filter @logStream like /getJob/`), and
 *   retention is set once. Every role may write to it, and to it only.
 *
 * Per route that leaves 3 resources (2 per consumer: function and event source mapping); roles
 * grow with new kinds of access, not with routes.
 */
import { Lazy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionAccess, QueueName } from '../../shared/routes';
import { type AccessTargets, accessEnvironment, accessKey, grantAccess } from './access';

export interface ExecutionRolesProps {
  readonly targets: AccessTargets;
  /** The one log group every function writes to. */
  readonly logGroup: ILogGroup;
}

export interface FunctionIdentity {
  readonly role: Role;
  /** The variables that go with the role's access. */
  readonly environment: Record<string, string>;
}

export class ExecutionRoles extends Construct {
  private readonly byKey = new Map<string, { role: Role; functions: string[] }>();

  constructor(scope: Construct, id: string, private readonly props: ExecutionRolesProps) {
    super(scope, id);
  }

  /**
   * The role for a function with `access` (created on first use, then shared) and the
   * environment its code needs. `consumes` names the queue a consumer reads.
   */
  forFunction(functionName: string, access: FunctionAccess, consumes?: QueueName): FunctionIdentity {
    const key = consumes ? `${accessKey(access)} consumes=${consumes}` : accessKey(access);
    let entry = this.byKey.get(key);
    if (!entry) {
      const functions: string[] = [];
      const role = new Role(this, roleId(key), {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        // Lists its functions, so the IAM console answers "who uses this role?".
        description: Lazy.string({ produce: () => truncate(`Lambda execution role for access {${key}}: ${functions.join(', ')}`, 1000) }),
      });
      // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): the functions' log group only.
      this.props.logGroup.grantWrite(role);
      grantAccess(role, access, this.props.targets);
      // Every function sends its X-Ray traces (active tracing: portal-function.ts). Lambda's tracing
      // setting adds the same statement, merged with this one; stated here, the role says it all.
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions (IAM requires Resource "*"); every function sends its own traces. (A role with the sendSms grant also needs "*" for sns:Publish to a phone number.)',
      });
      entry = { role, functions };
      this.byKey.set(key, entry);
    }
    entry.functions.push(functionName);
    return { role: entry.role, environment: accessEnvironment(access, this.props.targets) };
  }

  /** Every role by its access key (`table=readwrite queues=notifications`), for tests and reports. */
  get roles(): ReadonlyMap<string, Role> {
    return new Map([...this.byKey].map(([key, { role }]) => [key, role]));
  }
}

/** `table=readwrite queues=notifications` → `TableReadwriteQueuesNotifications`: stable and readable. */
function roleId(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function truncate(text: string, max: number): string {
  // IAM descriptions take Latin-1 only: no ellipsis character.
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
