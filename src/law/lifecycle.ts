/**
 * A request's lifecycle as a pure state machine. Given a snapshot of the request, an event and the
 * current instant, {@link transition} says what changes and a line for the timeline, or refuses with a
 * reason in words. The register stores the snapshot and records who did it and when.
 */
import { type IsoDate, isIsoDate, nzDateOf } from './calendar.ts';
import {
  type ExtensionGround,
  type StatutoryTrack,
  clockProvisions,
  decisionDue,
  transferDue,
  triageDueAt,
  validateExtension,
} from './clocks.ts';

/** Where a request stands. */
export type RequestStatus =
  /** Received; the 24-hour triage clock is running (C.09). */
  | 'awaiting-triage'
  /** Triaged and being worked on. */
  | 'open'
  /** The requester has been asked to clarify. */
  | 'awaiting-clarification'
  /** Drafted and with the decision maker (C.09.05). */
  | 'awaiting-decision'
  /** A decision has been made. */
  | 'decided'
  /** Information released to the requester. */
  | 'released'
  /** Finished. */
  | 'closed'
  /** Transferred to another agency (s 43, s 62, OIA s 14). */
  | 'transferred'
  /** Withdrawn by the requester. */
  | 'withdrawn'
  /** A kiosk request not triaged within 24 hours, now a complaint (C.09). */
  | 'escalated-to-complaint';

/** Every status, in lifecycle order. */
export const REQUEST_STATUSES: readonly RequestStatus[] = Object.freeze([
  'awaiting-triage',
  'open',
  'awaiting-clarification',
  'awaiting-decision',
  'decided',
  'released',
  'closed',
  'transferred',
  'withdrawn',
  'escalated-to-complaint',
]);

/** The track a request is handled on after triage. */
export type Track = StatutoryTrack | 'complaint';

/** Every track. */
export const TRACKS: readonly Track[] = Object.freeze([
  'privacy-access',
  'privacy-correction',
  'official-information',
  'complaint',
]);

/** How the request arrived. For paper and oral the clock starts when the officer acknowledges it (C.09.03.4). */
export type Channel = 'kiosk' | 'web' | 'paper' | 'oral' | 'email' | 'post';

/** What was decided. */
export type DecisionOutcome =
  | 'granted'
  | 'granted-in-part'
  | 'granted-with-conditions'
  | 'refused'
  | 'neither-confirm-nor-deny'
  | 'corrected'
  | 'corrected-in-part'
  | 'correction-refused'
  | 'upheld'
  | 'not-upheld';

/** Which outcomes each track can end in (s 44 and s 47 and s 54; s 63 and IPP 7; OIA ss 10, 15, 18). */
export const OUTCOMES_BY_TRACK: Readonly<Record<Track, readonly DecisionOutcome[]>> = Object.freeze({
  'privacy-access': [
    'granted',
    'granted-in-part',
    'granted-with-conditions',
    'refused',
    'neither-confirm-nor-deny',
  ],
  'official-information': [
    'granted',
    'granted-in-part',
    'granted-with-conditions',
    'refused',
    'neither-confirm-nor-deny',
  ],
  'privacy-correction': ['corrected', 'corrected-in-part', 'correction-refused'],
  complaint: ['upheld', 'not-upheld'],
});

/** Outcomes under which information is released. */
export const RELEASING_OUTCOMES: readonly DecisionOutcome[] = Object.freeze([
  'granted',
  'granted-in-part',
  'granted-with-conditions',
]);

/** What the state machine needs to know about a request. */
export interface RequestSnapshot {
  status: RequestStatus;
  track: Track | null;
  channel: Channel;
  /** The instant the clock started (for paper and oral: when the officer acknowledged it). */
  receivedAt: Date;
  /** The NZ calendar date of `receivedAt`. */
  receivedDate: IsoDate;
  /** The current decision due date (the extended one after an extension). */
  decisionDueDate: IsoDate;
  extensionCount: number;
  transferDueDate: IsoDate;
  assignedOfficerId: string | null;
  urgent: boolean;
  decisionOutcome: DecisionOutcome | null;
}

