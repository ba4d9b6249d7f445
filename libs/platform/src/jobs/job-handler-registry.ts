import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_HANDLER_NAME_METADATA, JOB_TOPIC_METADATA, type JobHandler } from './job-handler';

/** The delivery of a topic's message to a handler that existed before deliveries had names (see the migration). */
export const ANY_SINGLE_HANDLER = '*';

export interface NamedJobHandler {
  name: string;
  handler: JobHandler;
}

/** Finds every `@HandlesJob` provider of the application: each topic has any number of handlers, each its name. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, NamedJobHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const topic = this.reflector.get<string | undefined>(JOB_TOPIC_METADATA, wrapper.metatype as Type);
      if (!topic) continue;
      const name = this.reflector.get<string>(JOB_HANDLER_NAME_METADATA, wrapper.metatype as Type);
      const subscribers = this.handlers.get(topic) ?? [];
      if (subscribers.some((subscriber) => subscriber.name === name))
        throw new Error(`Two job handlers named "${name}" for the topic "${topic}".`);
      if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) throw new Error(`The job handler name "${name}" is not usable.`);
      subscribers.push({ name, handler: wrapper.instance as JobHandler });
      this.handlers.set(topic, subscribers);
    }
  }

  /** The handlers subscribed to `topic`, each receiving its own delivery of every message. */
  subscribers(topic: string): NamedJobHandler[] {
    return this.handlers.get(topic) ?? [];
  }

  /** The handler named `name` of `topic` (`*`: the topic's only handler). */
  get(topic: string, name: string): JobHandler | undefined {
    const subscribers = this.subscribers(topic);
    if (name === ANY_SINGLE_HANDLER) return subscribers.length === 1 ? subscribers[0].handler : undefined;
    return subscribers.find((subscriber) => subscriber.name === name)?.handler;
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }
}
