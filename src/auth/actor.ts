import type { StaffRole } from './auth.schema.ts';

/** Who is acting, and from where: every use case takes one, and every audit row records it. */
export interface Actor {
  id: string;
  name: string;
  role: StaffRole;
  team: string | null;
  site: string | null;
  address: string | null;
}

/** The command line acting for an operator at the machine (e.g. creating the first admin). */
export const commandLineActor = (address = 'command-line') => ({ id: null, role: null, address }) as const;
