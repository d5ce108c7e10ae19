import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as de from '@zxcvbn-ts/language-de';
import { Problem } from '../http/problem.ts';

export const minPasswordLength = 10;

// Ranking the dictionaries takes a few hundred milliseconds: done on the first password checked, not
// on every start of the server.
let zxcvbn: ZxcvbnFactory | undefined;
const checker = () =>
  (zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...de.dictionary },
    graphs: common.adjacencyGraphs,
  }));

/** Argon2id with the library's defaults (OWASP's recommended parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real argon2 hash, so that a sign-in for an unknown email costs as much as a wrong password.
const dummyHash = hashPassword('knotenpunkt-timing-equaliser');

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Rejects short and common/guessable passwords (dictionaries of leaked passwords, German and English words). */
export function assertAcceptablePassword(
  password: string,
  userInputs: string[] = [],
  field = '/password',
): void {
  if ([...password].length < minPasswordLength) {
    throw new Problem(422, 'auth.password_too_short', {
      params: { min: minPasswordLength },
      fields: [{ field, code: 'auth.password_too_short', params: { min: minPasswordLength } }],
    });
  }
  if (checker().check(password, userInputs).score < 3) {
    throw new Problem(422, 'auth.password_too_common', {
      fields: [{ field, code: 'auth.password_too_common' }],
    });
  }
}
