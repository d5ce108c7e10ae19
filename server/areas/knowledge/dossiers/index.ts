/** Dossiers: evidence bundled for a political body, sent, tracked and answered. */
import type { AreaPart } from '../../parts.ts';
import { dossierRoutes } from './routes/dossiers/index.ts';
import { seedDossiers } from './seed.ts';
import { dossierToday } from './today.ts';

export const dossiersPart: AreaPart = {
  routes: [{ prefix: '/dossiers', plugin: dossierRoutes }],
  seed: seedDossiers,
  today: dossierToday,
};
