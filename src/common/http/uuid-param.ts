import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { CommonError, CommonErrorCode } from '../errors/common-errors';

/** A path parameter that must be a UUID (documented as such); anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  const param = Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new CommonError(CommonErrorCode.ValidationFailed, `Le paramètre « ${name} » doit être un UUID.`, {
          fieldErrors: [{ field: name, message: `${name} must be a UUID` }],
        }),
    }),
  );
  return (target, propertyKey, index) => {
    param(target, propertyKey, index);
    const descriptor = propertyKey === undefined ? undefined : Object.getOwnPropertyDescriptor(target, propertyKey);
    if (propertyKey !== undefined && descriptor) {
      ApiParam({ name, format: 'uuid', type: String, description: `${name} (UUID)` })(target, propertyKey, descriptor);
    }
  };
}
