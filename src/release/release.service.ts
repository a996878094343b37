/**
 * Release use cases: readiness, building the verified package, sending it (or making it available),
 * the disclosure log and "what was gathered since the last release". One transaction per command,
 * the audit row in it; the heavy redaction runs between a reading transaction and the writing one,
 * which checks again that nothing changed meanwhile.
 */
import type { Actor } from '../auth/actor.ts';
import type { StaffRole } from '../auth/auth.schema.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import { listStatementsForPerson } from '../corrections/corrections.repo.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { startOcr, type AreaMark, type FindMark, type OcrEngine } from '../documents/redaction/index.ts';
import { blobStoreFor } from '../documents/storage/index.ts';
import { nzDateOf } from '../law/calendar.ts';
import { queueMail } from '../mail/mail.ts';
import { findPersonById } from '../people/people.repo.ts';
import { canSee, visibilityScope } from '../requests/requests.rules.ts';
import { loadVisibleRequest, moveRequest } from '../requests/requests.service.ts';
import type { Config } from '../server/config.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../server/errors.ts';
import { buildReleasePackage, ReleaseRefusedError, type DocumentToRelease } from './release.build.ts';
import * as repo from './release.repo.ts';
import {
  complaintBody,
  decisionInForce,
  handlingNote,
  isEmailAddress,
  pageCounts,
  planDocument,
  releaseEmailText,
  releaseReadiness,
  scheduleMatches,
  statusAfterSending,
  type ReleaseMethod,
} from './release.rules.ts';
import type { ScheduleEntry } from './release.schema.ts';

const READERS: readonly StaffRole[] = ['officer', 'decision-maker', 'manager', 'auditor'];
const SENDERS: readonly StaffRole[] = ['officer'];

function mustBe(actor: Actor, roles: readonly StaffRole[], what: string): void {
  if (!roles.includes(actor.role)) throw forbidden(`Your role (${actor.role}) cannot ${what}`);
}

/** A release as the API gives it. */
export interface ReleaseView {
  id: string;
  requestId: string;
  decisionId: string | null;
  letterId: string | null;
  pageCount: number;
  schedule: ScheduleEntry[];
  status: string;
  method: string | null;
  recipient: string | null;
  builtAt: string;
  sentAt: string | null;
  url: string;
}

function toView(row: repo.ReleaseRow): ReleaseView {
  return {
    id: row.id,
    requestId: row.requestId,
    decisionId: row.decisionId,
    letterId: row.letterId,
    pageCount: row.pageCount,
    schedule: row.schedule,
    status: row.status,
    method: row.method,
    recipient: row.recipient,
    builtAt: row.builtAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    url: `/api/releases/${row.id}/pdf`,
  };
}

type RequestRow = Awaited<ReturnType<typeof loadVisibleRequest>>;

/** Everything the release is made from, read in one transaction. */
async function gather(tx: Executor, requestRow: RequestRow) {
  const docs = await repo.documentsInScope(tx, requestRow.id);
  const ids = docs.map((d) => d.id);
  const marks = await repo.liveMarks(tx, ids);
  const staffNames = await repo.staffNameReviewsOf(tx, requestRow.id);
  const decisions = await repo.decisionsOf(tx, requestRow.id);
  const marksOf = (id: string) => marks.filter((m) => m.documentId === id);
  const documents = docs.map((d) => {
    const own = marksOf(d.id);
    return {
      row: d,
      marks: own.filter((m) => m.status === 'accepted'),
      facts: {
        id: d.id,
        title: d.title,
        pageCount: d.pageCount,
        disposition: d.disposition,
        withholdGround: d.withholdGround,
        suggestedMarks: own.filter((m) => m.status === 'suggested').length,
        acceptedGrounds: own.filter((m) => m.status === 'accepted').map((m) => m.ground),
        rejectedMarks: own.filter((m) => m.status === 'rejected').length,
      },
    };
  });
  const readiness = releaseReadiness({
    requestStatus: requestRow.status,
    decisions,
    documents: documents.map((d) => d.facts),
    staffNames,
  });
  const plans = documents.map((d) => ({ ...d, plan: planDocument(d.facts) }));
  return { plans, readiness, decision: decisionInForce(decisions), marks };
}

