/**
 * A map kept in this process, bounded by entries and by characters, the least recently used going
 * first: for results that never change for their key (rendered Markdown, excerpts, a wiki revision's
 * HTML, a network snapshot's answers), so nothing needs invalidating. An entry larger than
 * `maxShare` of the characters (an eighth unless said) is not kept.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; chars: number }>();
  #chars = 0;

  readonly maxEntries: number;
  readonly maxChars: number;
  /** the characters an entry holds besides its key */
  readonly charsOf: (value: V) => number;
  readonly maxShare: number;

  constructor(maxEntries: number, maxChars: number, charsOf: (value: V) => number, maxShare = 1 / 8) {
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
    this.charsOf = charsOf;
    this.maxShare = maxShare;
  }

  /** The value kept for this key, or undefined; it becomes the most recently used. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const chars = key.length + this.charsOf(value);
    if (chars > this.maxChars * this.maxShare) return;
    this.delete(key);
    this.#entries.set(key, { value, chars });
    this.#chars += chars;
    for (const [oldest, e] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#chars <= this.maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= e.chars;
    }
  }

  /** The value for this key: kept, or made now and kept. */
  getOrMake(key: string, make: () => V): V {
    const kept = this.get(key);
    if (kept !== undefined) return kept;
    const made = make();
    this.set(key, made);
    return made;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#chars -= entry.chars;
  }

  get size(): { entries: number; chars: number } {
    return { entries: this.#entries.size, chars: this.#chars };
  }
}
