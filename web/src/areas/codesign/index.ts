/** Mitgestalten: what the rest of the client uses of this area. */
export { CommittedTo } from './commitments/CommittedTo.tsx';
export { routes } from './routes.tsx';
