/**
 * DynamoDB calls per endpoint: one request to each route of the local stack, with the
 * commands its handler sent to the stack's DocumentClient recorded (the same recorder the
 * integration tests use: a middleware on the client's stack).
 */
import { routes, type RouteName } from '../../shared/routes';
import { startSession } from '../../shared/auth/sessions';
import type { NotificationJob } from '../../shared/domain/ports';
import { sessionCookieName } from '../../functions/http/cookies';
import type { LocalStack } from '../local/stack';
import { recordDynamoCalls, type DynamoCallRecorder, type RecordedCall } from '../local/dynamo-call-recorder';
import { demo } from '../local/seed';
import { PortalClient, requestLinkToken, type ApiResponse } from '../local/test-support';

/** The bench's recorder, off by default: it is switched on only around the requests it reports. */
export function installRecorder(stack: LocalStack): DynamoCallRecorder {
  const recorder = recordDynamoCalls(stack.dynamo.doc, 'benchRecordCalls');
  recorder.enabled = false;
  return recorder;
}

/** Operation names, in order. */
export const operations = (calls: RecordedCall[]): string[] => calls.map((call) => call.operation);

/** A client holding a session made directly in the store (no link, no rate-limit counter). */
export async function sessionClient(stack: LocalStack, businessId: string, customerId: string): Promise<PortalClient> {
  const { sessionId } = await startSession(businessId, customerId, { sessions: stack.stores.auth, clock: stack.runtime.clock, random: stack.runtime.random });
  const client = new PortalClient(stack.url);
  client.cookies.set(sessionCookieName, sessionId);
  return client;
}

export interface EndpointCalls {
  name: string;
  /** `GET /api/jobs/{jobId}`, or the queue for a consumer. */
  endpoint: string;
  /** What was sent, e.g. `GET /api/jobs/job_wh1041`. */
  request: string;
  status: number | null;
  calls: string[];
}

interface Case {
  request: string;
  /** Runs before recording: e.g. a warm-up request so the session's idle renewal is not counted. */
  prepare?: () => Promise<void>;
  send: () => Promise<ApiResponse>;
}

/**
 * One recorded request per route, in route-table order, and the queue consumer's work for the
 * sign-in-link request. The demo customer (Jordan at Acme) is signed in through a real link.
 */
export async function measureDynamoCalls(stack: LocalStack, recorder: DynamoCallRecorder): Promise<EndpointCalls[]> {
  const jordan = new PortalClient(stack.url);
  const signInToken = await requestLinkToken(stack, jordan, demo.acme.id, demo.jordan.email);
  const verified = await jordan.post('/api/auth/verify', { token: signInToken });
  if (verified.status !== 200) throw new Error(`Signing in the demo customer answered ${verified.status}`);

  const anonymous = new PortalClient(stack.url);
  const warm = (client: PortalClient, path: string) => async () => {
    await client.get(path);
  };
  let freshToken = '';
  let leaving: PortalClient | undefined;

  // Typed by route name: a new route without a case here fails the type-check.
  const cases: Record<RouteName, Case> = {
    health: { request: 'GET /api/health', send: () => anonymous.get('/api/health') },
    getPortal: { request: 'GET /api/portals/acme', send: () => anonymous.get('/api/portals/acme') },
    requestSignInLink: {
      request: `POST /api/auth/magic-link {portal: acme, email: ${demo.jordan.email}}`,
      send: () => anonymous.post('/api/auth/magic-link', { portal: demo.acme.id, email: demo.jordan.email }),
    },
    verifySignInLink: {
      request: 'POST /api/auth/verify {token}',
      prepare: async () => {
        freshToken = await requestLinkToken(stack, anonymous, demo.acme.id, demo.jordan.email);
      },
      send: () => new PortalClient(stack.url).post('/api/auth/verify', { token: freshToken }),
    },
    logout: {
      request: 'POST /api/auth/logout',
      prepare: async () => {
        leaving = await sessionClient(stack, demo.acme.id, demo.jordan.id);
      },
      send: () => leaving!.post('/api/auth/logout'),
    },
    getMe: { request: 'GET /api/me', prepare: warm(jordan, '/api/me'), send: () => jordan.get('/api/me') },
    listJobs: { request: 'GET /api/jobs?when=past', prepare: warm(jordan, '/api/jobs?when=past'), send: () => jordan.get('/api/jobs?when=past') },
    getJob: { request: 'GET /api/jobs/job_wh1041', prepare: warm(jordan, '/api/jobs/job_wh1041'), send: () => jordan.get('/api/jobs/job_wh1041') },
  };

  const results: EndpointCalls[] = [];
  for (const route of routes) {
    const c = cases[route.name];
    await c.prepare?.();
    await stack.queue.drain();

    // Hold queue messages while the request runs, so the consumer's calls are counted apart.
    const held: NotificationJob[] = [];
    const enqueue = stack.queue.enqueue;
    stack.queue.enqueue = async (job) => {
      held.push(job);
    };
    recorder.take();
    recorder.enabled = true;
    let res: ApiResponse;
    try {
      res = await c.send();
    } finally {
      recorder.enabled = false;
      stack.queue.enqueue = enqueue;
    }
    results.push({ name: route.name, endpoint: `${route.method} ${route.path}`, request: c.request, status: res.status, calls: operations(recorder.take()) });

    if (held.length > 0) {
      recorder.enabled = true;
      for (const job of held) await stack.queue.enqueue(job);
      await stack.queue.drain();
      recorder.enabled = false;
      results.push({
        name: 'sendNotification',
        endpoint: 'queue consumer',
        request: `${held.length} message(s) from ${route.name}`,
        status: null,
        calls: operations(recorder.take()),
      });
    }
  }
  return results;
}
