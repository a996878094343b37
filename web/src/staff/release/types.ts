// Shapes of the decision, letter, release, disclosure-log and correction answers (/tmp api contract for
// issue #6; /api/openapi.json is the exact reference once the routes land).

export interface PersonRef {
  id: string;
  name: string;
}

export type DecisionStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'superseded';

export interface CorrectionDetails {
  information: string;
  correctionSought: string;
  correctionMade: string | null;
}

export interface Decision {
  id: string;
  requestId: string;
  outcome: string;
  grounds: string[];
  groundLabels: Array<{ code: string; label: string; citation: string }>;
  reasons: string;
  withholdReasons: boolean;
  formOfRelease: string | null;
  formAsked: string | null;
  formDiffersReason: string | null;
  conditions: string | null;
  correction: CorrectionDetails | null;
  status: DecisionStatus;
  needsApproval: boolean;
  draftedBy: PersonRef | null;
  draftedAt: string;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  approvalNote: string | null;
}

export type LetterKind = 'decision' | 'extension' | 'transfer' | 'correction';

export interface Letter {
  id: string;
  requestId: string;
  kind: LetterKind;
  decisionId: string | null;
  createdAt: string;
  url: string;
  body: string;
}

export interface DecisionAnswer {
  decision: Decision | null;
  history: Decision[];
  letters: Letter[];
  suggestedGrounds: string[];
}

export type ScheduleOutcome = 'released' | 'withheld-in-part' | 'withheld';

export interface ScheduleEntry {
  documentId: string;
  title: string;
  fromPage: number;
  toPage: number;
  pages: number;
  outcome: ScheduleOutcome;
  grounds: string[];
}

export interface Release {
  id: string;
  requestId: string;
  decisionId: string | null;
  letterId: string | null;
  pageCount: number;
  schedule: ScheduleEntry[];
  status: 'built' | 'sent' | 'made-available';
  method: string | null;
  recipient: string | null;
  builtAt: string;
  sentAt: string | null;
  url: string;
}

export interface ReleaseAnswer {
  readiness: { ready: boolean; blockers: string[] };
  releases: Release[];
}

export interface DisclosureEntry {
  id: string;
  releaseId: string;
  requestId: string;
  reference: string;
  documentId: string | null;
  title: string;
  outcome: ScheduleOutcome;
  pagesReleased: number;
  pagesWithheld: number;
  grounds: string[];
  recipient: string;
  method: string;
  disclosedAt: string;
}

export interface SinceLastRelease {
  lastRelease: { releaseId: string; reference: string; sentAt: string } | null;
  documents: Array<{
    documentId: string;
    requestId: string;
    reference: string;
    title: string;
    gatheredAt: string;
  }>;
}

export interface CorrectionRecipient {
  recipient: string;
  disclosedAt: string;
  notifiedAt: string | null;
  /** The name of the staff member who recorded it. */
  notifiedBy: string | null;
}

export interface CorrectionStatement {
  id: string;
  personId: string;
  requestId: string;
  reference: string;
  information: string;
  statement: string;
  recipients: CorrectionRecipient[];
  recordedAt: string;
  recordedBy: PersonRef | null;
}
