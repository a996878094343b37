import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { AppError } from '../server/errors.ts';
import { errorResponses } from '../server/schemas.ts';
import { staffRoles } from './auth.schema.ts';
import { changeUser, createUser, listStaff, signIn, signOut, type AuthSettings } from './auth.service.ts';
import { requireStaff, SESSION_COOKIE } from './session.plugin.ts';

const sessionUser = z.object({ id: z.string().uuid(), name: z.string(), role: z.enum(staffRoles) });
const publicUser = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
  team: z.string().nullable(),
  site: z.string().nullable(),
  disabled: z.boolean(),
});

export const authRoutes: FastifyPluginAsyncZod<{ db: Database; settings: AuthSettings }> = async (
  app,
  { db, settings },
) => {
  app.post(
    '/api/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        body: z.strictObject({
          email: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(1024),
        }),
        response: { 200: z.object({ user: sessionUser, csrfToken: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await signIn(db, settings, { ...request.body, address: request.ip });
      if (!result.ok) {
        if (result.reason === 'locked') {
          throw new AppError('rate-limited', 'Too many failed sign-ins. Try again later or ask an admin.');
        }
        throw new AppError('unauthenticated', 'Email or password is not right');
      }
      void reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: settings.maxHours * 3600,
      });
      return {
        user: { id: result.user.id, name: result.user.name, role: result.user.role },
        csrfToken: result.csrfToken,
      };
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in staff member',
        response: { 200: z.object({ user: sessionUser, csrfToken: z.string() }), ...errorResponses },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      return {
        user: { id: staff.id, name: staff.name, role: staff.role },
        csrfToken: request.staffSession?.csrfToken ?? '',
      };
    },
  );

  app.delete(
    '/api/session',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      const staff = requireStaff(request);
      if (request.staffSession) await signOut(db, staff, request.staffSession.tokenHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['staff admin'],
        summary: 'Staff accounts (admins)',
        response: { 200: z.object({ items: z.array(publicUser) }), ...errorResponses },
      },
    },
    async (request) => {
      requireStaff(request, 'admin');
      return { items: await listStaff(db) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['staff admin'],
        summary: 'Create a staff account (admins)',
        body: z.strictObject({
          email: z.string().trim().email().max(320),
          name: z.string().trim().min(1).max(200),
          role: z.enum(staffRoles),
          password: z.string().max(1024),
          team: z.string().trim().min(1).max(100).nullable().optional(),
          site: z.string().trim().min(1).max(100).nullable().optional(),
        }),
        response: { 201: publicUser, ...errorResponses },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, 'admin');
      const user = await createUser(db, staff, request.body);
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['staff admin'],
        summary: 'Change role, name, team, site, or disable an account (admins)',
        params: z.object({ id: z.string().uuid() }),
        body: z
          .strictObject({
            name: z.string().trim().min(1).max(200).optional(),
            role: z.enum(staffRoles).optional(),
            team: z.string().trim().min(1).max(100).nullable().optional(),
            site: z.string().trim().min(1).max(100).nullable().optional(),
            disabled: z.boolean().optional(),
          })
          .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change' }),
        response: { 200: publicUser, ...errorResponses },
      },
    },
    async (request) => {
      const staff = requireStaff(request, 'admin');
      return changeUser(db, staff, request.params.id, request.body);
    },
  );
};
