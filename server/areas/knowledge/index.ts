/**
 * Wissen: the local knowledge and communication network — a wiki, news, discussions, the
 * neighbourhood knowledge map, dossiers that carry what the town knows to its political bodies and
 * bring their answers back, kept fresh and followed by digest. Each part lives in a folder of its
 * own (../parts.ts says what a part brings); this manifest joins them.
 */
import { joinParts } from '../parts.ts';
import { digestsPart } from './digests/index.ts';
import { discussionsPart } from './discussions/index.ts';
import { dossiersPart } from './dossiers/index.ts';
import { freshnessPart } from './freshness/index.ts';
import { newsPart } from './news/index.ts';
import { reportsPart } from './reports/index.ts';
import { wikiPart } from './wiki/index.ts';

// what the area that owns communities (Räume & Brücken) uses of the discussions: its threads live here
export { replyTo as replyToThread } from './discussions/commands/discussions.ts';
export { communityThreads, reindexCommunityThreads, startCommunityThread } from './discussions/community.ts';
export {
  type CommunityThreadRules,
  registerCommunityThreadRules,
  type SqlValue,
} from './discussions/scope.ts';

/** The parts, in the order their demo town is built (dossiers bundle what the others made). */
export const knowledgeArea = joinParts('knowledge', [
  wikiPart,
  newsPart,
  discussionsPart,
  reportsPart,
  freshnessPart,
  dossiersPart,
  digestsPart,
]);
