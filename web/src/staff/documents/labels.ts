import type { TagColour } from '../../components/ui.tsx';
import { humanise } from '../../format.ts';
import type { StaffRole } from '../../types.ts';
import type { Disposition, Mark, MarkStatus, SourceType, StaffNameStatus } from './types.ts';

// Words for the review's machine values. Tags always say their meaning in words; colour only repeats it.

export const sourceTypeLabels: Record<SourceType, string> = {
  pdf: 'PDF',
  png: 'PNG image',
  jpeg: 'JPEG image',
  tiff: 'TIFF image',
  text: 'Plain text',
  eml: 'E-mail',
  docx: 'Word document',
  doc: 'Word 97–2003 document',
  odt: 'OpenDocument text',
  rtf: 'Rich text',
};

export const dispositionLabels: Record<Disposition, string> = {
  undecided: 'Not decided',
  'release-in-full': 'Release in full',
  'withhold-in-full': 'Withhold in full',
  partial: 'Release in part',
};

export const dispositionColours: Record<Disposition, TagColour> = {
  undecided: 'grey',
  'release-in-full': 'green',
  'withhold-in-full': 'red',
  partial: 'orange',
};

export const markStatusLabels: Record<MarkStatus, string> = {
  suggested: 'Suggested',
  accepted: 'Accepted: withhold',
  rejected: 'Rejected: release',
};

export const markStatusColours: Record<MarkStatus, TagColour> = {
  suggested: 'yellow',
  accepted: 'red',
  rejected: 'grey',
};

const piiTypeLabels: Record<string, string> = {
  name: 'Name',
  person: 'Name',
  'staff-name': 'Staff name',
  nhi: 'NHI number',
  ird: 'IRD number',
  'driver-licence': 'Driver licence',
  'drivers-licence': 'Driver licence',
  passport: 'Passport number',
  'bank-account': 'Bank account',
  prn: 'PRN',
  phone: 'Phone number',
  email: 'E-mail address',
  address: 'Postal address',
  'date-of-birth': 'Date of birth',
  dob: 'Date of birth',
  plate: 'Vehicle plate',
  'vehicle-plate': 'Vehicle plate',
};

/** What a mark is, in words: the detector's type, or who added it. */
export function markTypeText(mark: Pick<Mark, 'piiType' | 'kind' | 'source'>): string {
  // The detector's types are upper case with underscores (PERSON, DRIVER_LICENCE); read either spelling.
  if (mark.piiType)
    return (
      piiTypeLabels[mark.piiType.toLowerCase().replace(/_/g, '-')] ?? humanise(mark.piiType.toLowerCase())
    );
  if (mark.kind === 'area') return 'Area of the page';
  return mark.source === 'officer' ? 'Text an officer marked' : 'Text';
}

/** The detector's confidence as a percentage, or "Not scored" for an officer's own mark. */
export function scoreText(score: number | null): string {
  return score === null ? 'Not scored' : `${Math.round(score * 100)}%`;
}

export const staffNameStatusLabels: Record<StaffNameStatus, string> = {
  open: 'To review',
  'awaiting-staff-reply': 'Waiting for the staff member',
  'awaiting-determination': 'Waiting for the decision maker',
  done: 'Determined',
};

export const staffNameStatusColours: Record<StaffNameStatus, TagColour> = {
  open: 'blue',
  'awaiting-staff-reply': 'yellow',
  'awaiting-determination': 'purple',
  done: 'green',
};

export const requesterKnowsLabels: Record<string, string> = {
  yes: 'Yes, the requester knows the name',
  no: 'No, the requester does not know it',
  unclear: 'It is not clear',
};

/** Roles that may upload documents (officers and intake, per the API). */
export function canUpload(role: StaffRole): boolean {
  return role === 'officer' || role === 'intake';
}

/**
 * Intake may add and list documents but not read them: the review, search and staff names are for the
 * roles that work on or oversee the decision.
 */
export function canReadDocuments(role: StaffRole): boolean {
  return role !== 'intake';
}

/** Only officers review: suggest, accept, reject, add marks, dispose of documents, run staff-name reviews. */
export function canReview(role: StaffRole): boolean {
  return role === 'officer';
}

/** Only the decision maker determines a staff name (C.09.04). */
export function canDetermine(role: StaffRole): boolean {
  return role === 'decision-maker';
}