/** Everything that can happen to a request. */
export type LifecycleEvent =
  | { type: 'triage'; track: Track }
  | { type: 'assign'; officerId: string }
  | { type: 'ask-clarification'; question: string }
  | { type: 'clarification-answered'; answer: string }
  | { type: 'set-urgency'; granted: boolean; reason: string }
  | { type: 'extend'; ground: ExtensionGround; newDueDate: IsoDate; noticeDate: IsoDate }
  | { type: 'transfer'; agency: string; noticeDate: IsoDate }
  | { type: 'route-to-oia'; reason: string }
  | { type: 'withdraw'; reason: string }
  | { type: 'submit-for-decision' }
  | { type: 'decide'; outcome: DecisionOutcome }
  /** The decision maker sends the drafted decision back to the officer with a note (C.09.05). */
  | { type: 'return-to-officer'; note: string }
  | { type: 'release' }
  | { type: 'close' }
  | { type: 'escalate-untriaged' };

/** The kind of an event. */
export type LifecycleEventType = LifecycleEvent['type'];

/** Every event type, in the order {@link allowedEvents} lists them. */
export const EVENT_TYPES: readonly LifecycleEventType[] = Object.freeze([
  'triage',
  'route-to-oia',
  'assign',
  'set-urgency',
  'ask-clarification',
  'clarification-answered',
  'extend',
  'transfer',
  'submit-for-decision',
  'decide',
  'return-to-officer',
  'release',
  'close',
  'withdraw',
  'escalate-untriaged',
]);

/** Why a move is refused. */
export type LifecycleRefusalCode =
  /** The event cannot happen in the request's current status. */
  | 'wrong-status'
  /** The request has no track yet; triage it first. */
  | 'not-triaged'
  /** The event does not apply to the request's track. */
  | 'wrong-track'
  /** A field of the event is missing or malformed. */
  | 'invalid'
  /** A statutory deadline for this step has passed. */
  | 'too-late'
  /** The step's time has not yet come. */
  | 'too-early'
  /** The event applies only to requests from another channel. */
  | 'wrong-channel'
  /** No officer is assigned. */
  | 'not-assigned'
  /** The time limit has already been extended once. */
  | 'already-extended'
  /** The decision released nothing. */
  | 'nothing-to-release';

/** The outcome of an event. */
export type Transition =
  | { ok: true; status: RequestStatus; changes: Partial<RequestSnapshot>; timeline: string }
  | { ok: false; code: LifecycleRefusalCode; reason: string };

type Refusal = Extract<Transition, { ok: false }>;

const ACTIVE: readonly RequestStatus[] = [
  'awaiting-triage',
  'open',
  'awaiting-clarification',
  'awaiting-decision',
];

/** The statuses in which each event may happen. */
export const EVENT_STATUSES: Readonly<Record<LifecycleEventType, readonly RequestStatus[]>> = Object.freeze({
  triage: ['awaiting-triage'],
  'route-to-oia': ['awaiting-triage', 'open', 'awaiting-clarification'],
  assign: [...ACTIVE, 'decided', 'escalated-to-complaint'],
  'set-urgency': ACTIVE,
  'ask-clarification': ['open'],
  'clarification-answered': ['awaiting-clarification'],
  extend: ['open', 'awaiting-clarification', 'awaiting-decision'],
  transfer: ['awaiting-triage', 'open', 'awaiting-clarification'],
  'submit-for-decision': ['open'],
  decide: ['awaiting-decision'],
  'return-to-officer': ['awaiting-decision'],
  release: ['decided'],
  close: ['decided', 'released', 'escalated-to-complaint'],
  withdraw: ACTIVE,
  'escalate-untriaged': ['awaiting-triage'],
});

