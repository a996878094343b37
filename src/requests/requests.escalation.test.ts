import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/tx.ts';
import { enqueueJob } from '../jobs/jobs.repo.ts';
import { jobHandlers, recurringJobs } from '../jobs/registry.ts';
import { startJobWorker } from '../jobs/worker.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { lastAuditSeq } from '../testing/http.ts';
import { createRequest, escalateUntriagedKioskRequests, type NewRequest } from './requests.service.ts';
import { auditSince, move, startRegister, type RegisterFixture } from './testing-requests.ts';

const HOUR = 3_600_000;
let people = 0;

describe.each(testDatabaseKinds())('kiosk escalation (C.09) on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind, ['intake', 'officer', 'manager']);
  });
  afterAll(async () => {
    await f.close();
  });

  const input = (channel: NewRequest['channel'], receivedAt: Date, name: string): NewRequest => ({
    kind: 'access',
    channel,
    receivedAt,
    subject: { name, prn: `K${String(++people).padStart(5, '0')}` },
    description: 'My file',
  });
  const fromKiosk = (receivedAt: Date, name = 'Kiri Kiosk') =>
    createRequest(f.t.db, { kind: 'kiosk', address: '10.20.0.7' }, input('kiosk', receivedAt, name));
  const onPaper = (receivedAt: Date) =>
    createRequest(
      f.t.db,
      { kind: 'staff', actor: f.actor('intake') },
      input('paper', receivedAt, 'Pita Paper'),
    );
  const get = async (id: string) => {
    const response = await f.t.request('GET', `/api/requests/${id}`, { session: f.sessions.manager });
    expect(response.status, response.text).toBe(200);
    return response.json;
  };
  const escalate = (now: Date) => inTransaction(f.t.db, (tx) => escalateUntriagedKioskRequests(tx, now));

  it('C.09: a kiosk request untriaged after 24 hours becomes a complaint when the job runs; a paper one does not', async () => {
    const received = new Date(Date.now() - HOUR);
    const kiosk = await fromKiosk(received);
    const paper = await onPaper(received);
    const triaged = await fromKiosk(received, 'Tried Early');
    await move(f.t, f.sessions.officer, triaged.id, { type: 'triage', track: 'privacy-access' });

    // 23 hours after receipt nothing is due yet.
    expect(await escalate(new Date(received.getTime() + 23 * HOUR))).toBe(0);
    expect((await get(kiosk.id)).status).toBe('awaiting-triage');

    const seq = await lastAuditSeq(f.t.db);
    const at = new Date(received.getTime() + 25 * HOUR);
    expect(await escalate(at)).toBe(1);

    const detail = await get(kiosk.id);
    expect(detail).toMatchObject({
      status: 'escalated-to-complaint',
      track: 'complaint',
      escalatedToComplaint: true,
      dueState: 'closed',
    });
    const last = detail.timeline.at(-1);
    expect(last).toMatchObject({ type: 'escalate-untriaged', actor: null, at: at.toISOString() });
    expect(last.summary).toMatch(/Not triaged within 24 hours.*became a complaint automatically \(C\.09\)/);
    // The complaint is still worked: it can be assigned and closed.
    expect(detail.allowedActions).toEqual(['assign', 'close']);

    expect((await get(paper.id)).status).toBe('awaiting-triage');
    expect((await get(triaged.id)).status).toBe('open');

    const audit = (await auditSince(f.t, seq)).filter((row) => row.action === 'request.changed');
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: null,
        entity_id: kiosk.id,
        person_id: detail.subject.id,
        details: { event: 'escalate-untriaged', from: 'awaiting-triage', to: 'escalated-to-complaint' },
      }),
    ]);

    // Running again changes nothing.
    expect(await escalate(new Date(received.getTime() + 48 * HOUR))).toBe(0);
  });

  it('C.09: the registered job does it when the worker drains the queue (a request received 25 hours ago)', async () => {
    const stale = await fromKiosk(new Date(Date.now() - 25 * HOUR), 'Stale Kiosk');
    const recent = await fromKiosk(new Date(Date.now() - HOUR), 'Recent Kiosk');
    const worker = startJobWorker({
      db: f.t.db,
      handlers: jobHandlers,
      recurring: recurringJobs,
      pollMs: 60_000,
      autoStart: false,
    });
    try {
      await enqueueJob(f.t.db, { kind: 'requests.escalate-untriaged-kiosk' });
      expect(await worker.drain()).toBe(1);
    } finally {
      await worker.stop();
    }
    const escalated = await get(stale.id);
    expect(escalated.status).toBe('escalated-to-complaint');
    expect(escalated.timeline.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'escalate-untriaged',
    ]);
    expect((await get(recent.id)).status).toBe('awaiting-triage');
  });

  it('C.09: an escalated complaint can be closed by the officer, and then nothing more happens', async () => {
    const stale = await fromKiosk(new Date(Date.now() - 30 * HOUR), 'Closed Complaint');
    expect(await escalate(new Date())).toBeGreaterThanOrEqual(1);
    await move(f.t, f.sessions.officer, stale.id, { type: 'assign', officerId: f.users.officer.id });
    const closed = await move(f.t, f.sessions.officer, stale.id, { type: 'close' });
    expect(closed.json.status).toBe('closed');
  });
});