/** A key of everything a package is made from: equal keys, same package. */
function inputsKey(
  gathered: Awaited<ReturnType<typeof gather>>,
  statements: ReadonlyArray<{ id: string; statement: string; information: string }>,
): string {
  return JSON.stringify([
    gathered.decision?.id ?? null,
    gathered.plans.map((p) => [
      p.row.id,
      p.row.pdfSha256,
      p.row.title,
      p.row.disposition,
      p.row.withholdGround,
    ]),
    gathered.marks.map((m) => [m.id, m.status, m.text, m.startOffset, m.endOffset, m.rect, m.ground, m.page]),
    statements.map((s) => [s.id, s.information, s.statement]),
  ]);
}

const DECISION_WORDS: Record<string, string> = {
  granted: 'access granted in full',
  'granted-in-part': 'access granted in part',
  'granted-with-conditions': 'released with conditions',
};

/**
 * The release tab of a request: whether a package can be built (and why not), and its packages.
 *
 * @example await releaseOverview(db, officer, requestId) // { readiness: { ready: false, blockers: [...] }, releases: [] }
 */
export async function releaseOverview(db: Database, actor: Actor, requestId: string) {
  mustBe(actor, READERS, 'read releases');
  return inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    const { readiness } = await gather(tx, request);
    const rows = await repo.releasesOf(tx, request.id);
    await appendAuditEvent(tx, {
      action: 'release.read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'request',
      entityId: request.id,
      personId: request.subjectPersonId,
      details: { view: 'releases', releases: rows.length },
    });
    return {
      readiness: { ready: readiness.ready, blockers: readiness.blockers },
      releases: rows.map(toView),
    };
  });
}

/**
 * Builds the package: every document in scope redacted (or cleaned, or blanked), the schedule, the
 * person's statements of correction, and a verification of the whole against every withheld string.
 * Refused (conflict) when the request is not ready or anything withheld is still readable; then
 * nothing is stored.
 */
