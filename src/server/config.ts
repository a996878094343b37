import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every environment variable Tiaki reads, with its default. README's configuration table mirrors this. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  TIAKI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromEnv.default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  JOBS_ENABLED: booleanFromEnv.default(true),
  JOBS_POLL_MS: z.coerce.number().int().positive().default(1000),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Tiaki privacy office <privacy@tiaki.invalid>'),
  /** The office named at the head of every letter and notice, e.g. 'Ara Poutama Aotearoa | Department of Corrections'. */
  TIAKI_AGENCY_NAME: z.string().trim().min(1).max(200).default('Privacy Office'),
  TIAKI_OUTBOX_DIR: z.string().optional(),
  /** Where document bytes live: a local folder (default) or S3-compatible object storage. */
  TIAKI_STORAGE: z.enum(['local', 's3']).default('local'),
  /** The local store's folder (default $TIAKI_DATA_DIR/files). */
  TIAKI_STORAGE_DIR: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('ap-southeast-2'),
  /** e.g. https://s3.ap-southeast-2.amazonaws.com or a MinIO/Ceph address. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(true),
  /** Largest document accepted for upload. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** Most pages a document may have. */
  UPLOAD_MAX_PAGES: z.coerce.number().int().positive().default(2000),
  /** LibreOffice's soffice, for converting Word files to PDF; found on PATH when unset. */
  SOFFICE_PATH: z.string().optional(),
  /** Requests one address may make on the public pages in an hour; more are refused for the hour. */
  PUBLIC_REQUESTS_PER_HOUR: z.coerce.number().int().positive().default(20),
  KIOSK_ALLOWED_ADDRESSES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    ),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
