/**
 * Synthetic access-audit data with known, labelled misuse, for the explanation engine's benchmark.
 *
 * The agency: four prisons and a national office. Staff are case managers (caseloads), corrections
 * officers (a home unit, plus roster cover in other units), health staff (episodes of care), complaint
 * handlers, privacy officers (assigned requests) and managers. People in custody live in units; a few
 * staff members also have person records. Legitimate work opens records the relationships explain, plus
 * a few accesses with a stated reason and a few that fall just outside a relationship's recorded dates
 * (a late handover: legitimate, but unexplained by the data, as happens in real systems).
 *
 * Injected misuse, each incident labelled with its rule case: `self` (own record), `same-surname`
 * (a relative), `same-address` (someone at their address), `co-worker` (a colleague's record),
 * `high-profile` (a well-known prisoner), `unexplained` (browsing strangers), `volume` (a day of many
 * times the usual count, of records they could otherwise open).
 */
import type {
  AccessEvent,
  Flag,
  Person,
  RecordedReason,
  Relationship,
  Staff,
} from '../../src/audit/explain/index.ts';

export type MisuseCase =
  'self' | 'same-surname' | 'same-address' | 'co-worker' | 'high-profile' | 'unexplained' | 'volume';
export const MISUSE_CASES: readonly MisuseCase[] = [
  'self',
  'same-surname',
  'same-address',
  'co-worker',
  'high-profile',
  'unexplained',
  'volume',
];

/** Ground truth for one event. */
export interface Truth {
  /** null for legitimate work. */
  misuse: MisuseCase | null;
  /** Incident number shared by the events of one injected misuse. */
  incident: number | null;
  /**
   * Flags the data itself warrants on a legitimate access (`high-profile`: policy reviews every access to
   * a high-profile person). Any other flag on a legitimate access is a false alert.
   */
  expectedFlags: Flag[];
  /** Legitimate, but no relationship, unit or reason in the data covers it (late handover). */
  dataGap: boolean;
}

export interface Dataset {
  staff: Staff[];
  persons: Person[];
  relationships: Relationship[];
  events: AccessEvent[];
  reasons: RecordedReason[];
  truth: Truth[];
}

export interface GenerateOptions {
  staff: number;
  persons: number;
  events: number;
  /** First NZ calendar day and number of days covered. */
  start: string;
  days: number;
  seed: number;
  /**
   * Share of legitimate accesses made in the days after a relationship ended (a case handed over, a roster
   * stint over) with no reason recorded: legitimate, but the data does not explain them. The main source
   * of false alerts, and a property of how current the relationship data is, not of the engine.
   */
  lateAccessRate: number;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  staff: 200,
  persons: 5_000,
  events: 1_000_000,
  start: '2025-01-01',
  days: 365,
  seed: 20250701,
  lateAccessRate: 0.01,
};

// --- randomness -----------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

// --- names and places ---------------------------------------------------------------------------------

