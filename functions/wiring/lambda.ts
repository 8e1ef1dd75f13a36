/**
 * A function's two ways to be run. On Lambda, `handler` builds its dependencies from Lambda's
 * environment (the AWS composition root, aws.ts) on its first invocation and keeps them for the
 * life of the process. Anywhere else (the local stack, tests), `handler.handlerWith(source)`
 * builds the same handler over the composition root given: several stacks in one process each
 * build their own, and nothing global is installed.
 */
import type { AdapterSource, AwsFactories } from './deps';
import { awsAdapterSource } from './aws';

export type Deployable<H extends (...args: never[]) => unknown> = H & {
  /** The same handler over another composition root (the local stack's, a test's). */
  handlerWith(source: AdapterSource): H;
};

export function deployable<H extends (...args: never[]) => unknown>(build: (source: AdapterSource) => H, factories: Partial<AwsFactories>): Deployable<H> {
  let onLambda: H | undefined;
  const handler = ((...args: Parameters<H>) => {
    onLambda ??= build(awsAdapterSource(process.env, factories));
    return onLambda(...args);
  }) as Deployable<H>;
  handler.handlerWith = build;
  return handler;
}
