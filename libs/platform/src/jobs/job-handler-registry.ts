import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_TOPIC_METADATA, type JobHandler } from './job-handler';

/** Finds every `@HandlesJob` provider of the application, one per topic. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const topic = this.reflector.get<string | undefined>(JOB_TOPIC_METADATA, wrapper.metatype as Type);
      if (!topic) continue;
      if (this.handlers.has(topic)) throw new Error(`Two job handlers for the topic "${topic}".`);
      this.handlers.set(topic, wrapper.instance as JobHandler);
    }
  }

  get(topic: string): JobHandler | undefined {
    return this.handlers.get(topic);
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }
}
