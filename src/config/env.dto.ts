import { IsBooleanString, IsIn, IsOptional, IsPort, IsString, IsUrl, Matches, MinLength } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every variable the service reads; kept beside the DTO so the two never drift. */
export const ENV_VARIABLES = [
  'PORT', 'HOST', 'DATABASE_URL', 'REDIS_URL', 'QUEUE_PREFIX', 'WORKER_CONCURRENCY', 'JOB_LOCK_MS', 'DATA_DIR', 'MASTER_KEY', 'LOG_LEVEL',
  'BODY_LIMIT_JSON', 'BODY_LIMIT_UPLOAD', 'CERTS_DIR', 'PUBLIC_URL', 'DEMO_TENANT', 'EMBEDDED_DB_PORT',
  'SESSION_COOKIE_SECURE', 'TSA_URLS', 'TRUST_ANCHORS_FILE', 'SMTP_URL', 'MAIL_FROM', 'DIGEST_HOUR',
  'WEBHOOKS_ALLOW_PRIVATE_TARGETS', 'WEBHOOKS_BACKOFF_BASE_MS', 'RATE_LIMIT_PER_MINUTE',
  'SUPERADMIN_TOKEN',
  'OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL', 'OIDC_SCOPES', 'OIDC_LABEL',
  'PKCS11_MODULE', 'PKCS11_SLOT', 'PKCS11_TOKEN_LABEL', 'PKCS11_PIN', 'PKCS11_KEY_LABEL', 'PKCS11_KEY_ID',
] as const satisfies readonly (keyof EnvDto)[];

const SIZE_PATTERN = /^\d+(b|kb|mb|gb)?$/i;

/** The environment as read at boot: every variable is a string, validated here once. */
export class EnvDto {
  @IsOptional()
  @IsPort({ message: 'PORT must be a TCP port number (0-65535)' })
  PORT?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, "_" or "-"' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9]\d)$/, { message: 'WORKER_CONCURRENCY must be a number of jobs from 1 to 99' })
  WORKER_CONCURRENCY?: string;

  @IsOptional()
  @Matches(/^\d{4,7}$/, { message: 'JOB_LOCK_MS must be a duration in milliseconds (1000 or more)' })
  JOB_LOCK_MS?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @IsString()
  MASTER_KEY?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: string;

  @IsOptional()
  @Matches(SIZE_PATTERN, { message: 'BODY_LIMIT_JSON must be a size such as 1mb or 512kb' })
  BODY_LIMIT_JSON?: string;

  @IsOptional()
  @Matches(SIZE_PATTERN, { message: 'BODY_LIMIT_UPLOAD must be a size such as 50mb' })
  BODY_LIMIT_UPLOAD?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  CERTS_DIR?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsBooleanString({ message: 'DEMO_TENANT must be true or false' })
  DEMO_TENANT?: string;

  @IsOptional()
  @IsPort({ message: 'EMBEDDED_DB_PORT must be a TCP port number (0 picks a free one)' })
  EMBEDDED_DB_PORT?: string;

  @IsOptional()
  @IsBooleanString({ message: 'SESSION_COOKIE_SECURE must be true or false' })
  SESSION_COOKIE_SECURE?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Matches(/^([^<>@\s]+@[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+>)$/, { message: 'MAIL_FROM must be an address, e.g. Parapheur <parapheur@mairie.fr>' })
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^([01]?\d|2[0-3])$/, { message: 'DIGEST_HOUR must be an hour from 0 to 23 (Europe/Paris)' })
  DIGEST_HOUR?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*$/, { message: 'TSA_URLS must be comma-separated http(s) URLs of RFC 3161 time-stamping authorities' })
  TSA_URLS?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'TRUST_ANCHORS_FILE must be the path of a PEM file of trusted root certificates (e.g. an EU trusted-list export)' })
  TRUST_ANCHORS_FILE?: string;

  @IsOptional()
  @IsBooleanString({ message: 'WEBHOOKS_ALLOW_PRIVATE_TARGETS must be true or false' })
  WEBHOOKS_ALLOW_PRIVATE_TARGETS?: string;

  @IsOptional()
  @Matches(/^[1-9]\d{0,9}$/, { message: 'WEBHOOKS_BACKOFF_BASE_MS must be a positive number of milliseconds' })
  WEBHOOKS_BACKOFF_BASE_MS?: string;

  @IsOptional()
  @Matches(/^[1-9]\d{0,6}$/, { message: 'RATE_LIMIT_PER_MINUTE must be a positive whole number' })
  RATE_LIMIT_PER_MINUTE?: string;

  @IsOptional()
  @Matches(/^\S{32,512}$/, { message: 'SUPERADMIN_TOKEN must be 32 to 512 characters without spaces (e.g. openssl rand -base64 32)' })
  SUPERADMIN_TOKEN?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_ISSUER_URL must be the http(s) URL of the OpenID Connect issuer, e.g. https://auth.agentconnect.gouv.fr/api/v2' })
  OIDC_ISSUER_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_REDIRECT_URL must be an http(s) URL ending in /api/v1/auth/oidc/callback' })
  OIDC_REDIRECT_URL?: string;

  @IsOptional()
  @Matches(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, { message: 'OIDC_SCOPES must be space-separated scopes, e.g. "openid email profile"' })
  OIDC_SCOPES?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_LABEL?: string;

  @IsOptional()
  @Matches(/^\/.+/, { message: 'PKCS11_MODULE must be the absolute path of a PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so' })
  PKCS11_MODULE?: string;

  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'PKCS11_SLOT must be a slot id, as pkcs11-tool -L prints it' })
  PKCS11_SLOT?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  PKCS11_TOKEN_LABEL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  PKCS11_PIN?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  PKCS11_KEY_LABEL?: string;

  @IsOptional()
  @Matches(/^([0-9a-fA-F]{2})+$/, { message: 'PKCS11_KEY_ID must be the key id (CKA_ID) in hex, e.g. 01' })
  PKCS11_KEY_ID?: string;
}
