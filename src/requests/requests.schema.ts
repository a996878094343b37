import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns.ts';
import { persons } from '../people/people.schema.ts';
import { users } from '../auth/auth.schema.ts';

export const requestReferenceSeq = pgSequence('request_reference_seq', { startWith: 1 });

export interface ExtensionRecord {
  ground: 'large-quantity' | 'consultations';
  newDueDate: string;
  noticeDate: string;
  workingDays: number;
  reason: string;
}

export interface TransferRecord {
  agency: string;
  noticeDate: string;
  reason: string;
}

export interface ClarificationRecord {
  question: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

/** The request register: one row per request, its clocks as NZ calendar dates, its state. */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    track: text('track'),
    status: text('status').notNull(),
    subjectPersonId: uuid('subject_person_id')
      .notNull()
      .references(() => persons.id),
    subjectName: text('subject_name').notNull(),
    requesterName: text('requester_name'),
    requesterRelationship: text('requester_relationship'),
    requesterContact: text('requester_contact'),
    authorityMethod: text('authority_method'),
    authorityConfirmed: boolean('authority_confirmed').notNull().default(false),
    aboutOtherPeople: boolean('about_other_people').notNull().default(false),
    routingReason: text('routing_reason'),
    description: text('description').notNull(),
    formOfRelease: text('form_of_release'),
    assistance: text('assistance'),
    urgentRequested: boolean('urgent_requested').notNull().default(false),
    urgencyReason: text('urgency_reason'),
    urgencyDecision: text('urgency_decision'),
    urgencyDecisionReason: text('urgency_decision_reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    receivedDate: date('received_date', { mode: 'string' }).notNull(),
    triageDueAt: timestamp('triage_due_at', { withTimezone: true }).notNull(),
    originalDueDate: date('original_due_date', { mode: 'string' }).notNull(),
    decisionDueDate: date('decision_due_date', { mode: 'string' }).notNull(),
    transferDueDate: date('transfer_due_date', { mode: 'string' }).notNull(),
    extension: jsonb('extension').$type<ExtensionRecord>(),
    extensionCount: integer('extension_count').notNull().default(0),
    transfer: jsonb('transfer').$type<TransferRecord>(),
    clarification: jsonb('clarification').$type<ClarificationRecord>(),
    assignedOfficerId: uuid('assigned_officer_id').references(() => users.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    site: text('site'),
    escalatedToComplaintAt: timestamp('escalated_to_complaint_at', { withTimezone: true }),
    decisionOutcome: text('decision_outcome'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** SHA-256 of the verification code given to a public requester for tracking. */
    verificationCodeHash: text('verification_code_hash'),
    /** Folded name words and the reference, for indexed free-text search. */
    searchTokens: text('search_tokens').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('requests_due').on(table.decisionDueDate, table.id),
    // Overdue and due-soon queues walk open requests only; without this they step over every finished one.
    index('requests_open_due')
      .on(table.decisionDueDate, table.id)
      .where(sql`status in ('awaiting-triage','open','awaiting-clarification','awaiting-decision')`),
    index('requests_status_due').on(table.status, table.decisionDueDate, table.id),
    index('requests_officer_due').on(table.assignedOfficerId, table.decisionDueDate, table.id),
    index('requests_recorded_by_due').on(table.recordedBy, table.decisionDueDate, table.id),
    index('requests_site_due').on(table.site, table.decisionDueDate, table.id),
    index('requests_subject').on(table.subjectPersonId, table.receivedAt),
    index('requests_search').using('gin', table.searchTokens),
    index('requests_triage_pending')
      .on(table.triageDueAt)
      .where(sql`status = 'awaiting-triage'`),
  ],
);

/** The request's timeline: every event with who and when. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    type: text('type').notNull(),
    summary: text('summary').notNull(),
    /** Whether the requester sees this step when tracking their request. */
    visibleToRequester: boolean('visible_to_requester').notNull().default(false),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index('request_events_request').on(table.requestId, table.at)],
);

/** Documents that come with a request, such as an agent's written authority (C.09.02.2). */
export const requestAttachments = pgTable(
  'request_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    purpose: text('purpose').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('request_attachments_request').on(table.requestId)],
);