const STATUS_WORDS: Record<RequestStatus, string> = {
  'awaiting-triage': 'awaiting triage',
  open: 'open',
  'awaiting-clarification': 'waiting for the requester to clarify it',
  'awaiting-decision': 'awaiting a decision',
  decided: 'decided',
  released: 'released',
  closed: 'closed',
  transferred: 'transferred to another agency',
  withdrawn: 'withdrawn',
  'escalated-to-complaint': 'escalated to a complaint',
};

const EVENT_WORDS: Record<LifecycleEventType, string> = {
  triage: 'be triaged',
  'route-to-oia': 'be routed to the Official Information Act track',
  assign: 'be assigned',
  'set-urgency': 'have its urgency decided',
  'ask-clarification': 'have clarification asked for',
  'clarification-answered': 'have a clarification recorded',
  extend: 'be extended',
  transfer: 'be transferred',
  'submit-for-decision': 'be submitted for decision',
  decide: 'be decided',
  'return-to-officer': 'be returned to the officer',
  release: 'be released',
  close: 'be closed',
  withdraw: 'be withdrawn',
  'escalate-untriaged': 'be escalated as untriaged',
};

const TRACK_WORDS: Record<Track, string> = {
  'privacy-access': 'Privacy Act access',
  'privacy-correction': 'Privacy Act correction',
  'official-information': 'Official Information Act',
  complaint: 'complaint',
};

