/**
 * Demo documents for `tiaki demo seed`: for each demo request, an incident report, a case manager's file
 * note and an e-mail thread about the person, written as a New Zealand prison's records read, with the
 * kinds of information review must find (another prisoner's name, a staff member's name, phone numbers,
 * an NHI number with a valid check digit, a date of birth, an address). All synthetic; NHIs use the Z
 * range kept for testing.
 */
import type { Database } from '../db/client.ts';
import { sites, units } from '../demo/names.ts';
import type { Config } from '../server/config.ts';
import { isValidNhi } from './pii/checks.ts';
import { listDocuments } from './documents.repo.ts';
import { prepareForRequest, storeDocument } from './documents.service.ts';
import { textToPdf } from './intake/index.ts';

export interface DemoDocumentTarget {
  requestId: string;
  subjectName: string;
  subjectPrn: string | null;
  reference: string;
  /** ISO date; the report gives it as the person's date of birth (a made-up one when unknown). */
  subjectDateOfBirth?: string | null;
}

const OTHER_PRISONERS = [
  'Rāwiri Te Awa',
  'Sione Fifita',
  'Hōhepa Tamihana',
  'Tevita Havili',
  'Wiremu Ngata',
  'Losa Faleolo',
  'Manaia Tuilagi',
  'Tamati Parata',
];
const STREETS = ['Kōwhai Street', 'Tōtara Road', 'Rimu Crescent', 'Pōhutukawa Drive', 'Mānuka Place'];
const TOWNS = ['Porirua 5022', 'Ōtara, Auckland 2023', 'Hastings 4120', 'Kaikohe 0405', 'Whanganui 4500'];
const FALLBACK_STAFF = ['Hemi Walker', 'Mere Tawhiri'];

/**
 * A valid old-format NHI (three letters, four digits, mod 11 check digit) in the Z test range, different
 * for each `n`.
 *
 * @example demoNhi(0) // 'ZAA0008' (isValidNhi says yes)
 */
export function demoNhi(n: number): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  // Each n has its own letters, so numbers differ for the first 576; the digits vary to look less regular.
  const prefix = `Z${letters.charAt(Math.floor(n / 24) % 24)}${letters.charAt(n % 24)}`;
  for (let step = 0; step < 1000; step++) {
    const digits = String((n * 37 + step) % 1000).padStart(3, '0');
    for (let check = 0; check <= 9; check++) {
      const nhi = `${prefix}${digits}${check}`;
      if (isValidNhi(nhi)) return nhi;
    }
  }
  throw new Error(`no valid NHI with prefix ${prefix}`); // cannot happen: most digit runs have a check digit
}