export async function buildRelease(
  db: Database,
  config: Config,
  actor: Actor,
  requestId: string,
  now = new Date(),
): Promise<ReleaseView> {
  mustBe(actor, SENDERS, 'build a release');
  const before = await inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    const gathered = await gather(tx, request);
    if (!gathered.readiness.ready)
      throw conflict(`The release cannot be built yet: ${gathered.readiness.blockers.join('; ')}`);
    const statements = await listStatementsForPerson(tx, request.subjectPersonId);
    const pages = await repo.pageTexts(
      tx,
      gathered.plans.map((p) => p.row.id),
    );
    return { request, gathered, statements, pages, key: inputsKey(gathered, statements) };
  });

  const { request, gathered, statements, pages } = before;
  const store = blobStoreFor(config);
  const unusable: string[] = [];
  const documents: DocumentToRelease[] = [];
  for (const p of gathered.plans) {
    const pageText = (page: number) => pages.find((x) => x.documentId === p.row.id && x.page === page)?.text;
    const find: FindMark[] = [];
    const areas: AreaMark[] = [];
    for (const mark of p.marks) {
      const ground = mark.ground ?? undefined;
      if (mark.kind === 'area') {
        if (mark.rect) areas.push({ page: mark.page, rect: mark.rect, ...(ground ? { ground } : {}) });
        else unusable.push(`an area mark on page ${mark.page} of “${p.row.title}” has no rectangle`);
        continue;
      }
      const text = mark.text?.trim()
        ? mark.text
        : textAt(pageText(mark.page), mark.startOffset, mark.endOffset);
      if (text?.trim()) find.push({ text, ...(ground ? { ground } : {}) });
      else unusable.push(`a text mark on page ${mark.page} of “${p.row.title}” has no text to find`);
    }
    documents.push({
      documentId: p.row.id,
      title: p.row.title,
      pageCount: p.row.pageCount,
      pdf: await store.get(p.row.pdfSha256),
      plan: p.plan,
      find,
      areas,
      ocrPages: pages.filter((x) => x.documentId === p.row.id && x.ocr),
    });
  }
  if (unusable.length > 0) throw conflict(`The release cannot be built: ${unusable.join('; ')}`);

  // Scanned pages to redact: one OCR engine for the whole package rather than one per document.
  const needsOcr = documents.some((d) => d.plan.treatment === 'redact' && d.ocrPages.length > 0);
  let ocrEngine: OcrEngine | undefined;
  let built;
  try {
    if (needsOcr) ocrEngine = await startOcr();
    built = await buildReleasePackage({
      reference: request.reference,
      date: nzDateOf(now),
      decision: DECISION_WORDS[gathered.decision?.outcome ?? ''] ?? gathered.decision?.outcome ?? '',
      defaultGround: gathered.plans.flatMap((p) => p.plan.grounds)[0] ?? 's53(b)',
      documents,
      statements: statements.map((s) => ({
        providedOn: nzDateOf(s.recordedAt),
        information: s.information,
        statement: s.statement,
      })),
      ...(ocrEngine ? { ocrEngine } : {}),
    });
  } catch (error) {
    if (error instanceof ReleaseRefusedError) throw conflict(error.message);
    throw error;
  } finally {
    await ocrEngine?.close();
  }

  return inTransaction(db, async (tx) => {
    const locked = await loadVisibleRequest(tx, actor, requestId, true);
    const again = await gather(tx, locked);
    if (!again.readiness.ready)
      throw conflict(`The release cannot be built yet: ${again.readiness.blockers.join('; ')}`);
    const statementsNow = await listStatementsForPerson(tx, locked.subjectPersonId);
    if (inputsKey(again, statementsNow) !== before.key)
      throw conflict(
        'The documents, marks or statements changed while the package was being built; build it again',
      );
    const packageSha256 = await store.put(built.pdf);
    const letter = await repo.latestDecisionLetter(tx, locked.id);
    const row = await repo.insertRelease(tx, {
      requestId: locked.id,
      decisionId: again.readiness.decisionId,
      letterId: letter?.id ?? null,
      packageSha256,
      pageCount: built.pageCount,
      schedule: built.schedule,
      status: 'built',
      builtBy: actor.id,
      builtAt: now,
    });
    await appendAuditEvent(tx, {
      action: 'release.built',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'release',
      entityId: row.id,
      personId: locked.subjectPersonId,
      details: {
        requestId: locked.id,
        pageCount: built.pageCount,
        documents: built.schedule.length,
        statements: statementsNow.length,
        withheldStrings: built.withheld.length,
        sha256: packageSha256,
      },
    });
    return toView(row);
  });
}

/** The code-point slice [start, end) of a page's text. */
function textAt(text: string | undefined, start: number | null, end: number | null): string | undefined {
  if (text === undefined || start === null || end === null || end <= start) return undefined;
  return [...text].slice(start, end).join('');
}

/** The release and its request, if the actor may see the request. */
async function visibleRelease(tx: Executor, actor: Actor, releaseId: string, forUpdate: boolean) {
  const release = await repo.findRelease(tx, releaseId, forUpdate);
  if (!release) throw notFound('Release');
  try {
    const request = await loadVisibleRequest(tx, actor, release.requestId, forUpdate);
    return { release, request };
  } catch (error) {
    // Not yours looks the same as not there, and names the release, not its request.
    if (error instanceof AppError && error.code === 'not-found') throw notFound('Release');
    throw error;
  }
}

/** The package PDF, for download; the read is audited. */
export async function releasePdf(
  db: Database,
  config: Config,
  actor: Actor,
  releaseId: string,
): Promise<{ pdf: Uint8Array; filename: string }> {
  mustBe(actor, READERS, 'read releases');
  const found = await inTransaction(db, async (tx) => {
    const { release, request } = await visibleRelease(tx, actor, releaseId, false);
    await appendAuditEvent(tx, {
      action: 'release.read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'release',
      entityId: release.id,
      personId: request.subjectPersonId,
      details: { view: 'pdf', requestId: request.id },
    });
    return { sha256: release.packageSha256, filename: `release-${request.reference}.pdf` };
  });
  return { pdf: await blobStoreFor(config).get(found.sha256), filename: found.filename };
}

