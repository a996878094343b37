import { customType } from 'drizzle-orm/pg-core';

/** Binary column: Buffers in, Buffers out, on both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
