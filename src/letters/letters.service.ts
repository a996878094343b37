/**
 * Produces a letter inside the caller's transaction: the template rendered with the notice's statements,
 * laid out as a PDF with the font embedded, the bytes kept in the content-addressed store, a `letters` row
 * with the text as rendered, and the audit row.
 */
import type { Actor } from '../auth/actor.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import type { Executor } from '../db/tx.ts';
import {
  insertLetter,
  reviewedDocuments,
  type DecisionRow,
  type LetterRow,
} from '../decisions/decisions.repo.ts';
import { blobStoreFor } from '../documents/storage/index.ts';
import { nzDateOf } from '../law/calendar.ts';
import type { DecisionOutcome } from '../law/lifecycle.ts';
import type { RequestRow } from '../requests/requests.repo.ts';
import type { Config } from '../server/config.ts';
import { conflict } from '../server/errors.ts';
import { letterPdf } from './letter-pdf.ts';
import { plainLetterText, renderLetterText, type LetterKind } from './letter-text.ts';
import {
  correctionLetterView,
  decisionLetterView,
  extensionLetterView,
  signerTitle,
  transferLetterView,
  type LetterHead,
} from './letter-views.ts';

export interface LetterOrder {
  request: RequestRow;
  kind: LetterKind;
  /** The approved decision, for a decision or correction letter. */
  decision: DecisionRow | null;
  actor: Actor;
  /** Who signs: the decision maker who approved, or the officer who finalised or sent the notice. */
  signer: { name: string; role: string };
  now: Date;
}

const TITLES: Record<LetterKind, string> = {
  decision: 'Decision letter',
  extension: 'Extension notice',
  transfer: 'Transfer notice',
  correction: 'Correction decision letter',
};

async function renderView(
  tx: Executor,
  agency: string,
  order: LetterOrder,
): Promise<{ date: string; view: object }> {
  const { request, kind, decision, now } = order;
  const track = request.track;
  if (track !== 'privacy-access' && track !== 'official-information' && track !== 'privacy-correction') {
    throw conflict(
      'Letters are written only for requests on the Privacy Act or Official Information Act tracks',
    );
  }
  const head = (date: string): LetterHead => ({
    agency,
    reference: request.reference,
    date,
    requesterName: request.requesterName ?? request.subjectName,
    subjectName: request.subjectName,
    contact: request.requesterContact,
    receivedDate: request.receivedDate,
    description: request.description,
    signerName: order.signer.name,
    signerTitle: signerTitle(order.signer.role),
  });
  switch (kind) {
    case 'decision': {
      if (!decision || track === 'privacy-correction') {
        throw conflict('A decision letter needs an approved decision on an access request');
      }
      const date = nzDateOf(decision.approvedAt ?? now);
      const documents = await reviewedDocuments(tx, request.id);
      return {
        date,
        view: decisionLetterView(head(date), {
          track,
          outcome: decision.outcome as DecisionOutcome,
          grounds: decision.grounds,
          reasons: decision.reasons,
          withholdReasons: decision.withholdReasons,
          formOfRelease: decision.formOfRelease,
          formAsked: request.formOfRelease,
          formDiffersReason: decision.formDiffersReason,
          conditions: decision.conditions,
          documents,
        }),
      };
    }
    case 'correction': {
      if (!decision?.correction || track !== 'privacy-correction') {
        throw conflict('A correction decision letter needs an approved decision on a correction request');
      }
      const date = nzDateOf(decision.approvedAt ?? now);
      return {
        date,
        view: correctionLetterView(head(date), {
          outcome: decision.outcome as DecisionOutcome,
          ...decision.correction,
          reasons: decision.reasons,
          withholdReasons: decision.withholdReasons,
        }),
      };
    }
    case 'extension': {
      const extension = request.extension;
      if (!extension)
        throw conflict(
          'The time limit on this request has not been extended, so there is no extension notice',
        );
      return {
        date: extension.noticeDate,
        view: extensionLetterView(head(extension.noticeDate), {
          track,
          originalDueDate: request.originalDueDate,
          newDueDate: extension.newDueDate,
          workingDays: extension.workingDays,
          ground: extension.ground,
          reason: extension.reason,
          noticeDate: extension.noticeDate,
        }),
      };
    }
    case 'transfer': {
      const transfer = request.transfer;
      if (!transfer) throw conflict('This request has not been transferred, so there is no transfer notice');
      return {
        date: transfer.noticeDate,
        view: transferLetterView(head(transfer.noticeDate), {
          track,
          agency: transfer.agency,
          reason: transfer.reason,
          noticeDate: transfer.noticeDate,
          receivedDate: request.receivedDate,
        }),
      };
    }
  }
}

/** Writes the letter (PDF stored, row inserted, audited) and returns its row. */
export async function produceLetter(tx: Executor, config: Config, order: LetterOrder): Promise<LetterRow> {
  const { view } = await renderView(tx, config.TIAKI_AGENCY_NAME, order);
  const marked = renderLetterText(order.kind, view);
  const pdf = await letterPdf(`${TITLES[order.kind]} ${order.request.reference}`, marked);
  const sha256 = await blobStoreFor(config).put(pdf);
  const letter = await insertLetter(tx, {
    requestId: order.request.id,
    kind: order.kind,
    decisionId: order.decision?.id ?? null,
    sha256,
    body: plainLetterText(marked),
    createdBy: order.actor.id,
    createdAt: order.now,
  });
  await appendAuditEvent(tx, {
    action: 'letter.created',
    actorId: order.actor.id,
    actorRole: order.actor.role,
    address: order.actor.address,
    entityType: 'letter',
    entityId: letter.id,
    personId: order.request.subjectPersonId,
    details: { kind: order.kind, requestId: order.request.id, decisionId: order.decision?.id ?? null },
  });
  return letter;
}

/** The stored PDF of a letter. */
export function letterBytes(config: Config, letter: LetterRow): Promise<Uint8Array> {
  return blobStoreFor(config).get(letter.sha256);
}

/** The file name a letter downloads as. */
export function letterFilename(kind: string, reference: string): string {
  return `${kind}-letter-${reference}.pdf`;
}
