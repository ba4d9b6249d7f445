import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';

/** Letters and digits nobody confuses on the phone (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An order number people can read out: the day it was placed and six random characters, e.g. 261130-K7Q2MX. */
export function newOrderNumber(placedAt: Date): string {
  const day = placedAt.toISOString().slice(2, 10).replaceAll('-', '');
  let suffix = '';
  for (let index = 0; index < 6; index++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${day}-${suffix}`;
}

/**
 * Six random characters give 31⁶ ≈ 887 million numbers a day: two orders of the same day draw the same one with a
 * probability of n² / 1.8 billion (≈ 6 % at 10,000 orders a day, 14 % in the bench's 16,000). The unique key refuses
 * the second; its order is written again with a new number, this many times at most.
 */
export const ORDER_NUMBER_ATTEMPTS = 3;

/** Whether a write was refused because its order number was already taken (PostgreSQL's key name, SQLite's column). */
export const isOrderNumberTaken = (error: unknown): boolean =>
  error instanceof UniqueConstraintViolationException &&
  /customer_order_number_unique|customer_order\.number/.test(error.message);

/** Hands out order numbers (one provider, so that a test can make two orders draw the same number). */
@Injectable()
export class OrderNumbers {
  next(placedAt: Date): string {
    return newOrderNumber(placedAt);
  }
}
