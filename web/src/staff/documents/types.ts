// Shapes of the documents and review API answers (the issue #6 API contract; /api/openapi.json is the
// exact reference once the routes are registered).

export type SourceType = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'text' | 'eml' | 'docx' | 'doc' | 'odt' | 'rtf';
export type Disposition = 'undecided' | 'release-in-full' | 'withhold-in-full' | 'partial';
export type MarkStatus = 'suggested' | 'accepted' | 'rejected';
export type Rect = [number, number, number, number];

export interface StaffRef {
  id: string;
  name: string;
}

export interface DocumentSummary {
  id: string;
  requestId: string;
  title: string;
  originalFilename: string;
  sourceType: SourceType;
  pageCount: number;
  ocrPages: number;
  disposition: Disposition;
  withholdGround: string | null;
  dispositionNote: string | null;
  addedAt: string;
  addedBy: StaffRef | null;
  marks: { suggested: number; accepted: number; rejected: number };
}

/** The answer to an upload: the document, and for an e-mail the documents its attachments became. */
export interface UploadResult extends DocumentSummary {
  attachments: DocumentSummary[];
  /** Attachments the server could not take, with why: they must be seen to by hand. */
  skippedAttachments: Array<{ filename: string; reason: string }>;
}

export interface DocumentPage {
  page: number;
  width: number;
  height: number;
  ocr: boolean;
  text: string;
}

export interface DocumentDetail extends DocumentSummary {
  reference: string;
  pages: DocumentPage[];
}

export interface Mark {
  id: string;
  documentId: string;
  page: number;
  kind: 'text' | 'area';
  text: string | null;
  /** Code-point offsets in the page text. */
  startOffset: number | null;
  endOffset: number | null;
  /** Points from the page's top-left corner, y downwards. */
  rect: Rect | null;
  piiType: string | null;
  score: number | null;
  source: 'detector' | 'officer';
  status: MarkStatus;
  ground: string | null;
  groundLabel: string | null;
  note: string | null;
  staffName: boolean;
  createdAt: string;
  decidedAt: string | null;
}

export type RequesterKnows = 'yes' | 'no' | 'unclear';
export type StaffNameStatus = 'open' | 'awaiting-staff-reply' | 'awaiting-determination' | 'done';

export interface StaffNameReview {
  id: string;
  requestId: string;
  name: string;
  staffUser: StaffRef | null;
  requesterKnows: RequesterKnows | null;
  proposedGround: string | null;
  consultation: {
    question: string;
    askedAt: string;
    askedBy: string;
    reply: string | null;
    repliedAt: string | null;
    view: 'withhold' | 'release' | null;
  } | null;
  determination: 'withhold' | 'release' | null;
  determinationReason: string | null;
  determinedAt: string | null;
  status: StaffNameStatus;
  /** The C.09.04 rule's answer, in words. */
  ruling: string;
  occurrences: number;
}

export interface ReviewStatus {
  documents: number;
  undecidedDocuments: number;
  suggestedMarks: number;
  openStaffNames: number;
  ready: boolean;
  blockers: string[];
  /** Facts worth knowing that do not block (e.g. no documents in scope). */
  notes?: string[];
}

export interface SearchHit {
  documentId: string;
  title: string;
  page: number;
  snippet: string;
}
