import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { startTestApp, type TestApp } from '../testing/http.ts';

describe.each(testDatabaseKinds())('the HTTP app on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz with {"status":"ok"} after a round trip to the database', async () => {
    const response = await t.request('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI 3 document listing every route with its schemas', async () => {
    const response = await t.request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.json as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/api/session', '/api/users', '/api/users/{id}']),
    );
    expect(Object.keys(doc.paths['/api/session'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'post', 'delete']),
    );
    const createUser = doc.paths['/api/users']?.post;
    expect(createUser?.requestBody).toBeDefined();
    expect(Object.keys(createUser?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '403']),
    );
    // The document describes the API, not itself.
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });

  it('serves a browsable API reference at /api/docs', async () => {
    const response = await t.request('GET', '/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toMatch(/<html/i);
  });

  it('sends security headers: CSP with frame-ancestors none, nosniff, HSTS, no referrer', async () => {
    for (const path of ['/healthz', '/api/openapi.json', '/no-such-page']) {
      const { headers } = await t.request('GET', path);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('strict-transport-security')).toContain('max-age=');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers an unknown route with 404 and the error body', async () => {
    for (const [method, path] of [
      ['GET', '/no-such-page'],
      ['GET', '/api/no-such-endpoint'],
      ['POST', '/api/no-such-endpoint'],
    ] as const) {
      const response = await t.request(method, path);
      expect(response.status).toBe(404);
      expect(response.json).toEqual({ error: { code: 'not-found', message: expect.any(String) } });
    }
  });
});
