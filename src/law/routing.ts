/**
 * Routing (agency rule C.09.02.3; DESIGN "Routing"): a request is handled under the Privacy Act only
 * when it is for the requester's own information, made by the person or by an agent whose authority
 * is confirmed (C.09.02.2). Anything else is an Official Information Act request, with that Act's
 * clock and grounds.
 */
import { type ClockProvisions, type StatutoryTrack, clockProvisions } from './clocks.ts';

/** What the requester asked for. */
export type RequestKind = 'access' | 'correction' | 'official-information';

/** Who is asking, relative to the person the information is about. */
export type RequesterRelationship = 'self' | 'agent';

/** The facts routing depends on. */
export interface RoutingInput {
  kind: RequestKind;
  /** null or undefined: the requester is neither the person nor their agent. */
  relationship?: RequesterRelationship | null;
  /** For an agent: whether their written authority is uploaded or confirmed by the person (C.09.02.2). */
  authorityConfirmed?: boolean;
  /** Whether the request asks for information about people other than the person. */
  othersInformation?: boolean;
}

/** Where a request goes, why, and whose clock runs. */
export interface Routing {
  track: StatutoryTrack;
  act: ClockProvisions['act'];
  /** The provisions that set its clocks. */
  clock: ClockProvisions;
  /** Why, in words. */
  reason: string;
}

/**
 * Decides a request's track (C.09.02.3).
 * @example routeRequest({ kind: 'access', relationship: 'self' }).track // 'privacy-access'
 * @example routeRequest({ kind: 'access', relationship: 'agent', authorityConfirmed: false }).track // 'official-information'
 */
export function routeRequest(input: RoutingInput): Routing {
  const to = (track: StatutoryTrack, reason: string): Routing => {
    const clock = clockProvisions(track);
    return { track, act: clock.act, clock, reason };
  };
  const oia = (why: string): Routing =>
    to(
      'official-information',
      `${why}, so it is an Official Information Act request, with that Act's clock (s 15) and grounds (C.09.02.3)`,
    );
  if (input.kind === 'official-information')
    return oia('The request is made under the Official Information Act');
  if (input.othersInformation === true) return oia('The request asks for other people’s information');
  if (input.relationship === 'agent' && input.authorityConfirmed !== true) {
    return oia(
      'The requester says they act for the person but their written authority is not uploaded or confirmed by the person (C.09.02.2)',
    );
  }
  if (input.relationship !== 'self' && input.relationship !== 'agent') {
    return oia('The requester is neither the person the information is about nor their authorised agent');
  }
  const who =
    input.relationship === 'self' ? 'the person themselves' : 'an agent whose authority is confirmed';
  return input.kind === 'access'
    ? to(
        'privacy-access',
        `A request by ${who} for the person's own information: a Privacy Act access request (IPP 6; decision within 20 working days, s 44)`,
      )
    : to(
        'privacy-correction',
        `A request by ${who} to correct the person's own information: a Privacy Act correction request (IPP 7; decision within 20 working days, s 63)`,
      );
}
