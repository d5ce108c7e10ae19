/** Votes: the keys of its cached answers (a tool's vote, as the reader or for one participant). */
export const votesKeys = {
  vote: (...rest: readonly unknown[]) => ['codesignVotes', 'vote', ...rest] as const,
};
