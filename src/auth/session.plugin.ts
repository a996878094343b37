import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { AppError } from '../server/errors.ts';
import type { Actor } from './actor.ts';
import type { StaffRole } from './auth.schema.ts';
import { resolveSession, type AuthSettings } from './auth.service.ts';

export const SESSION_COOKIE = 'tiaki_session';

declare module 'fastify' {
  interface FastifyRequest {
    staff: Actor | null;
    staffSession: { csrfToken: string; tokenHash: string } | null;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Signing in creates the session (SameSite=Strict already stops cross-site posts of it).
const CSRF_EXEMPT = new Set(['POST /api/session']);

/** Resolves the session cookie to the signed-in staff member and enforces the CSRF header on changes. */
export const sessionPlugin = fp(
  async (app: FastifyInstance, options: { db: Database; settings: AuthSettings }) => {
    app.decorateRequest('staff', null);
    app.decorateRequest('staffSession', null);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const resolved = await resolveSession(options.db, options.settings, token);
      if (!resolved) return;
      request.staff = {
        id: resolved.user.id,
        name: resolved.user.name,
        role: resolved.user.role,
        team: resolved.user.team,
        site: resolved.user.site,
        address: request.ip,
      };
      request.staffSession = { csrfToken: resolved.csrfToken, tokenHash: resolved.tokenHash };
      const route = `${request.method} ${request.url.split('?')[0]}`;
      if (MUTATING.has(request.method) && !CSRF_EXEMPT.has(route)) {
        if (request.headers['x-csrf-token'] !== resolved.csrfToken) {
          throw new AppError('csrf-failed', 'Missing or wrong x-csrf-token header for this session');
        }
      }
    });
  },
);

/** The signed-in staff member, or 401; with roles given, 403 for any other role. */
export function requireStaff(request: FastifyRequest, ...roles: StaffRole[]): Actor {
  const staff = request.staff;
  if (!staff) throw new AppError('unauthenticated', 'Sign in first');
  if (roles.length > 0 && !roles.includes(staff.role)) {
    throw new AppError('forbidden', `This needs one of these roles: ${roles.join(', ')}`);
  }
  return staff;
}
