import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import type { JobHandler, RecurringJob } from '../jobs/worker.ts';
import { nzDateOf } from '../law/calendar.ts';
import { queueMail } from '../mail/mail.ts';
import { forbidden, invalid, notFound } from '../server/errors.ts';
import { appendAuditEvent } from './audit.repo.ts';
import {
  isoWeekMonday,
  previousWeek,
  recentWeeks,
  reportScope,
  weekBounds,
  type ReportScope,
} from './audit-monitoring.rules.ts';
import { evaluateAccesses } from './evaluation.service.ts';
import { describeFlag, describeReason } from './explain/describe.ts';
import { FLAGS, type Flag } from './explain/input.ts';
import * as repo from './monitoring.repo.ts';

/** A reason or flag with its words, for people. */
export interface Worded {
  code: string;
  words: string;
}

const flagWords = (flag: string): Worded => ({
  code: flag,
  words: (FLAGS as readonly string[]).includes(flag) ? describeFlag(flag as Flag) : flag,
});
const reasonWords = (reason: string): Worded => ({ code: reason, words: describeReason(reason) });

export interface ReportItem {
  seq: number;
  at: string;
  action: string;
  staff: { id: string; name: string; role: string; team: string | null };
  person: { id: string; name: string; prn: string | null };
  flags: Worded[];
  reasons: Worded[];
  explained: boolean;
  /** What the staff member said on the interruption card, when they were asked. */
  statedReason: string | null;
  /** One sentence for the manager: what was flagged and what, if anything, explains it. */
  summary: string;
  outcome: 'justified' | 'breach' | null;
  note: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export interface WeeklyReport {
  week: string;
  from: string;
  to: string;
  scope: ReportScope['kind'];
  items: ReportItem[];
  totals: { flagged: number; reviewed: number; breaches: number; staff: number };
}

function summaryOf(row: repo.ReportRow): string {
  const flagged = row.flags.map((flag) => flagWords(flag).words);
  const explained = row.reasons.filter((r) => r !== 'stated-reason').map((r) => describeReason(r));
  const parts: string[] = [];
  parts.push(
    flagged.length > 0 ? `Flagged: ${flagged.join('; ')}.` : 'Explained only by a reason they stated.',
  );
  if (explained.length > 0) parts.push(`Explained because ${explained.join('; ')}.`);
  if (row.statedReason !== null) parts.push(`They said: “${row.statedReason}” (for review).`);
  return parts.join(' ');
}

function itemOf(row: repo.ReportRow): ReportItem {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    action: row.action,
    staff: { id: row.staffId, name: row.staffName, role: row.staffRole, team: row.staffTeam },
    person: { id: row.personId, name: row.personName, prn: row.personPrn },
    flags: row.flags.map(flagWords),
    reasons: row.reasons.map(reasonWords),
    explained: row.explained,
    statedReason: row.statedReason,
    summary: summaryOf(row),
    outcome: row.outcome,
    note: row.note,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewedBy: row.reviewerName,
  };
}

function parseWeek(week: string) {
  if (!isoWeekMonday(week))
    throw invalid([{ path: 'week', message: 'Must be an ISO week written YYYY-Www, e.g. 2026-W48' }]);
  return weekBounds(week);
}

async function buildReport(tx: Executor, scope: ReportScope, week: string): Promise<WeeklyReport> {
  const bounds = parseWeek(week);
  const items = (await repo.reportRows(tx, scope, bounds.from, bounds.to)).map(itemOf);
  return {
    week,
    from: bounds.from.toISOString(),
    to: bounds.to.toISOString(),
    scope: scope.kind,
    items,
    totals: {
      flagged: items.length,
      reviewed: items.filter((item) => item.outcome !== null).length,
      breaches: items.filter((item) => item.outcome === 'breach').length,
      staff: new Set(items.map((item) => item.staff.id)).size,
    },
  };
}

/**
 * The weekly report of flagged accesses with their reasons in words: a manager sees their staff's (same team,
 * or same site when they have no team, never their own), an auditor everyone's. It names people, so reading
 * it is an audited read.
 *
 * @example await weeklyReport(db, manager, '2026-W48') // { week, items: [{ staff, person, flags, summary, … }], totals }
 */
export async function weeklyReport(db: Database, actor: Actor, week: string): Promise<WeeklyReport> {
  const scope = reportScope(actor);
  if (actor.role !== 'manager' && actor.role !== 'auditor')
    throw forbidden('Weekly reports are for managers and auditors');
  return inTransaction(db, async (tx) => {
    const report = await buildReport(tx, scope, week);
    await appendAuditEvent(tx, {
      action: 'audit.report-read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'audit-report',
      entityId: week,
      details: {
        week,
        items: report.items.length,
        personIds: [...new Set(report.items.map((item) => item.person.id))],
      },
    });
    return report;
  });
}

/**
 * An auditor marks a flagged access justified or a breach, with a note; recorded on the flag and as an audit
 * event. Marking again replaces the outcome (and is audited again).
 *
 * @example await recordOutcome(db, auditor, 1042, 'breach', 'Looked up a neighbour; referred to HR')
 */
