import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { JobHandlerFn, JobHandlers } from './job-driver';
import { JOB_HANDLER } from './job-handler.decorator';
import { JOB_NAMES, type JobName } from './job-names';

/** Finds the `@JobHandler` methods of all providers and checks there is exactly one per job name. */
@Injectable()
export class JobRegistry {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  collect(): JobHandlers {
    const found = new Map<JobName, { fn: JobHandlerFn; where: string[] }>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = prototype[method];
        if (typeof fn !== 'function') continue;
        const name = Reflect.getMetadata(JOB_HANDLER, fn) as JobName | undefined;
        if (!name) continue;
        const where = `${instance.constructor.name}.${method}`;
        const entry = found.get(name);
        if (entry) entry.where.push(where);
        else found.set(name, { fn: (fn as JobHandlerFn).bind(instance), where: [where] });
      }
    }
    return this.validate(found);
  }

  private validate(found: Map<JobName, { fn: JobHandlerFn; where: string[] }>): JobHandlers {
    const problems: string[] = [];
    for (const name of JOB_NAMES) {
      const entry = found.get(name);
      if (!entry) problems.push(`job "${name}" has no @JobHandler`);
      else if (entry.where.length > 1) problems.push(`job "${name}" has ${entry.where.length} handlers: ${entry.where.join(', ')}`);
    }
    if (problems.length > 0) throw new Error(`Job handlers are inconsistent: ${problems.join('; ')}`);
    return Object.fromEntries([...found].map(([name, entry]) => [name, entry.fn])) as JobHandlers;
  }
}
