/**
 * What every Lambda bundle gets instead of `@aws-sdk/credential-provider-node` (bundling.ts aliases
 * it here): the credentials Lambda puts in the environment, and nothing else.
 *
 * Each SDK client's config falls back to that package's `defaultProvider`, the whole chain: the
 * environment, then the shared ini files, SSO, web identity, the container and instance metadata
 * services, with the STS and SSO clients they call (about 56 KB of every bundle, parsed at every
 * cold start, for sources a Lambda function never has). On Lambda the environment is where the
 * chain finds them first anyway, so the answer is the same; only the bytes go.
 *
 * Lambda bundles only: local runs (`npm start`, tests, the admin tool) are not bundled and keep the
 * whole chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
