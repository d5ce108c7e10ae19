/**
 * Events: what the other parts of Räume & Brücken use — the events of one community, for the
 * community's page (its host wires it in).
 */
export { CommunityEvents } from './CommunityEvents.tsx';
