/** The access explanation engine: one implementation used by the server and `tiaki audit evaluate`. */
export { explainAccesses, type ExplainOptions } from './engine.ts';
export { DEFAULT_VOLUME_OPTIONS, type VolumeOptions } from './volume.ts';
export { describeFlag, describeReason } from './describe.ts';
export { EvaluationInputError, loadEvaluationDir } from './load.ts';
export { normaliseAddress, normaliseSurname } from './normalise.ts';
export { nzDate } from './nz-date.ts';
export {
  FLAGS,
  accessEventSchema,
  personSchema,
  recordedReasonSchema,
  relationshipSchema,
  staffSchema,
  type AccessEvent,
  type AccessExplanation,
  type EvaluationInput,
  type Flag,
  type Id,
  type Person,
  type RecordedReason,
  type Relationship,
  type Staff,
} from './input.ts';
