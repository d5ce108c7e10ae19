/** Teilen: what the rest of the client uses of this area. */
export { SharingNav } from './common.tsx';
export { routes } from './routes.tsx';
