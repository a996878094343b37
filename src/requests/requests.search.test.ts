import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, nzDateOf } from '../law/calendar.ts';
import { dueDate } from '../law/working-days.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { lastAuditSeq } from '../testing/http.ts';
import { requestChannels } from './requests.rules.ts';
import { applyRequestEvent, createRequest } from './requests.service.ts';
import {
  fieldPaths,
  lifecycleMove,
  startRegister,
  type FixtureAccount,
  type RegisterFixture,
} from './testing-requests.ts';

interface Made {
  id: string;
  reference: string;
  status: string;
  track: string | null;
  channel: string;
  officerId: string | null;
  site: string;
  due: string;
  name: string;
  prn: string;
}

interface Item {
  id: string;
  reference: string;
  status: string;
  track: string | null;
  channel: string;
  site: string | null;
  officer: { id: string; name: string } | null;
  decisionDueDate: string;
  dueState: string;
  subjectName: string;
}

const COUNT = 120;
const SITES = ['Rimutaka', 'Waikeria', 'Arohata'];
const NAMES = ['Aroha Pōtae', 'Wiremu Ngata', 'Sarah Jones', 'Hēmi Pōtae-Smith', 'Li Wei', 'Tama Rangi'];
const OPEN = ['awaiting-triage', 'open', 'awaiting-clarification', 'awaiting-decision'];

