/**
 * The ports a handler may use, and where they come from. On Lambda the AWS composition root
 * (aws.ts) builds them on first use; the local stack and tests install their own with
 * `installRuntime` before any request. Handlers call `runtime()` and never read process.env.
 */
import type {
  Clock,
  DirectoryStore,
  FileLinks,
  JobStore,
  NotificationQueue,
  Notifier,
  Random,
  RateLimitStore,
  SessionStore,
  SignInLinkStore,
} from '../../shared/domain/ports';

export interface RuntimeConfig {
  stage: string;
  /** `https://portal.example.com`: state-changing requests must come from it; links point to it. */
  portalOrigin: string;
  /** Header holding the client's IP as set by a trusted proxy (CloudFront), or null to use the source IP. */
  clientIpHeader: string | null;
}

/** The ports whose AWS clients are heavy to load; each function wires only those it uses. */
export interface Adapters {
  queue: NotificationQueue;
  notifier: Notifier;
  files: FileLinks;
}

export type Env = Record<string, string | undefined>;

/**
 * How a function builds its AWS adapters, named in the handler file. A function bundle then
 * holds only the SDK clients it really uses, which keeps its cold start near a bare
 * DocumentClient's; a test checks these match the route table's `access`.
 */
export type AdapterFactories = { [K in keyof Adapters]?: (env: Env) => Adapters[K] };

export interface Runtime {
  config: RuntimeConfig;
  clock: Clock;
  random: Random;
  directory: DirectoryStore;
  auth: SignInLinkStore & SessionStore & RateLimitStore;
  jobs: JobStore;
  queue(): NotificationQueue;
  notifier(): Notifier;
  files(): FileLinks;
}

let installed: Runtime | undefined;

export function installRuntime(value: Runtime): void {
  installed = value;
}

export function runtime(factories: AdapterFactories = {}): Runtime {
  if (!installed) {
    // Loaded on demand so the local stack never touches the AWS wiring or its environment.
    const { createAwsRuntime } = require('./aws') as typeof import('./aws');
    installed = createAwsRuntime(process.env, factories);
  }
  return installed;
}
