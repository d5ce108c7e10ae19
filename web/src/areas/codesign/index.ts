/** Mitgestalten: what the rest of the client uses of this area. */
export { routes } from './routes.tsx';