// Common NZ surnames with a roughly realistic head (Smith about 1%); most people get a long-tail name.
const COMMON_SURNAMES = [
  'Smith',
  'Williams',
  'Brown',
  'Wilson',
  'Taylor',
  'Jones',
  'Singh',
  'Thompson',
  'Walker',
  'White',
  'Anderson',
  'Martin',
  'Harris',
  'Clark',
  'King',
  'Young',
  'Robinson',
  'Wright',
  'Scott',
  'Campbell',
  'Mitchell',
  'Kelly',
  'Thomas',
  'Hall',
  'Lee',
  'Green',
  'Johnson',
  'Edwards',
  'Davies',
  'Moore',
  'Wood',
  'Turner',
  'Ngata',
  'Tipene',
  'Parata',
  'Hēnare',
  'Wihongi',
  'Kereama',
  'Paewai',
  'Pōmare',
  'Rangi',
  'Ngātai',
  'Te Whare',
  'Tūhiwai',
  'Fifita',
  'Tuilagi',
  'Faleolo',
  'Leota',
  'Tupou',
  'Chen',
  'Wang',
  'Li',
  'Zhang',
  'Nguyen',
  'Kim',
  'Patel',
  'Kumar',
  'Sharma',
  "O'Brien",
  'MacDonald',
];
const SYLLABLES = [
  'ka',
  'ro',
  'wen',
  'mar',
  'del',
  'ton',
  'li',
  'ber',
  'sa',
  'fi',
  'ho',
  'nu',
  'ga',
  'te',
  'vin',
  'rus',
  'ock',
  'ley',
  'dra',
  'pel',
  'quin',
  'zo',
  'ham',
  'ford',
];
const GIVEN = [
  'Aroha',
  'Hemi',
  'Mere',
  'Tama',
  'Sione',
  'Ana',
  'James',
  'Olivia',
  'Jack',
  'Charlotte',
  'Wiremu',
  'Ngaio',
  'Mele',
  'Liam',
  'Priya',
  'Wei',
];
const STREETS = [
  'Kauri',
  'Rata',
  'Totara',
  'Rimu',
  'Matai',
  'Kowhai',
  'Pohutukawa',
  'Queen',
  'Victoria',
  'Albert',
  'George',
  'Church',
  'Station',
  'Hill',
  'Beach',
  'Park',
  'High',
  'Bridge',
  'Tui',
  'Kereru',
];
const STREET_TYPES: [string, string][] = [
  ['Street', 'St'],
  ['Road', 'Rd'],
  ['Avenue', 'Ave'],
  ['Crescent', 'Cres'],
  ['Place', 'Pl'],
  ['Terrace', 'Tce'],
];
const SUBURBS: [string, string, string][] = [
  ['Ponsonby', 'Auckland', '1011'],
  ['Otara', 'Auckland', '2023'],
  ['Naenae', 'Lower Hutt', '5011'],
  ['Trentham', 'Upper Hutt', '5018'],
  ['Cannons Creek', 'Porirua', '5024'],
  ['Hillcrest', 'Hamilton', '3216'],
  ['Aranui', 'Christchurch', '8061'],
  ['Flaxmere', 'Hastings', '4120'],
  ['Kaikorai', 'Dunedin', '9010'],
  ['Whanganui East', 'Whanganui', '4500'],
];
const SITES = ['Rimutaka', 'Arohata', 'Waikeria', 'Christchurch Men’s'];
const UNITS = ['Unit 1', 'Unit 2', 'Unit 3', 'Unit 4', 'Unit 5'];

interface Address {
  number: number;
  flat: number | null;
  street: string;
  type: [string, string];
  suburb: [string, string, string];
}
/** The HR system's style: full words, flat written out, postcode. */
const hrStyle = (a: Address): string =>
  `${a.flat === null ? '' : `Flat ${a.flat}, `}${a.number} ${a.street} ${a.type[0]}, ${a.suburb[0]}, ${a.suburb[1]} ${a.suburb[2]}`;
/** The offender-management system's style: capitals, abbreviations, slash for flats, no postcode. */
const omsStyle = (a: Address): string =>
  `${a.flat === null ? '' : `${a.flat}/`}${a.number} ${a.street} ${a.type[1]}, ${a.suburb[0]}, ${a.suburb[1]}`.toUpperCase();

// --- NZ time ------------------------------------------------------------------------------------------

const offsetFormatter = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  timeZoneName: 'longOffset',
});
function nzOffset(date: string): string {
  const noon = new Date(`${date}T00:00:00Z`);
  const name = offsetFormatter.formatToParts(noon).find((p) => p.type === 'timeZoneName')!.value; // GMT+13:00
  return name.slice(3);
}
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

// --- the generator --------------------------------------------------------------------------------------

type Role = 'case-manager' | 'corrections-officer' | 'health' | 'complaints' | 'privacy-officer' | 'manager';
const ROLE_SHARES: [Role, number][] = [
  ['case-manager', 0.3],
  ['corrections-officer', 0.4],
  ['health', 0.12],
  ['complaints', 0.06],
  ['privacy-officer', 0.08],
  ['manager', 0.04],
];
// Mean records opened on a working day, by role.
const ROLE_LOAD: Record<Role, number> = {
  'case-manager': 1.1,
  'corrections-officer': 1.2,
  health: 1.0,
  complaints: 0.6,
  'privacy-officer': 0.7,
  manager: 0.25,
};

interface Window {
  personIndex: number;
  kind: string;
  from: number; // day index
  to: number; // day index, inclusive; Infinity while it lasts
}

/**
 * Generates a dataset with ground truth. Deterministic for a seed. Events come in time order.
 *
 * @example const data = generateDataset({ ...DEFAULT_GENERATE_OPTIONS, events: 50_000, days: 30 });
 */
