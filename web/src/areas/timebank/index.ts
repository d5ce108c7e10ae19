/** Zeitbank: what the rest of the client uses of this area. */
export { accountName, transferMemo } from './lib.ts';
export { routes } from './routes.tsx';
export type { Account } from './types.ts';
