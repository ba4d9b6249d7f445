import { hash } from '@node-rs/argon2';
import { hashPassword, needsRehash, verifyPassword } from './password-hasher';

describe('password hashing (AUTH-01)', () => {
  it('hashes with argon2id, m=19456 KiB, t=2, p=1, and verifies', async () => {
    const stored = await hashPassword('fromage de Comté 24 mois');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'fromage de Comté 24 mois')).toBe(true);
    expect(await verifyPassword(stored, 'fromage de Comté 18 mois')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('asks for a rehash of weaker or foreign hashes, and never throws on garbage', async () => {
    expect(needsRehash(await hash('x'.repeat(12), { memoryCost: 4096, timeCost: 1, parallelism: 1 }))).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
    expect(await verifyPassword('not a hash', 'whatever')).toBe(false);
  });
});
