import {
  groundByCode,
  OIA_GROUNDS,
  PRIVACY_GROUNDS,
  STAFF_NAME_GROUND,
  type Ground,
} from '../../../../src/law/grounds.ts';

// The Acts' catalogues come straight from the server's law module (pure data, no I/O), so the ground
// lists offer exactly the codes the API accepts; there is no endpoint that serves them.

export { STAFF_NAME_GROUND, type Ground };

/**
 * The catalogue for a request's track: the Official Information Act's for OIA requests, the Privacy
 * Act's otherwise.
 * @example catalogueFor('official-information')[0]?.code // 's6(a)'
 */
export function catalogueFor(track: string | null): readonly Ground[] {
  return track === 'official-information' ? OIA_GROUNDS : PRIVACY_GROUNDS;
}

/**
 * "s49(1)(a)(i)" as people write it: "s 49(1)(a)(i)".
 * @example sectionText('s9(2)(a)') // 's 9(2)(a)'
 */
export function sectionText(code: string): string {
  return code.replace(/^s(?=\d)/, 's ');
}

/**
 * A ground as a line of text: the section and what it protects.
 * @example groundText('s53(b)') // 's 53(b): Would involve the unwarranted disclosure …'
 */
export function groundText(code: string): string {
  const ground = groundByCode(code);
  return ground ? `${sectionText(code)}: ${ground.label}` : code;
}

/** Options for a ground <select>, led by an empty "choose" option. */
export function groundOptions(
  track: string | null,
  empty = 'Choose a ground',
): Array<{ value: string; label: string }> {
  return [
    { value: '', label: empty },
    ...catalogueFor(track).map((ground) => ({ value: ground.code, label: groundText(ground.code) })),
  ];
}
