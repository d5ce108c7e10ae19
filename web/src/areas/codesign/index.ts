/** Mitgestalten: what the rest of the client uses of this area. */

/** On Mitmachen's playbook page: the co-design projects that applied the method. */
export { MethodUsage } from './accountability/MethodUsage.tsx';
export { routes } from './routes.tsx';
