// Every table, for drizzle-kit and for the typed client. Each module owns its own <module>.schema.ts.
export * from '../auth/auth.schema.ts';
export * from '../audit/audit.schema.ts';
export * from '../jobs/jobs.schema.ts';
export * from '../people/people.schema.ts';
export * from '../requests/requests.schema.ts';
export * from '../audit/audit-monitoring.schema.ts';
export * from '../documents/documents.schema.ts';
export * from '../decisions/decisions.schema.ts';
export * from '../release/release.schema.ts';
export * from '../corrections/corrections.schema.ts';
