/**
 * Case work for the demo: documents on open requests, and a few requests taken through review, the
 * decision and release with the same use cases staff use, so every page of review and release has
 * something real to show and a new user can take an open request from its documents to a sent release.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { approveDecision, draftDecision, submitDecision } from '../decisions/decisions.service.ts';
import { seedDemoDocuments, type DemoDocumentTarget } from '../documents/demo-documents.ts';
import { buildRelease, sendRelease } from '../release/release.service.ts';
import {
  answerStaffName,
  decideMark,
  determineStaffName,
  listDocumentMarks,
  listStaffNames,
  suggestMarks,
} from '../review/review.service.ts';
import type { Config } from '../server/config.ts';

/** Where each worked request stops: the user picks up from there. */
export type CaseworkStage = 'reviewed' | 'awaiting-decision' | 'decided' | 'released';

export interface CaseworkSummary {
  documents: number;
  byStage: Record<CaseworkStage, number>;
  /** Per officer, the open request whose documents are left for the user to review. */
  toReview: Array<{ officer: string; reference: string }>;
}

/** How many open requests of each officer get documents (the first of each is left for the user to review). */
const DOCUMENTED_PER_OFFICER = 5;
/** The stages the other documented requests are taken to, in order. */
const STAGES: readonly CaseworkStage[] = ['released', 'decided', 'awaiting-decision', 'reviewed'];

interface OpenRequest extends DemoDocumentTarget {
  officerId: string;
  formOfRelease: string | null;
}

/**
 * Adds documents to the newest open requests of each officer, then works all but the newest of each
 * officer's through review (the detector's suggestions: other people's names and phone numbers accepted
 * on s 53(b), the requester's own details rejected, staff names known to the requester and released by
 * the decision maker, C.09.04), a decision granting in part (drafted, submitted and approved, C.09.05) and
 * a verified release package handed over as a copy.
 */
export async function seedCasework(
  db: Database,
  config: Config,
  staff: { officers: Actor[]; decider: Actor },
  now: Date,
): Promise<CaseworkSummary> {
  const byStage: Record<CaseworkStage, number> = {
    reviewed: 0,
    'awaiting-decision': 0,
    decided: 0,
    released: 0,
  };
  let documents = 0;
  const toReview: CaseworkSummary['toReview'] = [];
  const staffNames = staff.officers.map((officer) => officer.name);
  for (const officer of staff.officers) {
    const open = await openRequestsOf(db, officer.id);
    documents += (await seedDemoDocuments(db, config, open, staffNames)).documents;
    if (open[0]) toReview.push({ officer: officer.name, reference: open[0].reference });
    for (const [index, request] of open.slice(1).entries()) {
      const stage = STAGES[index % STAGES.length]!;
      await workRequest(db, config, officer, staff.decider, request, stage, now);
      byStage[stage]++;
    }
  }
  return { documents, byStage, toReview };
}

async function openRequestsOf(db: Database, officerId: string): Promise<OpenRequest[]> {
  return queryRows<OpenRequest>(
    db,
    sql`select r.id as "requestId", p.name as "subjectName", p.prn as "subjectPrn", r.reference,
               p.date_of_birth::text as "subjectDateOfBirth",
               r.assigned_officer_id as "officerId", r.form_of_release as "formOfRelease"
          from requests r join persons p on p.id = r.subject_person_id
         where r.status = 'open' and r.track = 'privacy-access' and r.assigned_officer_id = ${officerId}
         order by r.received_at desc, r.reference
         limit ${DOCUMENTED_PER_OFFICER}`,
  );
}

/** Kinds of detected information that are the requester's own or routine, and so released to them. */
const RELEASED_TYPES = new Set(['date-of-birth', 'nhi', 'address', 'prn', 'email']);

async function workRequest(
  db: Database,
  config: Config,
  officer: Actor,
  decider: Actor,
  request: OpenRequest,
  stage: CaseworkStage,
  now: Date,
) {
  const documentIds = await queryRows<{ id: string }>(
    db,
    sql`select id from documents where request_id = ${request.requestId} order by added_at, id`,
  );
  for (const { id } of documentIds) {
    await suggestMarks(db, officer, id);
    for (const mark of await listDocumentMarks(db, officer, id)) {
      if (mark.status !== 'suggested' || mark.staffName) continue;
      const release =
        (mark.piiType !== null && RELEASED_TYPES.has(mark.piiType)) ||
        (mark.text ?? '').includes(request.subjectName);
      await decideMark(
        db,
        officer,
        mark.id,
        release
          ? { status: 'rejected', note: 'The requester’s own information, or known to them' }
          : { status: 'accepted', ground: mark.ground ?? 's53(b)', note: 'Another person’s information' },
      );
    }
  }
  const staffReviews = await listStaffNames(db, officer, request.requestId);
  for (const review of staffReviews) await answerStaffName(db, officer, review.id, { requesterKnows: 'yes' });
  if (stage === 'reviewed') return;

  const decision = await draftDecision(
    { db, config },
    officer,
    request.requestId,
    {
      outcome: 'granted-in-part',
      grounds: ['s53(b)'],
      reasons:
        'Other people’s names and contact details are withheld, because releasing them would be an ' +
        'unwarranted disclosure of their affairs. Everything else about you is released.',
      formOfRelease: request.formOfRelease ?? 'copy',
    },
    now,
  );
  await submitDecision({ db, config }, officer, decision.id, now);
  if (stage === 'awaiting-decision') return;

  for (const review of staffReviews)
    await determineStaffName(db, decider, review.id, {
      determination: 'release',
      reason: 'The requester already knows this staff member, who works on their unit',
    });
  await approveDecision({ db, config }, decider, decision.id, null, now);
  if (stage === 'decided') return;

  // Marks carry the wall-clock time they were decided, so the package is built after them.
  const built = await buildRelease(db, config, officer, request.requestId, new Date());
  // In prison the copy is handed to the person on their unit.
  await sendRelease(db, officer, built.id, { method: 'copy-collected' }, new Date());
}
