import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { createUser, type PublicUser } from '../auth/auth.service.ts';
import { findUserByEmail } from '../auth/auth.repo.ts';
import type { StaffRole } from '../auth/auth.schema.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/tx.ts';
import { AppError } from '../server/errors.ts';
import {
  applyRequestEvent,
  createRequest,
  escalateUntriagedKioskRequests,
  getRequest,
  moveRequest,
  type PublicRequestEventInput,
  type RequestEventInput,
} from '../requests/requests.service.ts';
import type { Channel } from '../law/lifecycle.ts';
import { evaluateAccesses } from '../audit/evaluation.service.ts';
import type { Config } from '../server/config.ts';
import { seedCasework, type CaseworkSummary } from './demo-casework.ts';
import { descriptions, givenNames, sites, surnames, units } from './names.ts';

/** The demo staff's shared passphrase: printed by `tiaki demo seed` and given in README. Demo data only. */
export const DEMO_PASSWORD = 'tiaki-demo-passphrase-2026';

const demoStaff: Array<{ email: string; name: string; role: StaffRole; team?: string; site?: string }> = [
  { email: 'admin@demo.tiaki.nz', name: 'Aroha Kingi', role: 'admin' },
  { email: 'intake@demo.tiaki.nz', name: 'Ihaia Rewi', role: 'intake', site: sites[0] },
  { email: 'officer@demo.tiaki.nz', name: 'Olivia Hart', role: 'officer', team: 'North', site: sites[0] },
  { email: 'officer2@demo.tiaki.nz', name: 'Tama Fonoti', role: 'officer', team: 'North', site: sites[1] },
  { email: 'officer3@demo.tiaki.nz', name: 'Mei Lin Chua', role: 'officer', team: 'South', site: sites[2] },
  { email: 'decider@demo.tiaki.nz', name: 'Daniel Moana', role: 'decision-maker' },
  { email: 'manager@demo.tiaki.nz', name: 'Mere Tautahi', role: 'manager', team: 'North' },
  { email: 'auditor@demo.tiaki.nz', name: 'Audrey Blake', role: 'auditor' },
];

/** A small deterministic random source, so every seed makes the same demo. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const asActor = (user: PublicUser): Actor => ({
  id: user.id,
  name: user.name,
  role: user.role,
  team: user.team,
  site: user.site,
  address: 'demo-seed',
});

export interface SeedSummary {
  staff: number;
  requests: number;
  byStatus: Record<string, number>;
  /** Documents added and requests worked through review and release (only when given the config). */
  casework?: CaseworkSummary;
  alreadySeeded: boolean;
  password: string;
}

/**
 * Fills the database with synthetic demo staff and a few hundred requests in every state; given the
 * configuration (for the document store), also documents and case work (see demo-casework.ts). Idempotent: a
 * second run finds the demo admin and changes nothing.
 */
