import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/tx.ts';
import { findOrCreatePerson } from '../people/people.repo.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { appendAuditEvent, type AuditEntry } from './audit.repo.ts';
import { evaluateAccesses } from './evaluation.service.ts';
import { personReadEvents } from './monitoring.repo.ts';
import { tamper } from './testing-audit.ts';

describe.each(testDatabaseKinds())(
  'which reads the engine judges, on %s (issue 5: every access explained or flagged)',
  (kind) => {
    let database: DatabaseHandle;
    const staff: Record<string, string> = {};
    const people: Record<string, string> = {};
    const started = new Date(Date.now() - 3 * 86_400_000);
    const seqs: Record<string, number> = {};

    const append = (key: string, entry: AuditEntry) =>
      inTransaction(database.db, async (tx) => {
        seqs[key] = await appendAuditEvent(tx, entry);
      });
    const read = (
      who: string,
      action: AuditEntry['action'],
      person: string,
      key = `${who}:${action}:${person}`,
    ) =>
      append(key, {
        action,
        actorId: staff[who]!,
        actorRole: 'officer',
        entityType: action.startsWith('document') ? 'document' : 'request',
        entityId: `${person}-thing`,
        personId: people[person]!,
        details: action === 'document.page-viewed' ? { page: 1 } : {},
      });

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      for (const [key, email, name] of [
        ['browser', 'browser@test.tiaki.nz', 'Bo Browser'],
        ['officer', 'officer@test.tiaki.nz', 'Olivia Officer'],
      ] as const) {
        const [row] = await queryRows<{ id: string }>(
          database.db,
          sql`insert into users (email, name, role, site, password_hash) values (${email}, ${name}, 'officer', 'Rimutaka', 'x') returning id`,
        );
        staff[key] = row!.id;
      }
      for (const [key, prn, name] of [
        ['aroha', 'R100', 'Aroha Ngata'],
        ['hemi', 'R200', 'Hemi Walker'],
        ['mere', 'R300', 'Mere Kahu'],
      ] as const) {
        const { person } = await findOrCreatePerson(database.db, { name, prn });
        people[key] = person.id;
      }
      // The browser reads Aroha's document page by page through the API, never opening her request.
      for (let page = 1; page <= 5; page++)
        await read('browser', 'document.page-viewed', 'aroha', `page${page}`);
      await read('browser', 'document.exported', 'aroha');
      // The officer opens Hemi's request, then reads his document and its decision: one access, the opening.
      await read('officer', 'request.read', 'hemi');
      await read('officer', 'document.page-viewed', 'hemi');
      await read('officer', 'decision.read', 'hemi');
      // A list naming Mere is recorded with her id in its details, but is not an access to her record.
      await append('list', {
        action: 'request.listed',
        actorId: staff.browser!,
        actorRole: 'officer',
        entityType: 'request',
        details: { requestIds: ['x'], personIds: [people.mere] },
      });
      // The browser read Mere's letter yesterday (NZ time) and again today: two days, two accesses.
      await read('browser', 'letter.read', 'mere', 'letterYesterday');
      await read('browser', 'letter.read', 'mere', 'letterToday');
      await tamper(
        database.db,
        sql`update audit_events set at = at - interval '1 day' where seq = ${seqs.letterYesterday!}`,
      );
    });
    afterAll(async () => {
      await database.close();
    });

    it('reads inside a request count once per staff member, person and NZ day, unless they opened the record that day', async () => {
      const events = await personReadEvents(database.db, started, new Date(Date.now() + 60_000));
      expect(events.map((event) => event.seq)).toEqual(
        [seqs.page1!, seqs['officer:request.read:hemi']!, seqs.letterYesterday!, seqs.letterToday!].sort(
          (a, b) => a - b,
        ),
      );
      expect(events.find((event) => event.seq === seqs.page1)).toMatchObject({
        staffId: staff.browser,
        personId: people.aroha,
      });
    });

    it('a document read without a work relationship is flagged unexplained; the list naming a person is not judged', async () => {
      const result = await inTransaction(database.db, (tx) =>
        evaluateAccesses(tx, { from: started, to: new Date(Date.now() + 60_000) }),
      );
      expect(result.evaluated).toBe(4);
      const flags = await queryRows<{ event_seq: string | number; flags: string[] }>(
        database.db,
        sql`select event_seq, flags from audit_flags order by event_seq`,
      );
      const flagged = new Map(flags.map((row) => [Number(row.event_seq), row.flags]));
      expect(flagged.get(seqs.page1!)).toContain('unexplained');
      expect(flagged.has(seqs.page2!)).toBe(false);
      expect(flagged.has(seqs.list!)).toBe(false);
      expect(flagged.get(seqs.letterToday!)).toContain('unexplained');
    });
  },
);
