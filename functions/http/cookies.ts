/**
 * The session cookie. `__Host-` pins it to this exact origin over HTTPS with Path=/; HttpOnly
 * keeps it from scripts; SameSite=Lax keeps it off cross-site POSTs (with the Origin check as
 * the second lock).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const sessionCookieName = '__Host-portal_session';

export function readSessionCookie(event: Pick<APIGatewayProxyEventV2, 'cookies'>): string | null {
  for (const cookie of event.cookies ?? []) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === sessionCookieName) return cookie.slice(eq + 1).trim() || null;
  }
  return null;
}

export function sessionCookie(sessionId: string, expiresAt: Date, now: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return `${sessionCookieName}=${sessionId}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

export const clearedSessionCookie = `${sessionCookieName}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
