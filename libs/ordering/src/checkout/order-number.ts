import { randomInt } from 'node:crypto';

/** Letters and digits nobody confuses on the phone (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An order number people can read out: the day it was placed and six random characters, e.g. 261130-K7Q2MX. */
export function newOrderNumber(placedAt: Date): string {
  const day = placedAt.toISOString().slice(2, 10).replaceAll('-', '');
  let suffix = '';
  for (let index = 0; index < 6; index++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${day}-${suffix}`;
}
