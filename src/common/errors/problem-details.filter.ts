import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { CommonErrorCode, COMMON_PROBLEMS, commonErrorForStatus } from './common-errors';
import { PROBLEM_TYPE_BASE } from './domain-error';
import type { ProblemDto } from './problem.dto';
import { toDomainError } from './to-problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one place where errors become HTTP answers: RFC 9457 problem details for everything. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDto {
    const correlationId = requestIdOf(request);
    const instance = request.originalUrl?.split('?')[0] ?? request.url;
    const domainError = toDomainError(exception);
    if (!domainError) {
      this.logger.error({ err: exception, correlationId }, 'Unhandled error while serving a request');
      const { code, detail } = commonErrorForStatus(500);
      const { status, title } = COMMON_PROBLEMS[CommonErrorCode.InternalError];
      return { type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail, instance, correlationId };
    }
    const problem: ProblemDto = {
      type: `${PROBLEM_TYPE_BASE}${domainError.code}`,
      title: domainError.title,
      status: domainError.status,
      detail: domainError.detail,
      instance,
      correlationId,
    };
    if (domainError.fieldErrors) problem.errors = domainError.fieldErrors;
    return problem;
  }
}