export interface SendInput {
  method: ReleaseMethod;
  recipient?: string | undefined;
}

/**
 * Sends the package (e-mail with the package and the decision letter attached, or post) or records
 * that it was made available (inspection, supervised viewing, a copy collected). In the same
 * transaction: the disclosure log (one row per document), the request moved to released, the audit
 * row. A release is sent once.
 */
export async function sendRelease(
  db: Database,
  actor: Actor,
  releaseId: string,
  input: SendInput,
  now = new Date(),
): Promise<ReleaseView> {
  mustBe(actor, SENDERS, 'send a release');
  return inTransaction(db, async (tx) => {
    const { release, request } = await visibleRelease(tx, actor, releaseId, true);
    if (release.status !== 'built')
      throw conflict(
        `This release was already ${release.status === 'sent' ? 'sent' : 'made available'}${release.sentAt ? ` on ${nzDateOf(release.sentAt)}` : ''}; a release is sent once`,
      );
    const newest = (await repo.releasesOf(tx, request.id))[0];
    if (newest && newest.id !== release.id)
      throw conflict('A newer package was built for this request; send that one');
    const gathered = await gather(tx, request);
    if (!gathered.readiness.ready)
      throw conflict(`The release cannot be sent: ${gathered.readiness.blockers.join('; ')}`);
    const current = gathered.plans.map((p) => ({
      documentId: p.row.id,
      outcome: p.plan.outcome,
      grounds: p.plan.grounds,
      pages: p.row.pageCount,
    }));
    const lastChange = await repo.lastMarkChange(
      tx,
      gathered.plans.map((p) => p.row.id),
    );
    if (!scheduleMatches(release.schedule, current) || (lastChange && lastChange > release.builtAt))
      throw conflict(
        'The documents or marks changed after this package was built; build it again before sending',
      );

    const recipient = recipientFor(input, request);
    const letter = await repo.latestDecisionLetter(tx, request.id);
    if (input.method === 'email') {
      const statements = await listStatementsForPerson(tx, request.subjectPersonId);
      await queueMail(tx, {
        to: recipient,
        subject: `Your request ${request.reference}: the information released to you`,
        text: releaseEmailText({
          reference: request.reference,
          name: request.requesterName ?? request.subjectName,
          pageCount: release.pageCount,
          letter: !!letter,
          track: request.track,
          statements: statements.length,
        }),
        attachments: [
          {
            filename: `release-${request.reference}.pdf`,
            sha256: release.packageSha256,
            contentType: 'application/pdf',
          },
          ...(letter
            ? [
                {
                  filename: `decision-${request.reference}.pdf`,
                  sha256: letter.sha256,
                  contentType: 'application/pdf',
                },
              ]
            : []),
        ],
      });
    }
    const updated = await repo.markReleaseSent(tx, release.id, {
      status: statusAfterSending(input.method),
      method: input.method,
      recipient,
      sentBy: actor.id,
      sentAt: now,
      letterId: letter?.id ?? release.letterId,
    });
    await repo.insertDisclosures(
      tx,
      release.schedule.map((entry) => ({
        releaseId: release.id,
        requestId: request.id,
        personId: request.subjectPersonId,
        documentId: entry.documentId,
        title: entry.title,
        outcome: entry.outcome,
        ...pageCounts(entry),
        grounds: entry.grounds,
        recipient,
        method: input.method,
        disclosedAt: now,
      })),
    );
    await moveRequest(tx, actor, request.id, { type: 'release' }, now);
    await appendAuditEvent(tx, {
      action: 'release.sent',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'release',
      entityId: release.id,
      personId: request.subjectPersonId,
      details: {
        requestId: request.id,
        method: input.method,
        recipient,
        pageCount: release.pageCount,
        letterId: letter?.id ?? null,
        handling: handlingNote(input.method),
        complaintsTo: complaintBody(request.track),
      },
    });
    return toView(updated);
  });
}

