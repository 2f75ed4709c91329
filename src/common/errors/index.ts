export { ApiProblems } from './api-problems.decorator';
export { COMMON_PROBLEMS, CommonError, CommonErrorCode, commonErrorForStatus } from './common-errors';
export { DomainError, type FieldError, PROBLEM_TYPE_BASE, type ProblemCatalog, type ProblemDefinition } from './domain-error';
export { ProblemDto, ProblemFieldErrorDto } from './problem.dto';
export { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter } from './problem-details.filter';
export { toDomainError } from './to-problem';
export { createValidationPipe, flattenValidationErrors } from './validation';
