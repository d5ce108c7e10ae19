import { type Call, inHours, next, type Role, roles, type Town } from './town.ts';

export { createLoginToken } from '../../../server/routes/api/session/index.ts';
export { createUser, testPassword } from '../../helpers/factories.ts';
export { type Call, inHours, next, type Role, roles, type Town } from './town.ts';

/**
 * The vocabulary of the access table (permissions.ts): a case, the groups of roles, and the helpers
 * requests are built with. Each area's section (server/areas/<area>/permissions.ts) uses it.
 */
export interface Case {
  when?: string;
  allowed: readonly Role[];
  seenBy?: readonly Role[];
  refusal?: readonly number[];
  session?: 'spare' | 'renew';
  request: (town: Town, role: Role) => Promise<Omit<Call, 'method'>> | Omit<Call, 'method'>;
}

// ---- Who, in groups --------------------------------------------------------------------------
export const everyone: readonly Role[] = roles;
export const signedIn: readonly Role[] = roles.filter((r) => r !== 'anonymous');
export const nobodyElse: readonly Role[] = [];
export const instanceAdmin: readonly Role[] = ['instanceAdmin'];
/** staff and admins of A: they act for it (its resources, opportunities, shifts, hours) */
export const coordinatorsOfA: readonly Role[] = ['coordinatorA', 'adminA'];
/** who manages organisation A itself: its admins and the instance admins */
export const adminsOfA: readonly Role[] = ['adminA', 'instanceAdmin'];
export const membersOfA: readonly Role[] = ['memberA', 'coordinatorA', 'adminA'];
export const inAnyOrganisation: readonly Role[] = [...membersOfA, 'memberB', 'adminB'];
/** staff or admin of any organisation */
export const staffAnywhere: readonly Role[] = ['coordinatorA', 'adminA', 'adminB'];

export const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
export const window = () =>
  `from=${encodeURIComponent(inHours(-24 * 30))}&to=${encodeURIComponent(inHours(24 * 30))}`;
export const slot = () => {
  const h = 5000 + next() * 3;
  return { start: inHours(h), end: inHours(h + 1) };
};
export const orgAccount = async (town: Town) =>
  (await town.call('adminA', { url: `/timebank/accounts/lookup?organisationId=${town.orgA.id}` })).json()
    .id as string;
export const personAccount = async (town: Town, role: Exclude<Role, 'anonymous'>) =>
  (await town.call(role, { url: `/timebank/accounts/lookup?personId=${town.users[role].id}` })).json()
    .id as string;
export const idempotent = () => ({ 'idempotency-key': `matrix-${next()}-${Date.now()}` });
