// Shapes of the API answers the app reads (docs/requests-api.md; /api/openapi.json is the exact reference).

export const staffRoles = ['intake', 'officer', 'decision-maker', 'manager', 'auditor', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface SessionUser {
  id: string;
  name: string;
  role: StaffRole;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  team: string | null;
  site: string | null;
  disabled: boolean;
}

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  team: string | null;
  site: string | null;
}

export type Kind = 'access' | 'correction' | 'official-information';
export type Channel = 'kiosk' | 'web' | 'paper' | 'oral' | 'email' | 'post';
export type Track = 'privacy-access' | 'privacy-correction' | 'official-information' | 'complaint';
export type DueState = 'on-track' | 'due-soon' | 'overdue' | 'closed';
export type FormOfRelease =
  'copy' | 'inspect' | 'summary' | 'oral' | 'transcript' | 'excerpt' | 'recording-viewing';

export interface RequestSummary {
  id: string;
  reference: string;
  status: string;
  track: Track | null;
  /** What the intake screen suggests before triage (e.g. OIA when someone asks about others). */
  proposedTrack?: string | null;
  kind: Kind;
  channel: Channel;
  subjectName: string;
  subjectPrn?: string | null;
  site: string | null;
  officer: { id: string; name: string } | null;
  receivedAt: string;
  triageDueAt: string | null;
  decisionDueDate: string | null;
  workingDaysLeft: number | null;
  dueState: DueState;
  urgent: boolean;
}

export interface RequestList {
  items: RequestSummary[];
  nextCursor: string | null;
}

export interface SkippedDay {
  date: string;
  reason: string;
}

export interface DueExplanation {
  received: string;
  /** The first day counted (the working day after receipt). */
  from?: string;
  /** The rule in words, with its section. */
  rule?: string;
  workingDays: number;
  due: string;
  skipped: SkippedDay[];
}

export interface TimelineEntry {
  at: string;
  actor: { id: string; name: string } | null;
  type: string;
  summary: string;
}

/** Loosely typed parts the lead's service may still shape: the page shows what is there. */
export interface RequestDetail extends RequestSummary {
  description: string;
  requester: {
    name: string | null;
    relationship: string | null;
    authorityConfirmed: boolean;
    authorityMethod: string | null;
    contact: string | null;
  } | null;
  subject: {
    id: string;
    name: string;
    prn: string | null;
    dateOfBirth: string | null;
    site: string | null;
    unit: string | null;
  };
  extension: {
    ground: string;
    newDueDate: string;
    noticeDate: string;
    workingDays: number;
    reason: string;
  } | null;
  transfer: { agency: string; noticeDate: string; reason: string } | null;
  clarification: {
    question: string;
    askedAt: string;
    answer: string | null;
    answeredAt: string | null;
  } | null;
  urgency: {
    requested: boolean;
    reason: string | null;
    decision: string | null;
    decisionReason: string | null;
  } | null;
  routingReason?: string | null;
  transferDueDate?: string;
  originalDueDate?: string;
  decisionOutcome?: string | null;
  assistance: string | null;
  formOfRelease: FormOfRelease | null;
  escalatedToComplaint: boolean;
  dueExplanation: DueExplanation | null;
  allowedActions: string[];
  /** Steps with their own page the caller may take now (src/requests/requests.rules.ts caseSteps). */
  caseSteps: Array<'draft-decision' | 'approve-decision' | 'release'>;
  earlierRequests: Array<{ id: string; reference: string; receivedAt: string; status: string }>;
  lastReleaseDate: string | null;
  timeline: TimelineEntry[];
}

export interface CreatedRequest {
  id: string;
  reference: string;
  status: string;
  kind: Kind;
  receivedAt: string;
  triageDueAt: string | null;
  decisionDueDate: string | null;
  transferDueDate: string | null;
}

export interface KioskCreated {
  reference: string;
  decisionDueDate: string;
}

export interface KioskLookup {
  items: Array<{ reference: string; status: string; decisionDueDate: string; statusText: string }>;
}

export interface PublicCreated {
  reference: string;
  decisionDueDate: string;
}

export interface TrackAnswer {
  reference: string;
  status: string;
  statusText: string;
  decisionDueDate: string;
  steps: Array<{ at: string; text: string }>;
}
