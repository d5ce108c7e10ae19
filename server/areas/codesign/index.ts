/**
 * Mitgestalten: co-production and co-design of services with the people who use them: projects in
 * phases, the tools of each phase (ideas, consensus proposals, dot votes and rankings, surveys,
 * meeting records), assisted and offline participation with consent, commitments of resources and
 * volunteer time, who is affected vs who took part, outcomes and reviews. Each part lives in a folder
 * of its own (../parts.ts says what a part brings); this manifest joins them.
 */
import { joinParts } from '../parts.ts';
import { accountabilityPart } from './accountability/index.ts';
import { commitmentsPart } from './commitments/index.ts';
import { consensusPart } from './consensus/index.ts';
import { ideasPart } from './ideas/index.ts';
import { offlinePart } from './offline/index.ts';
import { projectsPart } from './projects/index.ts';
import { surveysPart } from './surveys/index.ts';
import { votesPart } from './votes/index.ts';

/**
 * The parts, in the order their demo town is built: projects first (the others add to its projects),
 * then the people taking part with support (Frau M. and her consent), whose contributions the tools'
 * parts enter.
 */
export const codesignArea = joinParts('codesign', [
  projectsPart,
  offlinePart,
  ideasPart,
  consensusPart,
  votesPart,
  surveysPart,
  commitmentsPart,
  accountabilityPart,
]);
