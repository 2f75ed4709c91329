import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonError, CommonErrorCode } from './common-errors';
import type { FieldError } from './domain-error';

/** Flattens class-validator errors (nested objects and arrays included) into `{ field, message }` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The global pipe: strict DTOs, and failures answered as a 400 problem with per-field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new CommonError(CommonErrorCode.ValidationFailed, 'Certains champs sont invalides : corrigez ceux listés dans « errors ».', {
        fieldErrors: flattenValidationErrors(errors),
      }),
  });
}
