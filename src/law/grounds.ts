/**
 * Grounds for withholding, kept as data: one catalogue for the Privacy Act 2020 (ss 49–53) and one for
 * the Official Information Act 1982 (ss 6, 9, 18). Codes are the section as the Act writes it
 * (`s49(1)(a)(i)`, `s9(2)(a)`); the same without brackets (`s491ai`, `s92a`) is accepted as input.
 */

/** The Act a ground belongs to. */
export type GroundAct = 'privacy' | 'oia';

/** One ground for withholding. */
export interface Ground {
  /** Canonical code, e.g. `s49(1)(a)(i)`. */
  code: string;
  act: GroundAct;
  /** The section number, e.g. 49. */
  section: number;
  /** The citation in full, e.g. `Privacy Act 2020, s 49(1)(a)(i)`. */
  citation: string;
  /** What the ground protects, in plain English. */
  label: string;
}

function ground(act: GroundAct, code: string, label: string): Ground {
  const section = Number(/^s(\d+)/.exec(code)?.[1]);
  const actName = act === 'privacy' ? 'Privacy Act 2020' : 'Official Information Act 1982';
  return Object.freeze({ code, act, section, citation: `${actName}, s ${code.slice(1)}`, label });
}

/** Privacy Act 2020 ss 49–53: reasons to refuse access to personal information. */
export const PRIVACY_GROUNDS: readonly Ground[] = Object.freeze([
  ground(
    'privacy',
    's49(1)(a)(i)',
    'Would pose a serious threat to the life, health or safety of any individual, or to public health or public safety',
  ),
  ground(
    'privacy',
    's49(1)(a)(ii)',
    'Would create a significant likelihood of serious harassment of an individual',
  ),
  ground(
    'privacy',
    's49(1)(a)(iii)',
    'The requester is a victim of an offence and disclosure would cause them significant distress, loss of dignity or injury to feelings',
  ),
  ground(
    'privacy',
    's49(1)(b)',
    "Would prejudice the requester's physical or mental health (after consulting a health practitioner)",
  ),
  ground(
    'privacy',
    's49(1)(c)',
    'The requester is under 16 and disclosure would be contrary to their interests',
  ),
  ground(
    'privacy',
    's49(1)(d)',
    'Would prejudice the safe custody or the rehabilitation of a person in custody',
  ),
  ground('privacy', 's50', 'Evaluative material supplied in confidence'),
  ground('privacy', 's51', "Would prejudice New Zealand's security, defence or international relations"),
  ground(
    'privacy',
    's52',
    'Would reveal a trade secret or unreasonably prejudice someone’s commercial position',
  ),
  ground('privacy', 's53(a)', 'The information does not exist or cannot be found'),
  ground(
    'privacy',
    's53(b)',
    'Would involve the unwarranted disclosure of the affairs of another individual or of a deceased person',
  ),
  ground('privacy', 's53(c)', 'Would prejudice the maintenance of the law'),
  ground('privacy', 's53(d)', 'Subject to legal professional privilege'),
  ground('privacy', 's53(e)', 'Held by a library, museum or archive on a condition that prevents release'),
  ground('privacy', 's53(f)', 'Would be contempt of court or of the House of Representatives'),
  ground('privacy', 's53(g)', 'Can be obtained under the Criminal Disclosure Act 2008'),
  ground('privacy', 's53(h)', 'The request is frivolous or vexatious, or the information is trivial'),
]);

