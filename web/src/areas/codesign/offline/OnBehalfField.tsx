import type { OnBehalf } from '../tools.tsx';

/**
 * For facilitators in every tool's form: "Für eine andere Person eintragen" — pick a participant whose
 * consent is recorded and how the contribution came in (paper, phone, meeting); null is one's own.
 * Built by the offline part (it lists the project's assisted people); the tools' forms render it when
 * their tool header says `may.facilitate`, and send its value as the body's `onBehalf`.
 */
export function OnBehalfField(_props: {
  projectId: string;
  value: OnBehalf | null;
  onChange: (value: OnBehalf | null) => void;
}) {
  return null;
}
