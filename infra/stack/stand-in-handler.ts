/**
 * Test-only entry: stack tests that do not bundle put it in place of a route's entry file that
 * does not exist yet (NodejsFunction checks the file exists even when bundling is skipped).
 * Missing entries are still caught by handlers.test.ts and cli-synth.test.ts.
 */
export const handler = async (): Promise<{ statusCode: number }> => ({ statusCode: 501 });
