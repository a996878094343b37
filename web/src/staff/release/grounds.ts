import {
  groundByCode,
  NEITHER_CONFIRM_NOR_DENY_GROUNDS,
  OIA_GROUNDS,
  PRIVACY_GROUNDS,
  type Ground,
} from '../../../../src/law/grounds.ts';

// The Acts' catalogues of grounds come straight from the server's law module (pure data, no I/O), so the
// form offers exactly the codes the API accepts.

export { NEITHER_CONFIRM_NOR_DENY_GROUNDS, type Ground };

/**
 * The catalogue for a request's track: the Official Information Act's for OIA requests, the Privacy Act's
 * otherwise; none for a complaint.
 * @example groundsForTrack('official-information')[0]?.code // 's6(a)'
 */
export function groundsForTrack(track: string | null): readonly Ground[] {
  if (track === 'official-information') return OIA_GROUNDS;
  if (track === 'complaint') return [];
  return PRIVACY_GROUNDS;
}

/**
 * A ground code as people read it, with its label when the catalogue knows it.
 * @example groundText('s53(b)') // 's 53(b): Would involve the unwarranted disclosure …'
 */
export function groundText(code: string): string {
  const ground = groundByCode(code);
  return ground ? `${sectionText(code)}: ${ground.label}` : code;
}

/**
 * "s49(1)(a)(i)" as "s 49(1)(a)(i)".
 * @example sectionText('s9(2)(a)') // 's 9(2)(a)'
 */
export function sectionText(code: string): string {
  return code.replace(/^s(?=\d)/, 's ');
}

/** Whether s 47 allows neither confirming nor denying on this ground. */
export function allowsNeitherConfirmNorDeny(code: string): boolean {
  return NEITHER_CONFIRM_NOR_DENY_GROUNDS.includes(code);
}