export function generateDataset(overrides: Partial<GenerateOptions> = {}): Dataset {
  const options = { ...DEFAULT_GENERATE_OPTIONS, ...overrides };
  const random = new Random(mulberry32(options.seed));
  const dates = Array.from({ length: options.days }, (_, d) => addDays(options.start, d));
  const offsets = dates.map(nzOffset);
  const lastDay = options.days - 1;

  const surname = (): string =>
    random.chance(0.2)
      ? COMMON_SURNAMES[
          Math.min(COMMON_SURNAMES.length - 1, Math.floor(COMMON_SURNAMES.length * random.next() ** 1.5))
        ]!
      : (random.pick(SYLLABLES) + random.pick(SYLLABLES) + random.pick(SYLLABLES)).replace(/^./, (c) =>
          c.toUpperCase(),
        );
  const address = (): Address => ({
    number: random.int(1, 400),
    flat: random.chance(0.2) ? random.int(1, 12) : null,
    street: random.pick(STREETS),
    type: random.pick(STREET_TYPES),
    suburb: random.pick(SUBURBS),
  });

  // Staff.
  const staff: Staff[] = [];
  const roles: Role[] = [];
  const staffAddress: Address[] = [];
  for (const [role, share] of ROLE_SHARES) {
    const count = role === 'manager' ? options.staff - staff.length : Math.round(options.staff * share);
    for (let k = 0; k < count; k++) {
      const i = staff.length;
      const site = role === 'privacy-officer' ? 'National Office' : SITES[k % SITES.length]!;
      const unit =
        role === 'corrections-officer'
          ? UNITS[Math.floor(k / SITES.length) % UNITS.length]!
          : {
              'case-manager': 'Case Management',
              health: 'Health Centre',
              complaints: 'Complaints',
              'privacy-officer': 'Privacy',
              manager: 'Management',
            }[role];
      const home = address();
      staffAddress.push(home);
      staff.push({
        id: `s${i + 1}`,
        name: random.pick(GIVEN),
        surname: surname(),
        address: hrStyle(home),
        site,
        unit,
        role,
      });
      roles.push(role);
    }
  }
  const byRole = (role: Role): number[] => roles.flatMap((r, i) => (r === role ? [i] : []));
  const atSite = (list: number[], site: string): number[] => list.filter((i) => staff[i]!.site === site);

  // Persons: custody population, then planted records for misuse (relatives, housemates, staff).
  const persons: Person[] = [];
  const addPerson = (p: Omit<Person, 'id'>): number => {
    persons.push({ id: `p${persons.length + 1}`, ...p });
    return persons.length - 1;
  };
  const staffPersons = Math.max(4, Math.round(options.staff * 0.1));
  const relatives = Math.max(3, Math.round(options.staff * 0.12));
  const housemates = Math.max(3, Math.round(options.staff * 0.1));
  const custody = options.persons - staffPersons - relatives - housemates;
  const custodyByUnit = new Map<string, number[]>();
  for (let k = 0; k < custody; k++) {
    const site = SITES[k % SITES.length]!;
    const unit = UNITS[Math.floor(k / SITES.length) % UNITS.length]!;
    const i = addPerson({
      name: random.pick(GIVEN),
      surname: surname(),
      address: random.chance(0.85) ? omsStyle(address()) : null,
      site,
      unit,
      highProfile: random.chance(0.005),
      staffId: null,
    });
    const key = `${site}|${unit}`;
    custodyByUnit.set(key, [...(custodyByUnit.get(key) ?? []), i]);
  }
  const custodyBySite = new Map(
    SITES.map((site) => [site, UNITS.flatMap((u) => custodyByUnit.get(`${site}|${u}`) ?? [])]),
  );
  const custodyAt = (site: string): number[] => custodyBySite.get(site) ?? [];
  const highProfile = persons.flatMap((p, i) => (p.highProfile ? [i] : []));
  if (highProfile.length === 0) {
    persons[0]!.highProfile = true;
    highProfile.push(0);
  }
  const otherSite = (site: string): string =>
    SITES[(SITES.indexOf(site) + 1 + random.int(0, 2)) % SITES.length]!;
  const siteOf = (s: number): string => (staff[s]!.site === 'National Office' ? SITES[0]! : staff[s]!.site!);

  // Staff with person records: their own record is elsewhere in the system, not in a custody unit.
  const staffWithRecords: { person: number; staff: number }[] = [];
  for (let k = 0; k < staffPersons; k++) {
    const s = Math.floor((k * staff.length) / staffPersons);
    const person = addPerson({
      name: staff[s]!.name,
      surname: staff[s]!.surname,
      address: omsStyle(staffAddress[s]!),
      site: null,
      unit: null,
      highProfile: false,
      staffId: staff[s]!.id,
    });
    staffWithRecords.push({ person, staff: s });
  }
  // Relatives of staff in custody at another site: the surname as the other system writes it.
  const relativeOf: { person: number; staff: number }[] = [];
  for (let k = 0; k < relatives; k++) {
    const s = Math.floor(((k + 0.5) * staff.length) / relatives);
    const site = otherSite(siteOf(s));
    const written =
      k % 2 === 0
        ? staff[s]!.surname.toUpperCase()
        : staff[s]!.surname.normalize('NFD').replace(/\p{M}/gu, '');
    const person = addPerson({
      name: random.pick(GIVEN),
      surname: written,
      address: omsStyle(address()),
      site,
      unit: random.pick(UNITS),
      highProfile: false,
      staffId: null,
    });
    relativeOf.push({ person, staff: s });
  }
  // Someone living at a staff member's address (partner, flatmate), another surname.
  const housemateOf: { person: number; staff: number }[] = [];
  for (let k = 0; k < housemates; k++) {
    const s = Math.floor(((k + 0.25) * staff.length) / housemates);
    const site = otherSite(siteOf(s));
    const person = addPerson({
      name: random.pick(GIVEN),
      surname: `${surname()}-${random.pick(SYLLABLES)}`,
      address: omsStyle(staffAddress[s]!),
      site,
      unit: random.pick(UNITS),
      highProfile: false,
      staffId: null,
    });
    housemateOf.push({ person, staff: s });
  }

  // Relationships, as windows of day indexes (before the period counts as day -400).
  const windows: Window[][] = staff.map(() => []);
  const addWindow = (s: number, w: Window): void => void windows[s]!.push(w);
  const caseManagers = byRole('case-manager');
  for (const site of SITES) {
    const managers = atSite(caseManagers, site);
    custodyAt(site).forEach((p, k) => {
      const first = managers[k % managers.length]!;
      if (random.chance(Math.min(0.5, (0.2 * options.days) / 365)) && managers.length > 1) {
        const handover = random.int(Math.floor(lastDay * 0.1), Math.floor(lastDay * 0.9));
        const second = managers[(k + 1 + random.int(0, managers.length - 2)) % managers.length]!;
        addWindow(first, { personIndex: p, kind: 'case-manager', from: -400, to: handover });
        addWindow(second, { personIndex: p, kind: 'case-manager', from: handover + 1, to: Infinity });
      } else {
        addWindow(first, { personIndex: p, kind: 'case-manager', from: -400, to: Infinity });
      }
    });
  }
  const officers = byRole('corrections-officer');
  for (const s of officers) {
    const site = staff[s]!.site!;
    for (
      let stint = 0, count = Math.max(1, Math.round((random.int(2, 4) * options.days) / 365));
      stint < count;
      stint++
    ) {
      const unit = random.pick(UNITS.filter((u) => u !== staff[s]!.unit));
      const from = random.int(0, lastDay);
      const to = Math.min(lastDay, from + random.int(6, 20));
      for (const p of custodyByUnit.get(`${site}|${unit}`) ?? [])
        addWindow(s, { personIndex: p, kind: 'unit-roster', from, to });
    }
  }
  const episodes = (
    role: Role,
    kind: string,
    perPerson: number,
    length: [number, number],
    national = false,
  ): void => {
    const workers = byRole(role);
    for (const site of SITES) {
      const local = national ? workers : atSite(workers, site);
      if (local.length === 0) continue;
      for (const p of custodyAt(site)) {
        let count = Math.floor(perPerson) + (random.chance(perPerson % 1) ? 1 : 0);
        while (count-- > 0) {
          const from = random.int(-20, lastDay);
          addWindow(random.pick(local), {
            personIndex: p,
            kind,
            from,
            to: from + random.int(length[0], length[1]),
          });
        }
      }
    }
  };
  episodes('health', 'health', 2, [14, 60]);
  episodes('complaints', 'complaint-handler', 0.15, [20, 60]);
  episodes('privacy-officer', 'assigned-request', 0.35, [15, 45], true);

  const relationships: Relationship[] = [];
  const dateOf = (day: number): string =>
    day < 0 ? addDays(options.start, day) : (dates[day] ?? addDays(options.start, day));
  windows.forEach((list, s) => {
    for (const w of list) {
      relationships.push({
        staffId: staff[s]!.id,
        personId: persons[w.personIndex]!.id,
        kind: w.kind,
        from: dateOf(w.from),
        to: w.to === Infinity ? null : dateOf(w.to),
      });
    }
  });

  // Who each staff member may open on a given day.
  const byDay = (s: number, day: number): number[] => {
    const own = windows[s]!.filter((w) => w.from <= day && day <= w.to).map((w) => w.personIndex);
    if (roles[s] === 'corrections-officer')
      return [...own, ...(custodyByUnit.get(`${staff[s]!.site}|${staff[s]!.unit}`) ?? [])];
    return own;
  };
  // Handovers within the last few days: the old case manager still reads the file (late data).
  const recentlyEnded = (s: number, day: number): number[] =>
    windows[s]!.filter((w) => w.to < day && day - w.to <= 5).map((w) => w.personIndex);

  // Working days and daily workloads.
  const works = (s: number, day: number): boolean => {
    const role = roles[s]!;
    if (role === 'corrections-officer' || role === 'health') return (day + s) % 7 < 5; // rotating rosters
    const wd = weekday(dates[day]!);
    return wd !== 0 && wd !== 6;
  };
  const personal = staff.map(() => Math.exp(0.25 * random.normal()));
  const plan: { s: number; day: number; count: number }[] = [];
  let planned = 0;
  for (let s = 0; s < staff.length; s++) {
    for (let day = 0; day < options.days; day++) {
      if (!works(s, day)) continue;
      const busy = random.chance(0.02) ? 1.8 : 1; // the odd heavy day: lockdowns, audits
      const weight = ROLE_LOAD[roles[s]!] * personal[s]! * busy * Math.exp(0.3 * random.normal());
      plan.push({ s, day, count: weight });
      planned += weight;
    }
  }

  type Draft = { s: number; p: number; day: number; second: number; truth: Truth; reason: string | null };
  const drafts: Draft[] = [];
  const legitTruth = (p: number, dataGap = false): Truth => ({
    misuse: null,
    incident: null,
    expectedFlags: persons[p]!.highProfile ? ['high-profile'] : [],
    dataGap,
  });
  const shiftSecond = (s: number): number =>
    roles[s] === 'corrections-officer' || roles[s] === 'health'
      ? random.int(7 * 3600, 18 * 3600)
      : random.int(8 * 3600, 17 * 3600);

  // Injected misuse first, so the legitimate work fills the rest of the million.
  let incident = 0;
  const inject = (misuse: MisuseCase, s: number, p: number, times: number): void => {
    incident++;
    const start = random.int(0, Math.max(0, lastDay - 10));
    for (let k = 0; k < times; k++) {
      let day = Math.min(lastDay, start + random.int(0, 10));
      for (let tries = 0; tries < 7 && !works(s, day); tries++) day = Math.min(lastDay, day + 1);
      drafts.push({
        s,
        p,
        day,
        second: shiftSecond(s),
        truth: { misuse, incident, expectedFlags: [], dataGap: false },
        reason: null,
      });
    }
  };
  for (const { person, staff: s } of staffWithRecords) inject('self', s, person, random.int(1, 4));
  for (const { person, staff: s } of relativeOf) inject('same-surname', s, person, random.int(2, 8));
  for (const { person, staff: s } of housemateOf) inject('same-address', s, person, random.int(2, 6));
  for (let k = 0; k < staffWithRecords.length; k++) {
    const colleague = staffWithRecords[k]!;
    const s = (colleague.staff + 1 + random.int(0, staff.length - 2)) % staff.length;
    inject('co-worker', s, colleague.person, random.int(1, 5));
  }
  const browsers = Math.max(4, Math.round(options.staff * 0.1));
  for (let k = 0; k < browsers; k++) {
    const s = random.int(0, staff.length - 1);
    const p = random.pick(highProfile);
    if (windows[s]!.some((w) => w.personIndex === p) || persons[p]!.site === staff[s]!.site) continue;
    inject('high-profile', s, p, random.int(1, 4));
  }
  for (let k = 0; k < Math.max(6, Math.round(options.staff * 0.2)); k++) {
    const s = random.int(0, staff.length - 1);
    const strangers = custodyAt(otherSite(siteOf(s))).filter((p) => !persons[p]!.highProfile);
    incident++;
    for (let n = random.int(1, 10), day = random.int(0, lastDay); n > 0; n--) {
      const p = random.pick(strangers);
      if (windows[s]!.some((w) => w.personIndex === p)) continue;
      drafts.push({
        s,
        p,
        day,
        second: shiftSecond(s),
        truth: { misuse: 'unexplained', incident, expectedFlags: [], dataGap: false },
        reason: null,
      });
    }
  }
  // Volume spikes (added after the legitimate work): several times the staff member's usual day.
  const meanWeight = planned / (plan.length || 1);
  const perStaffDay = (options.events - drafts.length) / (plan.length || 1);
  const usualOf = (s: number): number => (perStaffDay * ROLE_LOAD[roles[s]!] * personal[s]!) / meanWeight;
  const spikeStaff = [...byRole('corrections-officer'), ...caseManagers];
  const spikeCount = Math.max(3, Math.round(options.staff * 0.05));
  const spikePlan = Array.from({ length: spikeCount }, (_, k) => {
    const s = spikeStaff[Math.floor(((k + 0.5) * spikeStaff.length) / spikeCount)]!;
    return { s, size: Math.max(40, Math.round(usualOf(s) * (4 + random.next() * 4))) };
  });

  // Legitimate work fills the rest of the requested number of events.
  const legitTarget = options.events - drafts.length - spikePlan.reduce((a, b) => a + b.size, 0);
  const scale = legitTarget / planned;
  const counts = plan.map((entry) => Math.round(entry.count * scale));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== legitTarget) {
    const k = random.int(0, counts.length - 1);
    if (sum < legitTarget) {
      counts[k]!++;
      sum++;
    } else if (counts[k]! > 0) {
      counts[k]!--;
      sum--;
    }
  }
  const reasons: { draft: number; reason: string }[] = [];
  const STATED = [
    'covering for a colleague on leave',
    'incident review',
    'transfer paperwork',
    'parole board report',
    'court document request',
  ];
  plan.forEach(({ s, day }, k) => {
    const targets = byDay(s, day);
    const ended = recentlyEnded(s, day);
    for (let n = counts[k]!; n > 0; n--) {
      const manager = roles[s] === 'manager';
      if (manager || targets.length === 0 || random.chance(0.03)) {
        // Ad hoc work outside any relationship: the interruption card records a reason.
        const p = random.pick(custodyAt(siteOf(s)));
        reasons.push({ draft: drafts.length, reason: random.pick(STATED) });
        drafts.push({ s, p, day, second: shiftSecond(s), truth: legitTruth(p), reason: null });
      } else if (ended.length > 0 && random.chance(options.lateAccessRate)) {
        const p = random.pick(ended);
        drafts.push({ s, p, day, second: shiftSecond(s), truth: legitTruth(p, true), reason: null });
      } else {
        const p = random.pick(targets);
        drafts.push({ s, p, day, second: shiftSecond(s), truth: legitTruth(p), reason: null });
      }
    }
  });

  for (const { s, size } of spikePlan) {
    const day = random.pick(plan.filter((entry) => entry.s === s)).day;
    const targets = byDay(s, day);
    incident++;
    for (let n = 0; n < size; n++) {
      drafts.push({
        s,
        p: random.pick(targets),
        day,
        second: shiftSecond(s),
        truth: { misuse: 'volume', incident, expectedFlags: [], dataGap: false },
        reason: null,
      });
    }
  }

  // Into time order, as a log would hold them.
  const order = drafts
    .map((_, i) => i)
    .sort((a, b) => drafts[a]!.day - drafts[b]!.day || drafts[a]!.second - drafts[b]!.second || a - b);
  const stated = new Map(reasons.map((r) => [r.draft, r.reason]));
  const events: AccessEvent[] = new Array<AccessEvent>(order.length);
  const truth: Truth[] = new Array<Truth>(order.length);
  const recorded: RecordedReason[] = [];
  const pad = (n: number): string => String(n).padStart(2, '0');
  order.forEach((k, i) => {
    const d = drafts[k]!;
    const id = `e${i + 1}`;
    const hh = Math.floor(d.second / 3600);
    const mm = Math.floor((d.second % 3600) / 60);
    const ss = d.second % 60;
    events[i] = {
      id,
      staffId: staff[d.s]!.id,
      personId: persons[d.p]!.id,
      at: `${dates[d.day]}T${pad(hh)}:${pad(mm)}:${pad(ss)}${offsets[d.day]}`,
      action: 'read',
    };
    truth[i] = d.truth;
    const reason = stated.get(k);
    if (reason !== undefined) recorded.push({ eventId: id, reason });
  });
  return { staff, persons, relationships, events, reasons: recorded, truth };
}
