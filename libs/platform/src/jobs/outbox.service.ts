import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from './outbox-message.entity';

/** Schedules side effects as part of a business transaction: they run only if, and after, it commits. */
@Injectable()
export class OutboxService {
  /**
   * Adds the job to the caller's unit of work; it is written by the caller's flush or transaction. With
   * `availableAt`, a delayed job: neither the relay nor the in-process runner hands it out before that instant.
   */
  enqueue<Payload extends Record<string, unknown>>(
    em: EntityManager,
    topic: string,
    payload: Payload,
    { availableAt }: { availableAt?: Date } = {},
  ): OutboxMessage {
    const message = this.message(em, topic, payload, { availableAt });
    em.persist(message);
    return message;
  }

  /**
   * The same message, not added to the unit of work: for a caller that writes it itself in its transaction
   * (`insertAtOnce`), with the rows it goes with.
   */
  message<Payload extends Record<string, unknown>>(
    em: EntityManager,
    topic: string,
    payload: Payload,
    { availableAt }: { availableAt?: Date } = {},
  ): OutboxMessage {
    return em.create(OutboxMessage, { topic, payload, ...(availableAt ? { availableAt } : {}) }, { persist: false });
  }
}
