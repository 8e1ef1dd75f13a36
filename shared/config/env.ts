/** The environment a composition root reads (Lambda's `process.env`), handed to adapter factories. */
export type Env = Record<string, string | undefined>;

/** A configuration value the CDK stack must have set; missing → a loud error at first use. */
export function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}: the CDK stack sets it for functions that need it.`);
  return value;
}