export async function recordOutcome(
  db: Database,
  actor: Actor,
  seq: number,
  outcome: 'justified' | 'breach',
  note: string | null,
  now = new Date(),
): Promise<ReportItem> {
  if (actor.role !== 'auditor')
    throw forbidden('Only an auditor marks a flagged access justified or a breach');
  return inTransaction(db, async (tx) => {
    const flag = await repo.setOutcome(tx, seq, outcome, note, actor.id, now);
    if (!flag) throw notFound('Flagged access');
    await appendAuditEvent(tx, {
      action: 'audit.flag-reviewed',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'audit-event',
      entityId: String(seq),
      personId: flag.personId,
      reason: note,
      details: { seq, outcome, staffId: flag.staffId },
    });
    const row = await repo.reportRow(tx, seq);
    if (!row) throw notFound('Flagged access');
    return itemOf(row);
  });
}

export interface UsagePoint {
  week: string;
  from: string;
  team: string;
  staffInTeam: number;
  staffWithVolume: number;
  staffWithUnjustifiedVolume: number;
  /** The policy's measure, "individual usage higher than normal without reasonable justification": the share
   * of the team's staff with volume-flagged accesses not marked justified by an auditor, 0..1. */
  share: number;
  volumeAccesses: number;
  breaches: number;
}

/**
 * Per team per week, the policy measure for a chart: how many of a team's staff had volume-flagged accesses
 * that an auditor has not marked justified, as counts and a share. Managers see their own team; auditors any.
 *
 * @example await usageByTeam(db, auditor, { weeks: 12 }) // [{ week: '2026-W37', team: 'north', share: 0.05, … }, …]
 */
export async function usageByTeam(
  db: Database,
  actor: Actor,
  options: { team?: string | undefined; weeks: number; now?: Date },
): Promise<UsagePoint[]> {
  let team = options.team ?? null;
  if (actor.role === 'manager') {
    if (!actor.team) throw forbidden('Your account has no team; ask an auditor for the figures');
    if (team !== null && team !== actor.team) throw forbidden('Managers see their own team’s figures');
    team = actor.team;
  } else if (actor.role !== 'auditor') {
    throw forbidden('Usage figures are for managers and auditors');
  }
  const points: UsagePoint[] = [];
  for (const week of recentWeeks(options.now ?? new Date(), options.weeks)) {
    const bounds = weekBounds(week);
    for (const row of await repo.usageRows(db, bounds.from, bounds.to, team)) {
      points.push({
        week,
        from: bounds.monday,
        ...row,
        share: row.staffInTeam === 0 ? 0 : row.staffWithUnjustifiedVolume / row.staffInTeam,
      });
    }
  }
  return points;
}

/** The e-mail a manager gets: staff names, dates and reasons in words; no names of the people looked at. */
export function weeklyMailText(manager: { name: string }, report: WeeklyReport): string {
  const lines = [
    `Kia ora ${manager.name},`,
    '',
    `Access audit, week ${report.week} (${nzDateOf(new Date(report.from))} to ${nzDateOf(new Date(new Date(report.to).getTime() - 1))}).`,
    report.items.length === 0
      ? 'None of your staff’s accesses to people’s records was flagged this week.'
      : `${report.items.length} access(es) by ${report.totals.staff} of your staff need your attention:`,
    '',
  ];
  for (const item of report.items) {
    const when = nzDateOf(new Date(item.at));
    lines.push(
      `- ${when}, ${item.staff.name} (${item.staff.role}): ${item.summary.replace(/ They said: “.*” \(for review\)\./, ' They stated a reason (see the report).')}`,
    );
  }
  lines.push(
    '',
    `Open the weekly report in Tiaki (Audit → Weekly report → ${report.week}) for the people concerned and the reasons given.`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The weekly e-mail job: once the week is over, evaluates it and e-mails each manager their report, once per
 * manager per week (the mail goes through the outbox in the same transaction).
 */
export const auditWeeklyReportJob: JobHandler = async (tx) => {
  await sendWeeklyReports(tx, new Date());
};

export async function sendWeeklyReports(tx: Executor, now: Date): Promise<number> {
  const week = previousWeek(now);
  const bounds = weekBounds(week);
  let sent = 0;
  let evaluated = false;
  for (const manager of await repo.activeManagers(tx)) {
    if (!(await repo.markMailed(tx, manager.id, week))) continue;
    if (!evaluated) {
      await evaluateAccesses(tx, { from: bounds.from, to: bounds.to });
      evaluated = true;
    }
    const report = await buildReport(tx, reportScope(manager), week);
    await queueMail(tx, {
      to: manager.email,
      subject: `Tiaki access audit: week ${week}, ${report.items.length} flagged`,
      text: weeklyMailText(manager, report),
    });
    await appendAuditEvent(tx, {
      action: 'audit.report-mailed',
      actorRole: 'system',
      entityType: 'audit-report',
      entityId: week,
      details: { week, managerId: manager.id, items: report.items.length },
    });
    sent++;
  }
  return sent;
}

export const AUDIT_WEEKLY_REPORT_JOB = 'audit.weekly-report';

/** Hourly: the first run after a week ends sends its reports. */
export const auditWeeklyReportRecurring: RecurringJob = {
  kind: AUDIT_WEEKLY_REPORT_JOB,
  everyMs: 60 * 60_000,
};
