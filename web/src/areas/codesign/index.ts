/** Mitgestalten: what the rest of the client uses of this area. */
/** On Mitmachen's playbook page: the co-design projects that applied the method. */
export { MethodUsage } from './accountability/MethodUsage.tsx';
/** On a Teilen booking and a Mitmachen opportunity: the co-design projects it is committed to. */
export { CommittedTo } from './commitments/CommittedTo.tsx';
export { routes } from './routes.tsx';
