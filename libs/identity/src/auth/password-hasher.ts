import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane (RELIABILITY.md AUTH-01). */
export const ARGON2ID_PARAMETERS = {
  algorithm: 2 as Algorithm, // Algorithm.Argon2id: a `const enum` that SWC cannot inline from the typings
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_PARAMETERS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash is weaker than today's parameters: it is replaced at the next successful sign-in. */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [memory, time, lanes] = match.slice(1).map(Number);
  return (
    memory < ARGON2ID_PARAMETERS.memoryCost ||
    time < ARGON2ID_PARAMETERS.timeCost ||
    lanes < ARGON2ID_PARAMETERS.parallelism
  );
}

/**
 * A hash to verify against when the e-mail is unknown, so that an unknown account costs the same time as a wrong
 * password and timing tells nothing (AUTH-03).
 */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
