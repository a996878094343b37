import type { FastifyInstance } from 'fastify';
import type { AppDependencies } from '../server/app.ts';

/** Placeholder until the module's routes land. */
export async function reviewRoutes(app: FastifyInstance, deps: AppDependencies): Promise<void> {
  void app;
  void deps;
}