/** dd/mm/yyyy as NZ records write it. */
const writtenDob = (iso: string | null | undefined) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : '12/03/1988';

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;
const emailOf = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@corrections.govt.nz`;

function incidentReport(
  t: DemoDocumentTarget,
  n: number,
  staff: string,
): { heading: string[]; body: string } {
  const other = pick(OTHER_PRISONERS, n);
  const site = pick(sites, n);
  const unit = pick(units, n + 1);
  const day = 3 + (n % 24);
  return {
    heading: [
      'Ara Poutama Aotearoa | Department of Corrections',
      `INCIDENT REPORT IR-2026-${String(4100 + n)}`,
    ],
    body: [
      `Site: ${site}    Unit: ${unit}`,
      `Date and time of incident: ${day} February 2026, 14:35`,
      `Reported by: Corrections Officer ${staff}`,
      `Prisoner: ${t.subjectName}${t.subjectPrn ? ` (PRN ${t.subjectPrn})` : ''}, date of birth ${writtenDob(t.subjectDateOfBirth)}`,
      `Other prisoner involved: ${other}`,
      '',
      'Summary',
      `At approximately 14:35 ${t.subjectName} and ${other} began arguing in the ${unit} day room about the ` +
        `telephone roster. ${other} pushed ${t.subjectName}, who fell against a table and cut their left hand. ` +
        `I, ${staff}, called a Code Blue and separated the two of them with the assistance of a second officer.`,
      '',
      `${t.subjectName} was seen by the health centre nurse at 14:50 (NHI ${demoNhi(n)}). The wound was ` +
        'cleaned and dressed; no further treatment was needed.',
      '',
      `${other} was returned to their cell and placed on a 24-hour stand-down. ${t.subjectName} asked that their ` +
        'sister be told; she was phoned on 021 555 0142 at 15:20 and informed of the injury.',
      '',
      'Actions taken',
      '- Both prisoners interviewed separately.',
      '- CCTV for the day room (camera 4) requested and held for review.',
      `- Misconduct charge considered for ${other}; referred to the Principal Corrections Officer.`,
      '',
      `Signed: ${staff}, Corrections Officer, ${day}/02/2026`,
    ].join('\n'),
  };
}

function fileNote(t: DemoDocumentTarget, n: number, manager: string): { heading: string[]; body: string } {
  const address = `${10 + (n % 80)} ${pick(STREETS, n)}, ${pick(TOWNS, n + 2)}`;
  return {
    heading: ['CASE MANAGEMENT FILE NOTE', `Prisoner: ${t.subjectName}   Request reference: ${t.reference}`],
    body: [
      `Date: ${10 + (n % 18)} March 2026`,
      `Case manager: ${manager}`,
      '',
      `Met with ${t.subjectName} in the interview room for their quarterly offence-focused case plan review.`,
      'They have completed eight of twelve sessions of the Kowhiritanga programme and report that the tikanga ' +
        'components have helped them stay out of trouble on the unit.',
      '',
      `Release address proposed: ${address}, with their aunt, who can be reached on (04) 555 0199. ` +
        'A home visit by Community Corrections is to be arranged before the Parole Board hearing.',
      '',
      `They mentioned the incident on ${3 + (n % 24)} February and said they do not want to be housed near ` +
        `${pick(OTHER_PRISONERS, n)} again. Noted for the unit manager.`,
      '',
      `Next review: June 2026. ${manager}, Case Manager`,
    ].join('\n'),
  };
}

function emailThread(t: DemoDocumentTarget, n: number, from: string, to: string): Uint8Array {
  const other = pick(OTHER_PRISONERS, n + 3);
  return new TextEncoder().encode(
    [
      `From: ${from} <${emailOf(from)}>`,
      `To: ${to} <${emailOf(to)}>`,
      `Subject: RE: Visit application - ${t.subjectName}`,
      `Date: Wed, ${4 + (n % 20)} Mar 2026 09:12:00 +1300`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `Kia ora ${to.split(' ')[0]},`,
      '',
      `The visit application from ${t.subjectName}'s partner is approved for Saturday. Please do not book it ` +
        `in the same session as ${other}'s whānau; there is a protection order between the families.`,
      '',
      `Her mobile is 027 555 0${String(100 + (n % 800)).padStart(3, '0')} if the time needs to change.`,
      '',
      'Ngā mihi,',
      from,
      '',
      `> On Tue, ${3 + (n % 20)} Mar 2026, ${to} wrote:`,
      `> Can you confirm whether the visit for ${t.subjectName}${t.subjectPrn ? ` (PRN ${t.subjectPrn})` : ''} can go ahead?`,
      '',
    ].join('\r\n'),
  );
}

/**
 * Adds three documents to each target request (skipping one that already has documents): an incident
 * report and a file note made as PDFs, and an e-mail thread sent through the .eml intake, each stored
 * through the same service as uploads (blobs, then one transaction with the audit event; the system as
 * the actor). No OCR: every page has a text layer.
 *
 * @example await seedDemoDocuments(db, config, [{ requestId, subjectName: 'Aroha Pōtae', subjectPrn: '60000037', reference: 'TK-2026-000001' }], ['Olivia Officer'])
 */
export async function seedDemoDocuments(
  db: Database,
  config: Config,
  targets: DemoDocumentTarget[],
  staffNames: string[],
): Promise<{ documents: number }> {
  const staff = staffNames.length >= 2 ? staffNames : [...staffNames, ...FALLBACK_STAFF];
  let documents = 0;
  for (const [n, target] of targets.entries()) {
    if ((await listDocuments(db, target.requestId)).length > 0) continue;
    const officer = pick(staff, n);
    const manager = pick(staff, n + 1) === officer ? pick(staff, n + 2) : pick(staff, n + 1);
    const files: Array<{ bytes: Uint8Array; filename: string; title: string }> = [
      {
        bytes: await textToPdf(incidentReport(target, n, officer), 50),
        filename: `incident-report-IR-2026-${4100 + n}.pdf`,
        title: `Incident report IR-2026-${4100 + n}`,
      },
      {
        bytes: await textToPdf(fileNote(target, n, manager), 50),
        filename: 'case-management-file-note.pdf',
        title: 'Case management file note',
      },
      { bytes: emailThread(target, n, manager, officer), filename: 'visit-application.eml', title: '' },
    ];
    for (const file of files) {
      const prepared = await prepareForRequest(config, file.bytes, { ocr: false });
      await storeDocument(db, config, null, target.requestId, prepared, {
        filename: file.filename,
        title: file.title || undefined,
        address: 'demo-seed',
      });
      documents++;
    }
  }
  return { documents };
}
