import { createHash, randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import { readThrottle, writeThrottle } from '../auth/auth.repo.ts';
import { afterFailure, isLocked } from '../auth/throttle.rules.ts';
import type { Database } from '../db/client.ts';
import { inTransaction } from '../db/tx.ts';
import { queueMail } from '../mail/mail.ts';
import { findPersonById } from '../people/people.repo.ts';
import { AppError, invalid } from '../server/errors.ts';
import { findRequestByReference, listTimeline } from './requests.repo.ts';
import { requestAttachments, requests } from './requests.schema.ts';
import { sniffAuthorityType, statusInWords, type RequestKind } from './requests.rules.ts';
import { createRequest } from './requests.service.ts';

// Letters and digits that cannot be mistaken for one another when read aloud or typed.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newVerificationCode = () =>
  Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const hashCode = (code: string) =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .digest('hex');

const TRACK_POLICY = { maxFailures: 10, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };

/** A person at the kiosk asks for, or to correct, their own information; the clock starts now. */
export async function createKioskRequest(
  db: Database,
  input: { name: string; prn: string; kind: 'access' | 'correction'; description: string },
  address: string | null,
) {
  const created = await createRequest(
    db,
    { kind: 'kiosk', address },
    {
      kind: input.kind,
      channel: 'kiosk',
      receivedAt: new Date(),
      subject: { name: input.name, prn: input.prn },
      requester: { name: input.name, relationship: 'self' },
      description: input.description,
    },
  );
  return { reference: created.reference, decisionDueDate: created.decisionDueDate };
}

/** The kiosk's "check my request": only with the reference and the matching PRN; shows status and due date. */
export async function kioskLookup(
  db: Database,
  input: { reference: string; prn: string },
  address: string | null,
) {
  return inTransaction(db, async (tx) => {
    await refuseWhenGuessing(tx, `kiosk:${address ?? 'unknown'}`);
    const row = await findRequestByReference(tx, input.reference.trim().toUpperCase());
    const person = row ? await findPersonById(tx, row.subjectPersonId) : undefined;
    if (!row || !person?.prn || person.prn !== input.prn.trim()) {
      await countFailure(tx, `kiosk:${address ?? 'unknown'}`);
      return null;
    }
    await appendAuditEvent(tx, {
      action: 'request.read',
      actorRole: 'kiosk',
      address,
      entityType: 'request',
      entityId: row.id,
      personId: row.subjectPersonId,
      details: { via: 'kiosk-lookup' },
    });
    return {
      reference: row.reference,
      status: row.status,
      statusText: statusInWords(row.status),
      decisionDueDate: row.decisionDueDate,
    };
  });
}

export interface PublicRequestInput {
  aboutWhom: 'self' | 'someone-else';
  subject: { name: string; dateOfBirth?: string | undefined };
  requester: { name: string; email: string; phone?: string | undefined; relationship: 'self' | 'agent' };
  authorityDocument?: { filename: string; contentBase64: string } | undefined;
  kind: Extract<RequestKind, 'access' | 'correction'>;
  description: string;
  formOfRelease: string;
}

/**
 * A request from the public pages. An agent's uploaded written authority counts as authority given (C.09.02.2)
 * for an officer to check at triage; without it the request is routed to the OIA track. The requester is e-mailed
 * a verification code for tracking; only its hash is kept.
 */
export async function createPublicRequest(
  db: Database,
  input: PublicRequestInput,
  address: string | null,
  limit: { perHour: number } = { perHour: 20 },
) {
  await countPublicRequest(db, address, limit.perHour);
  if (input.aboutWhom === 'someone-else' && input.requester.relationship === 'self') {
    throw invalid([
      {
        path: 'requester.relationship',
        message: 'You said the information is about someone else: choose agent',
      },
    ]);
  }
  let document: { bytes: Buffer; contentType: string; filename: string } | null = null;
  if (input.authorityDocument) {
    const bytes = Buffer.from(input.authorityDocument.contentBase64, 'base64');
    const contentType = sniffAuthorityType(bytes);
    if (!contentType)
      throw invalid([
        {
          path: 'authorityDocument.contentBase64',
          message: 'Upload the authority as a PDF, PNG or JPEG file',
        },
      ]);
    document = { bytes, contentType, filename: input.authorityDocument.filename };
  }
  const code = newVerificationCode();
  const created = await createRequest(
    db,
    { kind: 'public', address },
    {
      kind: input.kind,
      channel: 'web',
      receivedAt: new Date(),
      subject: {
        name: input.subject.name,
        dateOfBirth: input.subject.dateOfBirth,
        contact: input.requester.email,
      },
      requester: {
        name: input.requester.name,
        relationship: input.requester.relationship,
        authorityConfirmed: input.requester.relationship === 'agent' ? document !== null : undefined,
        authorityMethod: document ? 'document' : undefined,
        contact: [input.requester.email, input.requester.phone].filter(Boolean).join(', '),
      },
      description: input.description,
      formOfRelease: input.formOfRelease,
    },
    new Date(),
    async (tx, request) => {
      await tx
        .update(requests)
        .set({ verificationCodeHash: hashCode(code) })
        .where(eq(requests.id, request.id));
      if (document) {
        await tx.insert(requestAttachments).values({
          requestId: request.id,
          purpose: 'agent-authority',
          filename: document.filename,
          contentType: document.contentType,
          sha256: createHash('sha256').update(document.bytes).digest('hex'),
          content: document.bytes,
        });
      }
      await queueMail(tx, {
        to: input.requester.email,
        subject: `Your request ${request.reference}`,
        text:
          `Kia ora ${input.requester.name},\n\nWe have your request. Your reference is ${request.reference}.\n` +
          `We will answer by ${request.decisionDueDate}. There is no charge.\n\n` +
          `To check progress, go to the request pages, choose "Track a request" and enter your reference and this code: ${code}\n\n` +
          `Privacy office`,
      });
    },
  );
  return { reference: created.reference, decisionDueDate: created.decisionDueDate };
}

/** Tracking for the requester: status, due date and the steps that concern them, with reference and code. */
export async function trackPublicRequest(
  db: Database,
  input: { reference: string; code: string },
  address: string | null,
) {
  return inTransaction(db, async (tx) => {
    await refuseWhenGuessing(tx, `track:${address ?? 'unknown'}`);
    const [row] = await tx
      .select()
      .from(requests)
      .where(and(eq(requests.reference, input.reference.trim().toUpperCase())));
    if (!row?.verificationCodeHash || row.verificationCodeHash !== hashCode(input.code)) {
      await countFailure(tx, `track:${address ?? 'unknown'}`);
      return null;
    }
    const steps = (await listTimeline(tx, row.id)).filter((step) => step.visibleToRequester);
    await appendAuditEvent(tx, {
      action: 'request.read',
      actorRole: 'public',
      address,
      entityType: 'request',
      entityId: row.id,
      personId: row.subjectPersonId,
      details: { via: 'public-track' },
    });
    return {
      reference: row.reference,
      status: row.status,
      statusText: statusInWords(row.status),
      decisionDueDate: row.decisionDueDate,
      steps: steps.map((step) => ({ at: step.at.toISOString(), text: publicStepText(step.type) })),
    };
  });
}

function publicStepText(type: string): string {
  const words: Record<string, string> = {
    received: 'We received your request.',
    triage: 'A privacy officer looked at your request.',
    'ask-clarification': 'We asked you a question about your request.',
    'clarification-answered': 'We received your answer.',
    'set-urgency': 'We considered whether your request is urgent.',
    extend: 'We extended the time to answer, and wrote to you to say why.',
    transfer: 'We sent your request to another agency.',
    'route-to-oia': 'Your request is being handled under the Official Information Act.',
    withdraw: 'Your request was withdrawn.',
    decide: 'A decision was made.',
    release: 'The information was released to you.',
    close: 'Your request was closed.',
    'escalate-untriaged': 'Your request is now handled as a complaint.',
  };
  return words[type] ?? 'Your request moved on.';
}

/**
 * Counts a public request against its address and refuses once the hour's allowance is used, so the request pages
 * cannot be used to flood the register (each request starts a statutory clock and lands in the triage queue).
 */
async function countPublicRequest(db: Database, address: string | null, perHour: number) {
  const key = `public-request:${address ?? 'unknown'}`;
  const policy = { maxFailures: perHour + 1, windowMs: 60 * 60_000, lockoutMs: 60 * 60_000 };
  // The count is committed before refusing, so the refusal that locks the address is itself remembered.
  const allowed = await inTransaction(db, async (tx) => {
    const now = new Date();
    const state = await readThrottle(tx, key);
    if (isLocked(state, now)) return false;
    const next = afterFailure(state, now, policy);
    await writeThrottle(tx, {
      key,
      failures: next.failures,
      windowStartedAt: next.windowStartedAt,
      lockedUntil: next.lockedUntil,
    });
    return !next.justLocked;
  });
  if (!allowed) {
    throw new AppError(
      'rate-limited',
      'Too many requests have been sent from this connection in the last hour. Wait an hour and try again, or phone or write to the privacy office.',
    );
  }
}

async function refuseWhenGuessing(tx: Parameters<typeof readThrottle>[0], key: string) {
  if (isLocked(await readThrottle(tx, key), new Date())) {
    throw new AppError(
      'rate-limited',
      'Too many tries. Wait 15 minutes and try again, or ask staff for help.',
    );
  }
}

async function countFailure(tx: Parameters<typeof readThrottle>[0], key: string) {
  const next = afterFailure(await readThrottle(tx, key), new Date(), TRACK_POLICY);
  await writeThrottle(tx, {
    key,
    failures: next.failures,
    windowStartedAt: next.windowStartedAt,
    lockedUntil: next.lockedUntil,
  });
}
