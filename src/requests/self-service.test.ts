import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { startTestApp, type TestApp } from '../testing/http.ts';

const publicRequest = (n: number) => ({
  aboutWhom: 'self',
  subject: { name: `Mere Tākao ${n}` },
  requester: { name: `Mere Tākao ${n}`, email: `mere${n}@example.nz`, relationship: 'self' },
  kind: 'access',
  description: 'My case notes from 2025',
  formOfRelease: 'copy',
});

describe.each(testDatabaseKinds())('public request pages on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_REQUESTS_PER_HOUR: '3' });
  });
  afterAll(() => t.close());

  it('takes a request and answers with its reference and due date', async () => {
    const res = await t.request('POST', '/api/public/requests', { body: publicRequest(0) });
    expect(res.status).toBe(201);
    expect(res.json.reference).toMatch(/^[A-Z]/);
    expect(res.json.decisionDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses more requests from one address than the hourly allowance, with a clear message (429)', async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= 4; n++) {
      statuses.push((await t.request('POST', '/api/public/requests', { body: publicRequest(n) })).status);
    }
    // One was made by the test above: three in all are allowed, the fourth and later are refused.
    expect(statuses).toEqual([201, 201, 429, 429]);
    const refused = await t.request('POST', '/api/public/requests', { body: publicRequest(9) });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate-limited');
    expect(refused.json.error.message).toMatch(/Wait an hour/);
    expect(refused.text).not.toMatch(/at .*\.ts:\d+/);
  });
});
