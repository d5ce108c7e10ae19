import type { ToolPageProps } from '../tools.tsx';

/** Placeholder until this part's page is built: the tool's kind is listed, its page not yet. */
export default function ToolPage(_props: ToolPageProps) {
  return null;
}
