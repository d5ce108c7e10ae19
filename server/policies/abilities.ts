/**
 * Abilities serialised from the policy definitions (Outline `presenters/policy.ts`): the client gets
 * one boolean per rule, and each boolean is the policy's own answer, so the two can never disagree.
 * Nothing beside a policy re-lists its rules by hand.
 */

/** The names of the rules of `P` that answer for exactly these arguments. */
export type RuleName<P, A extends readonly unknown[]> = {
  [K in keyof P]: P[K] extends (...args: A) => boolean ? K : never;
}[keyof P] &
  string;

/** Either a list of rule names (the ability is called as the rule) or ability name → rule name. */
export type AbilitySpec<P, A extends readonly unknown[]> =
  | readonly RuleName<P, A>[]
  | Readonly<Record<string, RuleName<P, A>>>;

export type Abilities<S> = S extends readonly (infer N extends string)[]
  ? { [K in N]: boolean }
  : { [K in keyof S]: boolean };

/**
 * Ask `policy` each rule named in `rules` with `args`. The keys keep the order they are named in, so
 * the response bodies stay byte-for-byte what they were. A name that is not a rule of the policy, or
 * a rule that wants other arguments, does not compile.
 */
export function abilitiesOf<
  P extends object,
  A extends readonly unknown[],
  const S extends AbilitySpec<P, A>,
>(policy: P, rules: S, ...args: A): Abilities<S> {
  const entries: [string, string][] = Array.isArray(rules)
    ? (rules as readonly string[]).map((name) => [name, name])
    : Object.entries(rules as Record<string, string>);
  const out: Record<string, boolean> = {};
  for (const [ability, rule] of entries) {
    const fn = (policy as Record<string, (...a: A) => boolean>)[rule];
    if (typeof fn !== 'function') throw new Error(`abilities: ${rule} is not a rule of this policy`);
    out[ability] = fn(...args);
  }
  return out as Abilities<S>;
}
