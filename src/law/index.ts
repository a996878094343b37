/**
 * The law module: pure functions for the statutory clock, routing, grounds and the request lifecycle.
 * @example import { dueDate } from './law/index.ts'; dueDate('2021-01-08', 20) // '2021-02-15'
 */
export * from './calendar.ts';
export * from './working-days.ts';
export * from './clocks.ts';
export * from './routing.ts';
export * from './grounds.ts';
export * from './lifecycle.ts';