describe.each(testDatabaseKinds())('search, queues and pagination on %s', (kind) => {
  let f: RegisterFixture;
  const made: Made[] = [];
  const today = nzDateOf(new Date());

  beforeAll(async () => {
    f = await startRegister(kind, [
      'intake',
      'otherIntake',
      'officer',
      'southOfficer',
      'decisionMaker',
      'manager',
    ]);
    const now = Date.now();
    // 120 requests straight through the use cases (quicker than HTTP), spread over 45 days of receipt so that
    // some are overdue, some due soon and some on track; four states in turn.
    for (let i = 0; i < COUNT; i++) {
      const name = NAMES[i % NAMES.length]!;
      const prn = `P${String(10_000 + i)}`;
      const site = SITES[i % SITES.length]!;
      const channel = requestChannels[i % requestChannels.length]!;
      const created = await createRequest(
        f.t.db,
        { kind: 'staff', actor: f.actor(i % 2 ? 'intake' : 'otherIntake') },
        {
          kind: 'access',
          channel,
          receivedAt: new Date(now - ((i * 7) % 45) * 86_400_000 - 3_600_000),
          subject: { name, prn, site },
          description: `Request ${i}`,
        },
      );
      let status = 'awaiting-triage';
      let track: string | null = null;
      let officerId: string | null = null;
      if (i % 4 === 1) {
        await applyRequestEvent(f.t.db, f.actor('officer'), created.id, {
          type: 'triage',
          track: 'privacy-access',
        });
        [status, track, officerId] = ['open', 'privacy-access', f.users.officer.id];
        if (i % 8 === 1) {
          await applyRequestEvent(f.t.db, f.actor('officer'), created.id, {
            type: 'withdraw',
            reason: 'No longer needed',
          });
          status = 'withdrawn';
        }
      } else if (i % 4 === 2) {
        await applyRequestEvent(f.t.db, f.actor('southOfficer'), created.id, {
          type: 'triage',
          track: 'privacy-access',
        });
        await lifecycleMove(f, 'southOfficer', created.id, { type: 'submit-for-decision' });
        [status, track, officerId] = ['awaiting-decision', 'privacy-access', f.users.southOfficer.id];
      } else if (i % 4 === 3) {
        await applyRequestEvent(f.t.db, f.actor('intake'), created.id, {
          type: 'triage',
          track: 'official-information',
        });
        [status, track] = ['open', 'official-information'];
      }
      made.push({
        id: created.id,
        reference: created.reference,
        status,
        track,
        channel,
        officerId,
        site,
        due: created.decisionDueDate,
        name,
        prn,
      });
    }
  });
  afterAll(async () => {
    await f.close();
  });

  async function list(query: string, account: FixtureAccount = 'manager'): Promise<Item[]> {
    const response = await f.t.request('GET', `/api/requests?limit=200${query ? `&${query}` : ''}`, {
      session: f.sessions[account],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.json.nextCursor).toBeNull();
    return response.json.items as Item[];
  }

  const ids = (items: Array<{ id: string }>) => items.map((item) => item.id).sort();
  const expectIds = (items: Item[], expected: Made[]) => {
    expect(expected.length).toBeGreaterThan(0); // a filter that matches nothing proves nothing
    expect(ids(items)).toEqual(ids(expected));
  };
  const inDueOrder = (items: Item[]) =>
    items.every((item, k) => k === 0 || items[k - 1]!.decisionDueDate <= item.decisionDueDate);

  describe('filters', () => {
    it('status, one or a comma list', async () => {
      expectIds(
        await list('status=open'),
        made.filter((r) => r.status === 'open'),
      );
      expectIds(
        await list('status=awaiting-triage,awaiting-decision'),
        made.filter((r) => r.status === 'awaiting-triage' || r.status === 'awaiting-decision'),
      );
    });

    it('track: the track set at triage (an untriaged request has only a proposal, shown as no track)', async () => {
      expectIds(
        await list('track=official-information'),
        made.filter((r) => r.track === 'official-information'),
      );
      const access = await list('track=privacy-access');
      expectIds(
        access,
        made.filter((r) => r.track === 'privacy-access'),
      );
      expect(access.every((item) => item.track === 'privacy-access')).toBe(true);
    });

    it('channel', async () => {
      for (const channel of ['kiosk', 'oral']) {
        const items = await list(`channel=${channel}`);
        expectIds(
          items,
          made.filter((r) => r.channel === channel),
        );
      }
    });

    it('officer', async () => {
      expectIds(
        await list(`officer=${f.users.southOfficer.id}`),
        made.filter((r) => r.officerId === f.users.southOfficer.id),
      );
    });

    it('site', async () => {
      expectIds(
        await list('site=Waikeria'),
        made.filter((r) => r.site === 'Waikeria'),
      );
    });

    it('due=overdue: open requests past their due date, each shown as overdue', async () => {
      const items = await list('due=overdue');
      expectIds(
        items,
        made.filter((r) => OPEN.includes(r.status) && r.due < today),
      );
      expect(items.every((item) => item.dueState === 'overdue')).toBe(true);
    });

    it('due=due-soon: open requests due within 5 working days, each shown as due soon', async () => {
      const limit = dueDate(today, 5);
      const items = await list('due=due-soon');
      expectIds(
        items,
        made.filter((r) => OPEN.includes(r.status) && r.due >= today && r.due <= limit),
      );
      expect(items.every((item) => item.dueState === 'due-soon')).toBe(true);
    });

    it('dueBefore (inclusive), and combined with status', async () => {
      const cut = addCalendarDays(today, 3);
      expectIds(
        await list(`dueBefore=${cut}`),
        made.filter((r) => r.due <= cut),
      );
      expectIds(
        await list(`dueBefore=${cut}&status=open`),
        made.filter((r) => r.due <= cut && r.status === 'open'),
      );
    });

    it('q: names with macrons folded (potae finds Pōtae, in any case), a whole reference, a PRN', async () => {
      const potae = made.filter((r) => r.name.includes('Pōtae'));
      expectIds(await list('q=potae'), potae);
      expectIds(await list('q=P%C5%8DTAE'), potae);
      expectIds(
        await list(`q=${encodeURIComponent('hemi potae')}`),
        made.filter((r) => r.name === 'Hēmi Pōtae-Smith'),
      );
      const one = made[17]!;
      expectIds(await list(`q=${one.reference}`), [one]);
      expectIds(await list(`q=${one.reference.toLowerCase()}`), [one]);
      expectIds(await list(`q=${one.prn}`), [one]);
      expect(await list('q=nobody')).toEqual([]);
    });

    it('filters combine with who may see what (officer searching for Pōtae)', async () => {
      const visibleToOfficer = (r: Made) =>
        r.status === 'awaiting-triage' || r.officerId === null || r.officerId === f.users.officer.id;
      expectIds(
        await list('q=potae', 'officer'),
        made.filter((r) => r.name.includes('Pōtae') && visibleToOfficer(r)),
      );
    });

    it('a bad filter value: 400 naming it', async () => {
      for (const [query, path] of [
        ['status=lost', 'status'],
        ['due=someday', 'due'],
        ['dueBefore=2026-02-30', 'dueBefore'],
        ['officer=olivia', 'officer'],
        ['limit=0', 'limit'],
        ['colour=blue', 'colour'],
      ] as const) {
        const response = await f.t.request('GET', `/api/requests?${query}`, { session: f.sessions.manager });
        expect(response.status, query).toBe(400);
        // A bad value inside the comma list is named with its position (status.0).
        expect(fieldPaths(response), query).toEqual([
          expect.stringMatching(new RegExp(`^${path}(\\.\\d+)?$`)),
        ]);
      }
    });
  });

  describe('queues', () => {
    it('queue=mine: the officer’s own requests still in hand (finished ones are in All), or of the status asked', async () => {
      const inHand = ['open', 'awaiting-clarification', 'awaiting-decision', 'decided'];
      const mine = (id: string) => made.filter((r) => r.officerId === id);
      expect(mine(f.users.officer.id).some((r) => !inHand.includes(r.status))).toBe(true);
      expectIds(
        await list('queue=mine', 'officer'),
        mine(f.users.officer.id).filter((r) => inHand.includes(r.status)),
      );
      expectIds(
        await list('queue=mine', 'southOfficer'),
        mine(f.users.southOfficer.id).filter((r) => inHand.includes(r.status)),
      );
      expectIds(
        await list('queue=mine&status=closed,withdrawn', 'officer'),
        mine(f.users.officer.id).filter((r) => ['closed', 'withdrawn'].includes(r.status)),
      );
    });

    it('queue=triage: everything awaiting triage, for intake too', async () => {
      const expected = made.filter((r) => r.status === 'awaiting-triage');
      expectIds(await list('queue=triage', 'officer'), expected);
      expectIds(await list('queue=triage', 'intake'), expected);
    });

    it('queue=awaiting-decision: the decision maker’s queue', async () => {
      expectIds(
        await list('queue=awaiting-decision', 'decisionMaker'),
        made.filter((r) => r.status === 'awaiting-decision'),
      );
    });
  });

  describe('order and pagination', () => {
    it('sorted by due date, then id', async () => {
      const items = await list('');
      expect(items).toHaveLength(COUNT);
      expect(inDueOrder(items)).toBe(true);
      const sameDue = items.filter(
        (item, k) => k > 0 && items[k - 1]!.decisionDueDate === item.decisionDueDate,
      );
      expect(sameDue.length).toBeGreaterThan(0);
      for (let k = 1; k < items.length; k++) {
        const [a, b] = [items[k - 1]!, items[k]!];
        if (a.decisionDueDate === b.decisionDueDate) expect(a.id < b.id).toBe(true);
      }
    });

    async function walk(query: string, account: FixtureAccount = 'manager') {
      const seen: Item[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await f.t.request(
          'GET',
          `/api/requests?limit=7${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`,
          { session: f.sessions[account] },
        );
        expect(response.status, response.text).toBe(200);
        const items = response.json.items as Item[];
        expect(items.length).toBeLessThanOrEqual(7);
        seen.push(...items);
        cursor = response.json.nextCursor as string | null;
        if (cursor) expect(items).toHaveLength(7);
        pages++;
      } while (cursor && pages < 100);
      return { seen, pages };
    }

    it('the cursor walks every row once, in order, with no duplicates', async () => {
      const { seen, pages } = await walk('');
      expect(pages).toBe(Math.ceil(COUNT / 7));
      expect(new Set(seen.map((item) => item.id)).size).toBe(COUNT);
      expect(ids(seen)).toEqual(ids(made));
      expect(inDueOrder(seen)).toBe(true);
    });

    it('the cursor walks a filtered, role-limited list too (officer, status=open)', async () => {
      const { seen } = await walk('status=open', 'officer');
      expectIds(
        seen,
        made.filter(
          (r) => r.status === 'open' && (r.officerId === null || r.officerId === f.users.officer.id),
        ),
      );
      expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    });

    it('each page read is one request.listed audit row', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const { pages } = await walk('');
      expect((await lastAuditSeq(f.t.db)) - seq).toBe(pages);
    });

    it('a cursor the server did not give: 400 naming cursor', async () => {
      const forged = [
        'not-a-cursor',
        Buffer.from('{"due":"2026-01-01"}').toString('base64url'),
        Buffer.from('["someday","00000000-0000-4000-8000-000000000000"]').toString('base64url'),
        Buffer.from('["2026-01-01","1; drop table requests"]').toString('base64url'),
      ];
      for (const cursor of forged) {
        const response = await f.t.request('GET', `/api/requests?cursor=${cursor}`, {
          session: f.sessions.manager,
        });
        expect(response.status, cursor).toBe(400);
        expect(fieldPaths(response)).toEqual(['cursor']);
      }
    });
  });
});
