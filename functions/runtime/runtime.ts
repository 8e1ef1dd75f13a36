/**
 * The ports a handler may use, and where they come from. On Lambda the AWS composition root
 * (aws.ts) builds them on first use; the local stack and tests install their own with
 * `installRuntime` before any request. Handlers call `runtime()` and never read process.env.
 */
import type {
  Clock,
  DirectoryStore,
  FileStore,
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

export interface Runtime {
  config: RuntimeConfig;
  clock: Clock;
  random: Random;
  directory: DirectoryStore;
  auth: SignInLinkStore & SessionStore & RateLimitStore;
  jobs: JobStore;
  /**
   * The slower-to-load clients are functions so each Lambda evaluates only the SDK clients it
   * really uses: cold starts stay near a bare DocumentClient's.
   */
  queue(): NotificationQueue;
  notifier(): Notifier;
  files(): FileStore;
}

let installed: Runtime | undefined;

export function installRuntime(value: Runtime): void {
  installed = value;
}

export function runtime(): Runtime {
  if (!installed) {
    // Loaded on demand so the local stack never touches the AWS wiring or its environment.
    const { createAwsRuntime } = require('./aws') as typeof import('./aws');
    installed = createAwsRuntime(process.env);
  }
  return installed;
}
