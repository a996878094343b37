import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { requests } from '../requests/requests.schema.ts';

/**
 * A document gathered in scope of a request. The bytes live in the content-addressed store (SHA-256);
 * every document is kept as uploaded (`originalSha256`) and as the PDF that review and redaction work
 * on (`pdfSha256`: the upload itself for a PDF, a conversion for images, text, e-mail and Word).
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    title: text('title').notNull(),
    originalFilename: text('original_filename').notNull(),
    /** The type read from the content: pdf, png, jpeg, tiff, text, eml, docx, doc, odt. */
    sourceType: text('source_type').notNull(),
    originalSha256: text('original_sha256').notNull(),
    originalSize: integer('original_size').notNull(),
    pdfSha256: text('pdf_sha256').notNull(),
    pageCount: integer('page_count').notNull(),
    /** Review outcome for the whole document: undecided, release-in-full, withhold-in-full, or partial (marks decide). */
    disposition: text('disposition').notNull().default('undecided'),
    /** Ground when the whole document is withheld. */
    withholdGround: text('withhold_ground'),
    dispositionNote: text('disposition_note'),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the information was created or gathered, for "what is new since the last release". */
    gatheredAt: timestamp('gathered_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (table) => [index('documents_request').on(table.requestId, table.addedAt)],
);

/** Text of each page: from the PDF's text layer, or read by OCR for scanned pages (`ocr`). */
export const documentPages = pgTable(
  'document_pages',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    page: integer('page').notNull(),
    text: text('text').notNull(),
    ocr: boolean('ocr').notNull().default(false),
    width: real('width').notNull(),
    height: real('height').notNull(),
  },
  (table) => [uniqueIndex('document_pages_pk').on(table.documentId, table.page)],
);

/** A withholding mark on a document: a text span or a page area, suggested by the detector or added by an officer. */
export const redactionMarks = pgTable(
  'redaction_marks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    /** 1-based page. */
    page: integer('page').notNull(),
    /** `text` (a span of the page's text) or `area` (a rectangle). */
    kind: text('kind').notNull(),
    /** The withheld text (for a text mark): it is withheld wherever it occurs in the document. */
    text: text('text'),
    /** Code-point offsets in the page text (text marks). */
    startOffset: integer('start_offset'),
    endOffset: integer('end_offset'),
    /** [x0, y0, x1, y1] in points from the page's top-left (area marks). */
    rect: jsonb('rect').$type<[number, number, number, number]>(),
    /** What the detector thought it was (name, nhi, phone, …); null for officer marks. */
    piiType: text('pii_type'),
    score: real('score'),
    /** `detector` or `officer`. */
    source: text('source').notNull(),
    /** `suggested`, `accepted` or `rejected`. */
    status: text('status').notNull(),
    ground: text('ground'),
    note: text('note'),
    /** The text is a staff member's name: it goes to the staff-safety review (C.09.04). */
    staffName: boolean('staff_name').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [index('redaction_marks_document').on(table.documentId, table.page)],
);

export interface StaffConsultation {
  question: string;
  askedAt: string;
  askedBy: string;
  reply: string | null;
  repliedAt: string | null;
  /** The staff member's view: withhold or release. */
  view: 'withhold' | 'release' | null;
}

/** One review task per staff name found in a request's documents (C.09.04). */
export const staffNameReviews = pgTable(
  'staff_name_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    name: text('name').notNull(),
    /** The staff member, when the name is in the staff directory. */
    staffUserId: uuid('staff_user_id').references(() => users.id),
    /** Does the requester already know the name: yes, no, unclear; null until the officer answers. */
    requesterKnows: text('requester_knows'),
    proposedGround: text('proposed_ground'),
    consultation: jsonb('consultation').$type<StaffConsultation>(),
    /** The decision maker's determination: withhold or release. */
    determination: text('determination'),
    determinationReason: text('determination_reason'),
    determinedBy: uuid('determined_by').references(() => users.id),
    determinedAt: timestamp('determined_at', { withTimezone: true }),
    /** open, awaiting-staff-reply, awaiting-determination, done. */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('staff_name_reviews_request_name').on(table.requestId, table.name)],
);
