type Texts = Record<string, unknown>;

const isTexts = (v: unknown): v is Texts => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The catalogue of one language from its parts (the foundation's, each area's and feature's), joined
 * key by key at every depth: so a part can add to a shared group — an area's words for its
 * notification kinds under `notification.kinds` — beside its own texts. A later part's text wins.
 */
export function joinTexts(parts: readonly object[]): Texts {
  const out: Texts = {};
  for (const part of parts) merge(out, part as Texts);
  return out;
}

function merge(into: Texts, from: Texts) {
  for (const [key, value] of Object.entries(from)) {
    const have = into[key];
    if (isTexts(value)) {
      const target = isTexts(have) ? have : {};
      into[key] = target;
      merge(target, value);
    } else into[key] = value;
  }
}
