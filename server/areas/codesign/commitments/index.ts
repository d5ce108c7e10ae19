/** Commitments: the agreed measures as named commitments (a room or a loan, shifts, time credits, a task), linked both ways. */
import type { AreaPart } from '../../parts.ts';
import { commitmentRoutes } from './routes/index.ts';
import { seedCommitments } from './seed.ts';
import { commitmentsToday } from './today.ts';

export const commitmentsPart: AreaPart = {
  routes: [{ prefix: '/codesign', plugin: commitmentRoutes }],
  seed: seedCommitments,
  today: commitmentsToday,
};