const OUTCOME_WORDS: Record<DecisionOutcome, string> = {
  granted: 'access granted',
  'granted-in-part': 'access granted in part, with the withheld parts removed and the reasons given',
  'granted-with-conditions': 'released with conditions instead of refused',
  refused: 'refused, with the reason and the right to complain',
  'neither-confirm-nor-deny': 'neither confirmed nor denied that the information exists',
  corrected: 'information corrected',
  'corrected-in-part': 'information corrected in part',
  'correction-refused': 'correction refused, with reasons and the right to attach a statement of correction',
  upheld: 'complaint upheld',
  'not-upheld': 'complaint not upheld',
};

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function refuse(code: LifecycleRefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function transferRule(track: Track | null): string {
  return track === null || track === 'complaint'
    ? 'Privacy Act 2020 s 43; Official Information Act 1982 s 14'
    : clockProvisions(track).transfer;
}

/**
 * The checks that depend only on the request and the time, not on the event's fields; shared by
 * {@link transition} and {@link allowedEvents} so the two always agree.
 */
function precheck(s: RequestSnapshot, type: LifecycleEventType, now: Date): Refusal | null {
  const statuses = EVENT_STATUSES[type];
  if (!statuses.includes(s.status)) {
    return refuse(
      'wrong-status',
      `This request is ${STATUS_WORDS[s.status]}, so it cannot ${EVENT_WORDS[type]}; that is possible only when it is ${orList(statuses.map((x) => STATUS_WORDS[x]))}`,
    );
  }
  switch (type) {
    case 'extend':
      if (s.track === null)
        return refuse('not-triaged', 'Triage the request before extending its time limit');
      if (s.track === 'complaint') {
        return refuse(
          'wrong-track',
          'A complaint has no statutory time limit to extend under s 48, s 65 or OIA s 15A',
        );
      }
      if (s.extensionCount > 0) {
        return refuse(
          'already-extended',
          `The time limit has already been extended (now ${s.decisionDueDate}); it may be extended only once (${clockProvisions(s.track).extension})`,
        );
      }
      return null;
    case 'transfer':
      if (s.track === 'complaint') {
        return refuse(
          'wrong-track',
          'A complaint is not a request that can be transferred to another agency',
        );
      }
      return null;
    case 'route-to-oia':
      if (s.track === 'official-information') {
        return refuse('wrong-track', 'The request is already on the Official Information Act track');
      }
      if (s.track === 'complaint') {
        return refuse('wrong-track', 'A complaint is not routed to the Official Information Act track');
      }
      return null;
    case 'ask-clarification':
    case 'decide':
      if (s.track === null)
        return refuse('not-triaged', `Triage the request before it can ${EVENT_WORDS[type]}`);
      return null;
    case 'submit-for-decision':
      if (s.track === null)
        return refuse('not-triaged', 'Triage the request before submitting it for decision');
      if (s.assignedOfficerId === null) {
        return refuse('not-assigned', 'Assign an officer to the request before submitting it for decision');
      }
      return null;
    case 'release':
      if (s.decisionOutcome === null || !RELEASING_OUTCOMES.includes(s.decisionOutcome)) {
        return refuse(
          'nothing-to-release',
          `The decision (${s.decisionOutcome === null ? 'none recorded' : OUTCOME_WORDS[s.decisionOutcome]}) releases no information; close the request instead`,
        );
      }
      return null;
    case 'escalate-untriaged': {
      if (s.channel !== 'kiosk') {
        return refuse(
          'wrong-channel',
          `Only a kiosk request becomes a complaint when it is not triaged within 24 hours; this one came by ${s.channel} (C.09)`,
        );
      }
      const due = triageDueAt(s.receivedAt);
      if (now.getTime() < due.getTime()) {
        return refuse(
          'too-early',
          `Triage is due by ${due.toISOString()} (24 hours after receipt, C.09); the request cannot be escalated before then`,
        );
      }
      return null;
    }
    case 'triage':
    case 'assign':
    case 'set-urgency':
    case 'clarification-answered':
    case 'return-to-officer':
    case 'close':
    case 'withdraw':
      return null;
  }
}

/**
 * Applies an event to a request. `now` is the current instant; "today" is its NZ date.
 * @example transition(snapshot, { type: 'triage', track: 'privacy-access' }, new Date()) // { ok: true, status: 'open', changes: { track: 'privacy-access' }, timeline: 'Triaged to the Privacy Act access track; …' }
 * @example transition(extended, { type: 'extend', … }, now) // { ok: false, code: 'already-extended', reason: 'The time limit has already been extended …' }
 */
export function transition(s: RequestSnapshot, event: LifecycleEvent, now: Date): Transition {
  const blocked = precheck(s, event.type, now);
  if (blocked) return blocked;
  const today = nzDateOf(now);
  switch (event.type) {
    case 'triage': {
      if (!TRACKS.includes(event.track)) {
        return refuse(
          'invalid',
          `The track must be one of ${orList(TRACKS)}, not ${JSON.stringify(event.track)}`,
        );
      }
      const clock =
        event.track === 'complaint'
          ? 'It will be handled as a complaint'
          : `Decision due ${s.decisionDueDate} (${clockProvisions(event.track).decision}); transfer, if any, by ${s.transferDueDate} (${clockProvisions(event.track).transfer})`;
      return {
        ok: true,
        status: 'open',
        changes: { status: 'open', track: event.track },
        timeline: `Triaged to the ${TRACK_WORDS[event.track]} track. ${clock}.`,
      };
    }
    case 'route-to-oia': {
      if (!nonEmpty(event.reason)) return refuse('invalid', 'Give the reason for routing to the OIA track');
      const oia = clockProvisions('official-information');
      const status = s.status === 'awaiting-triage' ? 'open' : s.status;
      return {
        ok: true,
        status,
        changes: { status, track: 'official-information' },
        timeline: `Routed to the Official Information Act track: ${event.reason.trim()}. The OIA clock applies: decision due ${s.decisionDueDate} (${oia.decision}); transfer, if any, by ${s.transferDueDate} (${oia.transfer}).`,
      };
    }
    case 'assign': {
      if (!nonEmpty(event.officerId))
        return refuse('invalid', 'Say which officer the request is assigned to');
      const officerId = event.officerId.trim();
      if (officerId === s.assignedOfficerId) {
        return refuse('invalid', `The request is already assigned to officer ${officerId}`);
      }
      return {
        ok: true,
        status: s.status,
        changes: { assignedOfficerId: officerId },
        timeline:
          s.assignedOfficerId === null
            ? `Assigned to officer ${officerId}.`
            : `Reassigned from officer ${s.assignedOfficerId} to officer ${officerId}.`,
      };
    }
    case 'set-urgency':
      if (typeof event.granted !== 'boolean')
        return refuse('invalid', 'Say whether urgency is granted or refused');
      if (!nonEmpty(event.reason)) {
        return refuse('invalid', `Give the reason urgency is ${event.granted ? 'granted' : 'refused'}`);
      }
      return {
        ok: true,
        status: s.status,
        changes: { urgent: event.granted },
        timeline: `Urgency ${event.granted ? 'granted' : 'refused'}: ${event.reason.trim()}.`,
      };
    case 'ask-clarification':
      if (!nonEmpty(event.question)) return refuse('invalid', 'Write the question the requester is asked');
      return {
        ok: true,
        status: 'awaiting-clarification',
        changes: { status: 'awaiting-clarification' },
        timeline: `Asked the requester to clarify: ${event.question.trim()}`,
      };
    case 'clarification-answered':
      if (!nonEmpty(event.answer)) return refuse('invalid', 'Record what the requester answered');
      return {
        ok: true,
        status: 'open',
        changes: { status: 'open' },
        timeline: `The requester clarified: ${event.answer.trim()}`,
      };
    case 'extend': {
      // precheck has ensured a statutory track.
      const track = s.track as StatutoryTrack;
      const check = validateExtension({
        track,
        ground: event.ground,
        originalDueDate: s.decisionDueDate,
        noticeDate: event.noticeDate,
        newDueDate: event.newDueDate,
        extensionCount: s.extensionCount,
        receivedDate: s.receivedDate,
        today,
      });
      if (!check.ok) {
        const code: LifecycleRefusalCode =
          check.code === 'notice-late'
            ? 'too-late'
            : check.code === 'second-extension'
              ? 'already-extended'
              : 'invalid';
        return refuse(code, check.reason);
      }
      return {
        ok: true,
        status: s.status,
        changes: { decisionDueDate: check.newDueDate, extensionCount: s.extensionCount + 1 },
        timeline: `Time limit extended from ${s.decisionDueDate} to ${check.newDueDate}, ${check.workingDays} working days, notice given on ${event.noticeDate}. ${check.explanation}`,
      };
    }
    case 'transfer': {
      if (!nonEmpty(event.agency)) return refuse('invalid', 'Name the agency the request is transferred to');
      if (!isIsoDate(event.noticeDate)) {
        return refuse(
          'invalid',
          `The notice date must be a date written YYYY-MM-DD, not ${JSON.stringify(event.noticeDate)}`,
        );
      }
      if (event.noticeDate < s.receivedDate || event.noticeDate > today) {
        return refuse(
          'invalid',
          `The notice date, ${event.noticeDate}, must be between the day the request was received, ${s.receivedDate}, and today, ${today}`,
        );
      }
      const rule = transferRule(s.track);
      if (event.noticeDate > s.transferDueDate) {
        return refuse(
          'too-late',
          `A request may be transferred only within 10 working days after the day it was received, by ${s.transferDueDate}; notice on ${event.noticeDate} is too late (${rule}). The agency must decide it itself`,
        );
      }
      return {
        ok: true,
        status: 'transferred',
        changes: { status: 'transferred' },
        timeline: `Transferred to ${event.agency.trim()}; the requester was told on ${event.noticeDate} (${rule}).`,
      };
    }
    case 'submit-for-decision':
      return {
        ok: true,
        status: 'awaiting-decision',
        changes: { status: 'awaiting-decision' },
        timeline: `Submitted to the decision maker (C.09.05); decision due ${s.decisionDueDate}.`,
      };
    case 'decide': {
      const track = s.track as Track;
      const allowed = OUTCOMES_BY_TRACK[track];
      if (!allowed.includes(event.outcome)) {
        return refuse(
          'invalid',
          `A ${TRACK_WORDS[track]} request cannot be decided as ${JSON.stringify(event.outcome)}; the outcome must be ${orList(allowed)}`,
        );
      }
      const late = today > s.decisionDueDate ? ` The decision is late: it was due ${s.decisionDueDate}.` : '';
      return {
        ok: true,
        status: 'decided',
        changes: { status: 'decided', decisionOutcome: event.outcome },
        timeline: `Decided: ${OUTCOME_WORDS[event.outcome]}.${late}`,
      };
    }
    case 'return-to-officer':
      if (!nonEmpty(event.note)) {
        return refuse('invalid', 'Write a note telling the officer why the decision is returned');
      }
      return {
        ok: true,
        status: 'open',
        changes: { status: 'open' },
        timeline: `The decision maker returned the draft decision to the officer (C.09.05): ${event.note.trim()}`,
      };
    case 'release':
      return {
        ok: true,
        status: 'released',
        changes: { status: 'released' },
        timeline: 'Information released to the requester.',
      };
    case 'close':
      return { ok: true, status: 'closed', changes: { status: 'closed' }, timeline: 'Closed.' };
    case 'withdraw':
      if (!nonEmpty(event.reason))
        return refuse('invalid', 'Record why, or how, the requester withdrew the request');
      return {
        ok: true,
        status: 'withdrawn',
        changes: { status: 'withdrawn' },
        timeline: `Withdrawn by the requester: ${event.reason.trim()}.`,
      };
    case 'escalate-untriaged':
      return {
        ok: true,
        status: 'escalated-to-complaint',
        changes: { status: 'escalated-to-complaint', track: 'complaint' },
        timeline: `Not triaged within 24 hours of receipt (due ${triageDueAt(s.receivedAt).toISOString()}); the kiosk request became a complaint automatically (C.09).`,
      };
  }
}

/**
 * What can happen next to a request at `now`: every event type for which some valid event exists.
 * @example allowedEvents(newRequest, now) // ['triage', 'route-to-oia', 'assign', 'set-urgency', 'transfer', 'withdraw']
 */
export function allowedEvents(s: RequestSnapshot, now: Date): LifecycleEventType[] {
  return EVENT_TYPES.filter((type) => precheck(s, type, now) === null);
}

/** What a new request needs to start its clocks. */
export interface NewRequestInput {
  channel: Channel;
  /** When it was received (for paper and oral: when the officer acknowledged it, C.09.03.4). */
  receivedAt: Date;
  urgent?: boolean;
}

/**
 * The snapshot of a request just received: awaiting triage, with its clocks started from the NZ date
 * of receipt (decision: 20 working days, s 44; transfer: 10 working days, s 43).
 * @example newRequestSnapshot({ channel: 'kiosk', receivedAt: new Date('2021-01-07T21:00:00Z') }).decisionDueDate // '2021-02-15'
 */
export function newRequestSnapshot(input: NewRequestInput): RequestSnapshot {
  const receivedDate = nzDateOf(input.receivedAt);
  return {
    status: 'awaiting-triage',
    track: null,
    channel: input.channel,
    receivedAt: input.receivedAt,
    receivedDate,
    decisionDueDate: decisionDue(receivedDate).date,
    extensionCount: 0,
    transferDueDate: transferDue(receivedDate).date,
    assignedOfficerId: null,
    urgent: input.urgent ?? false,
    decisionOutcome: null,
  };
}

/**
 * A snapshot with a successful transition's changes applied (convenience for callers and tests).
 * @example applyTransition(s, transition(s, { type: 'close' }, now))
 */
export function applyTransition(s: RequestSnapshot, t: Transition): RequestSnapshot {
  return t.ok ? { ...s, ...t.changes, status: t.status } : s;
}