/** Who the release goes to: given, or the requester's contact (an e-mail address for e-mail). */
function recipientFor(input: SendInput, request: RequestRow): string {
  const given = input.recipient?.trim();
  switch (input.method) {
    case 'email': {
      const to =
        given ?? (isEmailAddress(request.requesterContact) ? request.requesterContact.trim() : undefined);
      if (!to)
        throw invalid([
          {
            path: 'recipient',
            message: 'Give the e-mail address to send the release to (the requester has none on record)',
          },
        ]);
      if (!isEmailAddress(to)) throw invalid([{ path: 'recipient', message: 'Must be an e-mail address' }]);
      return to;
    }
    case 'post': {
      const to = given ?? request.requesterContact?.trim();
      if (!to)
        throw invalid([
          { path: 'recipient', message: 'Give the postal address the printed copy is sent to' },
        ]);
      return to;
    }
    case 'inspection':
    case 'supervised-viewing':
    case 'copy-collected':
      return given ?? request.requesterName ?? request.subjectName;
  }
}

export interface DisclosureEntry {
  id: string;
  releaseId: string;
  requestId: string;
  reference: string;
  documentId: string | null;
  title: string;
  outcome: string;
  pagesReleased: number;
  pagesWithheld: number;
  grounds: string[];
  recipient: string;
  method: string;
  disclosedAt: string;
}

function toEntry(row: Awaited<ReturnType<typeof repo.disclosuresOfRequest>>[number]): DisclosureEntry {
  return { ...row, disclosedAt: row.disclosedAt.toISOString() };
}

/** The disclosure log of one request. */
export async function requestDisclosures(db: Database, actor: Actor, requestId: string) {
  mustBe(actor, READERS, 'read the disclosure log');
  return inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    const rows = await repo.disclosuresOfRequest(tx, request.id);
    await appendAuditEvent(tx, {
      action: 'disclosure-log.read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'request',
      entityId: request.id,
      personId: request.subjectPersonId,
      details: { view: 'request', entries: rows.length },
    });
    return { entries: rows.map(toEntry) };
  });
}

/**
 * The disclosure log of a person across their requests: for managers and auditors, and for staff who
 * can see at least one of the person's requests (e.g. the officer handling a repeat request).
 */
export async function personDisclosures(db: Database, actor: Actor, personId: string) {
  mustBe(actor, READERS, 'read the disclosure log');
  return inTransaction(db, async (tx) => {
    const person = await findPersonById(tx, personId);
    if (!person) throw notFound('Person');
    const scope = visibilityScope(actor);
    const requests = await repo.requestsAboutPerson(tx, personId);
    if (scope.kind !== 'all' && !requests.some((r) => canSee(scope, r))) throw notFound('Person');
    const rows = await repo.disclosuresOfPerson(tx, personId);
    await appendAuditEvent(tx, {
      action: 'disclosure-log.read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'person',
      entityId: personId,
      personId,
      details: { view: 'person', entries: rows.length },
    });
    return { entries: rows.map(toEntry) };
  });
}

/**
 * For a repeat request (s 56 note in DESIGN): the person's last release that reached them, across
 * their requests (a package here, or a release recorded by the earlier case system: the same date the request
 * page shows), and the documents of their requests gathered after it (all of them when there was none).
 */
export async function sinceLastRelease(db: Database, actor: Actor, requestId: string) {
  mustBe(actor, READERS, 'read the disclosure log');
  return inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    const last = await repo.lastReleaseToPerson(tx, request.subjectPersonId);
    const docs = await repo.documentsGatheredAfter(tx, request.subjectPersonId, last?.sentAt ?? null);
    await appendAuditEvent(tx, {
      action: 'disclosure-log.read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'request',
      entityId: request.id,
      personId: request.subjectPersonId,
      details: { view: 'since-last-release', lastReleaseId: last?.releaseId ?? null, documents: docs.length },
    });
    return {
      lastRelease: last
        ? { releaseId: last.releaseId, reference: last.reference, sentAt: last.sentAt.toISOString() }
        : null,
      documents: docs.map((d) => ({ ...d, gatheredAt: d.gatheredAt.toISOString() })),
    };
  });
}