/** Official Information Act 1982 ss 6 (conclusive reasons), 9 (other reasons, subject to the public interest) and 18 (refusal). */
export const OIA_GROUNDS: readonly Ground[] = Object.freeze([
  ground('oia', 's6(a)', "Would prejudice New Zealand's security or defence, or its international relations"),
  ground(
    'oia',
    's6(b)(i)',
    'Would prejudice information given in confidence by another government or its agencies',
  ),
  ground(
    'oia',
    's6(b)(ii)',
    'Would prejudice information given in confidence by an international organisation',
  ),
  ground(
    'oia',
    's6(c)',
    'Would prejudice the maintenance of the law, including the prevention, investigation and detection of offences and the right to a fair trial',
  ),
  ground('oia', 's6(d)', 'Would endanger the safety of any person'),
  ground(
    'oia',
    's6(e)(i)',
    'Would seriously damage the economy by prematurely disclosing decisions about exchange rates or overseas exchange',
  ),
  ground(
    'oia',
    's6(e)(ii)',
    'Would seriously damage the economy by prematurely disclosing decisions about the regulation of banking or credit',
  ),
  ground(
    'oia',
    's6(e)(iii)',
    'Would seriously damage the economy by prematurely disclosing decisions about taxation',
  ),
  ground(
    'oia',
    's6(e)(iv)',
    'Would seriously damage the economy by prematurely disclosing decisions about prices, rents, wages and incomes',
  ),
  ground(
    'oia',
    's6(e)(v)',
    'Would seriously damage the economy by prematurely disclosing decisions about government borrowing',
  ),
  ground(
    'oia',
    's6(e)(vi)',
    'Would seriously damage the economy by prematurely disclosing decisions about overseas trade agreements',
  ),
  ground('oia', 's9(2)(a)', 'To protect the privacy of people, including people who have died'),
  ground('oia', 's9(2)(b)(i)', 'Would disclose a trade secret'),
  ground(
    'oia',
    's9(2)(b)(ii)',
    'Would be likely to unreasonably prejudice the commercial position of the person who supplied or is the subject of the information',
  ),
  ground(
    'oia',
    's9(2)(ba)(i)',
    'Information given in confidence, where release would likely prejudice the supply of similar information that it is in the public interest to keep getting',
  ),
  ground(
    'oia',
    's9(2)(ba)(ii)',
    'Information given in confidence, where release would likely otherwise damage the public interest',
  ),
  ground(
    'oia',
    's9(2)(c)',
    'To avoid prejudice to measures protecting the health or safety of members of the public',
  ),
  ground('oia', 's9(2)(d)', 'To avoid prejudice to the substantial economic interests of New Zealand'),
  ground(
    'oia',
    's9(2)(e)',
    'To avoid prejudice to measures that prevent or reduce material loss to members of the public',
  ),
  ground(
    'oia',
    's9(2)(f)(i)',
    'To keep the confidentiality of communications by or with the Sovereign or their representative',
  ),
  ground('oia', 's9(2)(f)(ii)', 'To maintain collective and individual ministerial responsibility'),
  ground('oia', 's9(2)(f)(iii)', 'To maintain the political neutrality of officials'),
  ground('oia', 's9(2)(f)(iv)', 'To keep advice given by Ministers and officials confidential'),
  ground(
    'oia',
    's9(2)(g)(i)',
    'To maintain the free and frank expression of opinions between Ministers, officials and others',
  ),
  ground('oia', 's9(2)(g)(ii)', 'To protect Ministers and officials from improper pressure or harassment'),
  ground('oia', 's9(2)(h)', 'To maintain legal professional privilege'),
  ground('oia', 's9(2)(i)', 'To let an agency carry out commercial activities without disadvantage'),
  ground(
    'oia',
    's9(2)(j)',
    'To let an agency carry on negotiations, including commercial and industrial ones, without disadvantage',
  ),
  ground('oia', 's9(2)(k)', 'To prevent the information being used for improper gain or advantage'),
  ground('oia', 's18(a)', 'There is good reason to withhold it under section 6, 7 or 10'),
  ground('oia', 's18(b)', 'There is good reason to withhold it under section 9'),
  ground('oia', 's18(c)(i)', 'Releasing it would be against a specified enactment'),
  ground('oia', 's18(c)(ii)', 'Releasing it would be contempt of court or of the House of Representatives'),
  ground('oia', 's18(d)', 'The information is, or soon will be, publicly available'),
  ground('oia', 's18(da)', 'A defendant can get the information under the Criminal Disclosure Act 2008'),
  ground('oia', 's18(e)', 'The document does not exist or cannot be found despite reasonable efforts'),
  ground(
    'oia',
    's18(f)',
    'The information cannot be made available without substantial collation or research',
  ),
  ground(
    'oia',
    's18(g)',
    'The information is not held, and there are no grounds to believe another agency holds it or that it is more closely connected with another agency’s functions',
  ),
  ground('oia', 's18(h)', 'The request is frivolous or vexatious, or the information is trivial'),
]);

const BY_CODE = new Map<string, Ground>();
const BY_BARE = new Map<string, Ground>();
for (const g of [...PRIVACY_GROUNDS, ...OIA_GROUNDS]) {
  BY_CODE.set(g.code, g);
  BY_BARE.set(bare(g.code), g);
}

function bare(code: string): string {
  return code.toLowerCase().replace(/[\s()]/g, '');
}

