import { z } from 'zod';

/** An identifier as the source systems write it: a non-empty string or an integer. */
export const idSchema = z.union([z.string().min(1), z.number().int()]);
export type Id = z.infer<typeof idSchema>;

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real calendar date');

/** ISO-8601 date-time with `Z` or an explicit ±hh:mm offset, so the instant is never guessed. */
export const instantSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be an ISO-8601 date-time with an offset, e.g. 2025-07-01T09:30:00+12:00',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date-time');

const optionalText = z
  .string()
  .nullable()
  .optional()
  .transform((value) => value ?? null);

/** A staff member: `staff.jsonl`. */
export const staffSchema = z.object({
  id: idSchema,
  name: optionalText,
  surname: z.string(),
  address: optionalText,
  site: optionalText,
  unit: optionalText,
  role: optionalText,
});
export type Staff = z.infer<typeof staffSchema>;

/** A person whose records are held: `persons.jsonl`. `staffId` is set when the person is also staff. */
export const personSchema = z.object({
  id: idSchema,
  name: optionalText,
  surname: z.string(),
  address: optionalText,
  site: optionalText,
  unit: optionalText,
  highProfile: z
    .boolean()
    .nullable()
    .optional()
    .transform((value) => value ?? false),
  staffId: idSchema
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
export type Person = z.infer<typeof personSchema>;

/** A work relationship, in force from `from` to `to` inclusive (NZ dates; `to` null while it lasts). */
export const relationshipSchema = z
  .object({
    staffId: idSchema,
    personId: idSchema,
    kind: z.string().min(1),
    from: calendarDateSchema,
    to: calendarDateSchema
      .nullable()
      .optional()
      .transform((value) => value ?? null),
  })
  .refine((r) => r.to === null || r.to >= r.from, { message: 'ends before it starts', path: ['to'] });
export type Relationship = z.infer<typeof relationshipSchema>;

/** One access to a person's record: `events.jsonl`. */
export const accessEventSchema = z.object({
  id: idSchema,
  staffId: idSchema,
  personId: idSchema,
  at: instantSchema,
  action: optionalText,
});
export type AccessEvent = z.infer<typeof accessEventSchema>;

/** A reason the staff member gave for an access with no relationship: `reasons.jsonl` (optional). */
export const recordedReasonSchema = z.object({
  eventId: idSchema,
  reason: z.string().min(1),
});
export type RecordedReason = z.infer<typeof recordedReasonSchema>;

/** Everything the engine reads. */
export interface EvaluationInput {
  staff: readonly Staff[];
  persons: readonly Person[];
  relationships: readonly Relationship[];
  events: readonly AccessEvent[];
  reasons?: readonly RecordedReason[];
}

/** The closed set of flags, in the order they are listed in output. */
export const FLAGS = [
  'self',
  'same-surname',
  'same-address',
  'co-worker',
  'high-profile',
  'unexplained',
  'volume',
] as const;
export type Flag = (typeof FLAGS)[number];

/** The engine's verdict on one access, printed by `tiaki audit evaluate` with keys in this order. */
export interface AccessExplanation {
  id: Id;
  explained: boolean;
  /** Relationship kinds in force (in relationship order), then `same-unit`, then `stated-reason`. */
  reasons: string[];
  flags: Flag[];
}