export async function seedDemo(
  db: Database,
  options: { requests?: number; now?: Date; config?: Config } = {},
): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  if (await findUserByEmail(db, demoStaff[0]!.email)) {
    return {
      staff: 0,
      requests: 0,
      byStatus: await countByStatus(db),
      alreadySeeded: true,
      password: DEMO_PASSWORD,
    };
  }
  const staff: PublicUser[] = [];
  for (const member of demoStaff) {
    staff.push(
      await createUser(
        db,
        { id: null, role: null, address: 'demo-seed' },
        { ...member, password: DEMO_PASSWORD },
      ),
    );
  }
  const byRole = (role: StaffRole) => staff.filter((s) => s.role === role).map(asActor);
  const [intake] = byRole('intake');
  const officers = byRole('officer');
  const [decider] = byRole('decision-maker');
  const [manager] = byRole('manager');
  if (!intake || !decider || !manager || officers.length === 0) throw new Error('demo staff missing');

  const next = random(20_261_123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const total = options.requests ?? 300;
  const channels: Channel[] = ['kiosk', 'kiosk', 'paper', 'oral', 'web', 'email', 'post'];
  const people = Array.from({ length: Math.ceil(total * 0.7) }, (_, i) => ({
    name: `${pick(givenNames)} ${pick(surnames)}`,
    prn: String(60_000_000 + i * 37),
    site: pick(sites),
    unit: pick(units),
    dateOfBirth: `19${60 + Math.floor(next() * 40)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
  }));

  for (let i = 0; i < total; i++) {
    const person = pick(people);
    const daysAgo = Math.floor(next() ** 1.6 * 75);
    const receivedAt = new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(next() * 8) * 3_600_000);
    const channel = daysAgo < 3 && next() < 0.5 ? 'kiosk' : pick(channels);
    const asAgent = next() < 0.1;
    const created = await createRequest(
      db,
      { kind: 'staff', actor: intake },
      {
        kind: next() < 0.15 ? 'correction' : 'access',
        channel,
        receivedAt,
        subject: {
          name: person.name,
          prn: person.prn,
          dateOfBirth: person.dateOfBirth,
          site: person.site,
          unit: person.unit,
        },
        requester: asAgent
          ? {
              name: `${pick(givenNames)} ${pick(surnames)}`,
              relationship: 'agent',
              authorityConfirmed: next() < 0.7,
              authorityMethod: 'document',
            }
          : { name: person.name, relationship: 'self' },
        description: pick(descriptions),
        ...(next() < 0.08 ? { urgent: true, urgencyReason: 'Parole hearing in two weeks' } : {}),
      },
      now,
    );
    await advance(created.id, daysAgo, channel);
  }
  // Kiosk requests left untriaged past 24 hours become complaints (C.09), as the job would do.
  await inTransaction(db, (tx) => escalateUntriagedKioskRequests(tx, now));
  const casework = options.config
    ? await seedCasework(db, options.config, { officers, decider }, now)
    : undefined;
  await browseWithoutReason();
  return {
    staff: staff.length,
    requests: total,
    byStatus: await countByStatus(db),
    ...(casework ? { casework } : {}),
    alreadySeeded: false,
    password: DEMO_PASSWORD,
  };

  /** Moves a request as far as its age makes plausible; a move the law refuses (e.g. a late extension) is skipped. */
  async function advance(id: string, daysAgo: number, channel: string) {
    const officer = pick(officers);
    const roll = next();
    if (daysAgo < 2 && roll < 0.7) return; // still awaiting triage
    if (channel === 'kiosk' && daysAgo >= 2 && roll < 0.08) return; // missed triage: becomes a complaint
    const steps: Array<[Actor, PublicRequestEventInput]> = [
      [intake!, { type: 'triage', track: 'privacy-access' }],
      [manager!, { type: 'assign', officerId: officer.id }],
    ];
    if (roll < 0.05 && daysAgo < 12)
      steps.push([
        officer,
        {
          type: 'transfer',
          agency: 'Ministry of Health',
          reason: 'The health records are held by the district health service',
        },
      ]);
    else if (roll < 0.09)
      steps.push([officer, { type: 'withdraw', reason: 'The person withdrew the request by phone' }]);
    else if (roll < 0.16)
      steps.push([
        officer,
        { type: 'ask-clarification', question: 'Which incident, and roughly when, do you mean?' },
      ]);
    else {
      if (roll < 0.3)
        steps.push([
          officer,
          {
            type: 'extend',
            ground: 'large-quantity',
            newDueDate: await dueAfter(id, 10),
            reason: 'Several thousand pages of case notes to review',
          },
        ]);
    }
    for (const [actor, step] of steps) {
      try {
        await applyRequestEvent(db, actor, id, step, now);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
    if (daysAgo > 20 && roll >= 0.16) await recordEarlierDecision(id, officer, daysAgo);
  }

  /**
   * Requests older than the demo's case work were decided and released in the agency's earlier case
   * system: their history is brought over as it happened (the documents, decision record and letter
   * stay in that system), so the register and its reports show a realistic spread of statuses.
   */
  async function recordEarlierDecision(id: string, officer: Actor, daysAgo: number) {
    const history: RequestEventInput[] = [
      { type: 'submit-for-decision' },
      {
        type: 'decide',
        outcome: next() < 0.6 ? 'granted' : 'granted-in-part',
        reason: 'Decided in the earlier case system, which holds the decision letter and the documents',
      },
      { type: 'release' },
      ...(daysAgo > 30 ? [{ type: 'close' } as const] : []),
    ];
    try {
      await inTransaction(db, async (tx) => {
        for (const step of history)
          await moveRequest(tx, step.type === 'decide' ? decider! : officer, id, step, now);
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error; // e.g. a request transferred or withdrawn meanwhile
    }
  }

  /**
   * A teammate opens requests assigned to a colleague, with no work relationship to the people in them, so the
   * manager's weekly report and the auditor's review have something to show; then the evaluation job runs.
   */
  async function browseWithoutReason() {
    const [assignee, browser] = officers;
    if (!assignee || !browser) return;
    const theirs = await queryRows<{ id: string }>(
      db,
      sql`select id from requests where assigned_officer_id = ${assignee.id} order by reference limit 6`,
    );
    for (const { id } of theirs) await getRequest(db, browser, id, now);
    await inTransaction(db, (tx) =>
      evaluateAccesses(tx, {
        from: new Date(now.getTime() - 7 * 86_400_000),
        to: new Date(now.getTime() + 60_000),
      }),
    );
  }

  async function dueAfter(id: string, workingDays: number): Promise<string> {
    const [row] = await queryRows<{ due: string }>(
      db,
      sql`select decision_due_date::text as due from requests where id = ${id}`,
    );
    const { dueDate } = await import('../law/working-days.ts');
    return dueDate(row!.due, workingDays);
  }
}

async function countByStatus(db: Database): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; count: string | number }>(
    db,
    sql`select status, count(*) as count from requests group by status order by status`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