/**
 * The canonical code of a ground written with or without brackets, spaces or "section", or null when
 * no ground has that code. With `act`, only that Act's catalogue is searched.
 * @example parseGroundCode('s53b') // 's53(b)'
 * @example parseGroundCode('s491ai') // 's49(1)(a)(i)'
 * @example parseGroundCode('s 9(2)(a)', 'oia') // 's9(2)(a)'
 */
export function parseGroundCode(input: string, act?: GroundAct): string | null {
  let key = bare(input).replace(/^section/, 's');
  if (!key.startsWith('s')) key = `s${key}`;
  const g = BY_BARE.get(key);
  return g && (act === undefined || g.act === act) ? g.code : null;
}

/**
 * The ground with a canonical code (see {@link parseGroundCode} for other spellings).
 * @example groundByCode('s53(b)')?.label // 'Would involve the unwarranted disclosure …'
 */
export function groundByCode(code: string): Ground | undefined {
  return BY_CODE.get(code);
}

/** The grounds on which an agency may neither confirm nor deny that information exists (Privacy Act 2020 s 47). */
export const NEITHER_CONFIRM_NOR_DENY_GROUNDS: readonly string[] = Object.freeze([
  's49(1)(a)(i)',
  's49(1)(d)',
  's51',
  's52',
  's53(c)',
]);

/**
 * Whether s 47 allows neither confirming nor denying that information exists on this ground (only
 * s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c), and only where confirming would itself prejudice that
 * interest — a judgement this function cannot make). Accepts either spelling of the code.
 * @example neitherConfirmNorDenyAllowed('s53c') // true
 * @example neitherConfirmNorDenyAllowed('s53(b)') // false
 */
export function neitherConfirmNorDenyAllowed(code: string): boolean {
  const canonical = parseGroundCode(code, 'privacy');
  return canonical !== null && NEITHER_CONFIRM_NOR_DENY_GROUNDS.includes(canonical);
}

/** The only ground on which a staff member's name may be withheld (C.09.04). */
export const STAFF_NAME_GROUND = 's49(1)(a)(i)';

/** What is known about a staff name in a document, for the C.09.04 rule. */
export interface StaffNameQuestion {
  /** The ground proposed for withholding the name, any spelling; null when none is proposed. */
  proposedGround: string | null;
  /** Whether the requester already knows the staff member's name. */
  requesterKnowsName: 'yes' | 'no' | 'unclear';
}

/** The C.09.04 answer: withhold, release, or the step needed before deciding. */
export type StaffNameDecision =
  | { outcome: 'may-withhold'; ground: typeof STAFF_NAME_GROUND; reason: string }
  | { outcome: 'release'; reason: string }
  | { outcome: 'consult-staff-member'; nextStep: string; reason: string };

/**
 * Agency rule C.09.04 on staff names: a name may be withheld only on s 49(1)(a)(i); if the requester
 * already knows it, it cannot be withheld on that ground; if that is unclear, consult the staff member
 * and record the decision maker's determination.
 * @example staffNameDecision({ proposedGround: 's491ai', requesterKnowsName: 'no' }).outcome // 'may-withhold'
 * @example staffNameDecision({ proposedGround: 's53b', requesterKnowsName: 'no' }).outcome // 'release'
 */
export function staffNameDecision(q: StaffNameQuestion): StaffNameDecision {
  const ground = q.proposedGround === null ? null : parseGroundCode(q.proposedGround);
  if (ground !== STAFF_NAME_GROUND) {
    return {
      outcome: 'release',
      reason:
        ground === null
          ? 'No ground is given; a staff name may be withheld only on s 49(1)(a)(i), a serious threat to safety (C.09.04)'
          : `A staff name may be withheld only on s 49(1)(a)(i), a serious threat to safety, not on ${ground} (C.09.04)`,
    };
  }
  switch (q.requesterKnowsName) {
    case 'yes':
      return {
        outcome: 'release',
        reason:
          'The requester already knows this staff member’s name, so withholding it cannot prevent the threat; it cannot be withheld on s 49(1)(a)(i) (C.09.04)',
      };
    case 'unclear':
      return {
        outcome: 'consult-staff-member',
        nextStep:
          'Consult the staff member about whether the requester knows their name and about the risk, then record the decision maker’s determination',
        reason: 'It is unclear whether the requester already knows the name (C.09.04)',
      };
    case 'no':
      return {
        outcome: 'may-withhold',
        ground: STAFF_NAME_GROUND,
        reason:
          'The requester does not know the name; it may be withheld if releasing it would pose a serious threat to the staff member’s safety (s 49(1)(a)(i); C.09.04)',
      };
  }
}
