import { SetMetadata } from '@nestjs/common';

export const AUDITED_IN_SERVICE = 'parapheur:audited-in-service';

/** The route's service appends its own audit event inside the change's transaction: the interceptor skips it. */
export const AuditedInService = (): MethodDecorator & ClassDecorator => SetMetadata(AUDITED_IN_SERVICE, true);
