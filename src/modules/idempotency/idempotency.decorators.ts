import { SetMetadata } from '@nestjs/common';

export const HANDLES_OWN_IDEMPOTENCY = 'parapheur:handles-own-idempotency';

/**
 * On a POST route that implements `Idempotency-Key` itself (folder creation keys the folder row, in
 * the creating transaction, over the multipart parts): the generic interceptor leaves it alone.
 */
export const HandlesOwnIdempotency = (): MethodDecorator => SetMetadata(HANDLES_OWN_IDEMPOTENCY, true);
