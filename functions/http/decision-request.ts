import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DecisionRequest } from '../../shared/estimates/decide';
import type { CustomerCaller } from './auth';

/** Where a decision came from, for its record: the request's id, how the person got here, their IP and browser. */
export function decisionRequestOf(caller: CustomerCaller, requestId: string, clientIp: string | null, event: APIGatewayProxyEventV2): DecisionRequest {
  const userAgent = event.headers?.['user-agent'];
  return { requestId, via: caller.via, ip: clientIp, userAgent: userAgent ? userAgent.slice(0, 512) : null };
}
