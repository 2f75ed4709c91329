import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-names';

export const JOB_HANDLER = 'parapheur:job-handler';

/** Marks a provider method as the handler of a job; found at boot by the JobRegistry. */
export function JobHandler(name: JobName): MethodDecorator {
  return SetMetadata(JOB_HANDLER, name);
}
