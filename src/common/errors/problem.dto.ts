import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemFieldErrorDto {
  @ApiProperty({ description: 'Path of the invalid field in the request body or query', example: 'name' })
  field!: string;

  @ApiProperty({ description: 'What is wrong with it', example: 'name must be shorter than or equal to 100 characters' })
  message!: string;
}

/** RFC 9457 problem details, the body of every error response (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ description: 'Stable URI identifying the kind of problem', example: 'https://parapheur.fr/problems/api-key-revoked' })
  type!: string;

  @ApiProperty({ description: 'Short summary of the kind of problem', example: 'API key revoked' })
  title!: string;

  @ApiProperty({ description: 'HTTP status code', example: 401 })
  status!: number;

  @ApiProperty({ description: 'Explanation for people, in French, saying what to fix', example: 'Cette clé d’API a été révoquée : créez-en une nouvelle.' })
  detail!: string;

  @ApiProperty({ description: 'Path of the request that failed', example: '/api/v1/tenant' })
  instance!: string;

  @ApiProperty({ description: 'Request id to quote to support; also in the x-request-id header and the logs', example: '5f0c7a0e-2b7d-4f7e-9a57-6f2c2d3b9a10' })
  correlationId!: string;

  @ApiPropertyOptional({ description: 'Per-field validation errors', type: [ProblemFieldErrorDto] })
  errors?: ProblemFieldErrorDto[];
}
