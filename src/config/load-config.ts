import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig, type Pkcs11Settings } from './app-config';
import type { OidcSettings } from './app-config';
import { ENV_VARIABLES, EnvDto, type LogLevel } from './env.dto';
import { decodeMasterKey, loadOrCreateMasterKeyFile, MASTER_KEY_MIN_BYTES } from './master-key';

/** 22.5 min doubling over 8 attempts: the last try comes about 2 days after the first. */
const DEFAULT_WEBHOOK_BACKOFF_MS = 1_350_000;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  config: AppConfig;
  /** Things worth a warning once the logger is up (e.g. a generated master key). */
  warnings: string[];
}

/** Validates the environment once and builds the typed configuration. The only reader of process.env is the caller. */
export function loadConfig(env: NodeJS.ProcessEnv): LoadedConfig {
  const dto = validateEnv(env);
  const warnings: string[] = [];
  const port = Number(dto.PORT ?? 3000);
  const dataDir = resolve(dto.DATA_DIR ?? './data');
  const embedded = !dto.DATABASE_URL;
  const masterKey = resolveMasterKey(dto, dataDir, warnings);
  const config: AppConfig = {
    port,
    host: dto.HOST ?? '0.0.0.0',
    publicUrl: publicUrlOf(dto, port),
    dataDir,
    certsDir: resolve(dto.CERTS_DIR ?? './certs'),
    logLevel: (dto.LOG_LEVEL ?? 'info') as LogLevel,
    bodyLimitJson: dto.BODY_LIMIT_JSON ?? '1mb',
    bodyLimitUpload: dto.BODY_LIMIT_UPLOAD ?? '50mb',
    demoTenant: dto.DEMO_TENANT === undefined ? embedded : dto.DEMO_TENANT === 'true',
    masterKey,
    sessionCookieSecure: dto.SESSION_COOKIE_SECURE !== 'false',
    trustAnchorsFile: dto.TRUST_ANCHORS_FILE ? resolve(dto.TRUST_ANCHORS_FILE) : null,
    tsaUrls: (dto.TSA_URLS ?? '').split(',').map((url) => url.trim()).filter((url) => url.length > 0),
    database: dto.DATABASE_URL
      ? { mode: 'postgres', url: dto.DATABASE_URL }
      : { mode: 'embedded', dataDir: resolve(dataDir, 'pglite'), port: Number(dto.EMBEDDED_DB_PORT ?? 0) },
    jobs: dto.REDIS_URL
      ? {
        mode: 'bullmq', redisUrl: dto.REDIS_URL, prefix: dto.QUEUE_PREFIX ?? 'parapheur',
        concurrency: Number(dto.WORKER_CONCURRENCY ?? 5), lockDurationMs: Number(dto.JOB_LOCK_MS ?? 30_000),
      }
      : { mode: 'inline' },
    mail: {
      smtpUrl: dto.SMTP_URL ?? null,
      from: dto.MAIL_FROM ?? `Parapheur <ne-pas-repondre@${new URL(publicUrlOf(dto, port)).hostname}>`,
      digestHour: Number(dto.DIGEST_HOUR ?? 8),
    },
    webhooks: {
      allowPrivateTargets: dto.WEBHOOKS_ALLOW_PRIVATE_TARGETS === 'true',
      backoffBaseMs: Number(dto.WEBHOOKS_BACKOFF_BASE_MS ?? DEFAULT_WEBHOOK_BACKOFF_MS),
    },
    rateLimitPerMinute: Number(dto.RATE_LIMIT_PER_MINUTE ?? 600),
    superAdminTokenSha256: dto.SUPERADMIN_TOKEN ? createHash('sha256').update(dto.SUPERADMIN_TOKEN).digest() : null,
    pkcs11: pkcs11Of(dto),
    oidc: oidcOf(dto, publicUrlOf(dto, port)),
  };
  return { config, warnings };
}

function pkcs11Of(dto: EnvDto): Pkcs11Settings | null {
  if (!dto.PKCS11_MODULE) return null;
  if (!dto.PKCS11_PIN) throw new ConfigError(['PKCS11_PIN: required with PKCS11_MODULE (the user PIN of the token)']);
  const settings = {
    modulePath: dto.PKCS11_MODULE,
    slot: dto.PKCS11_SLOT === undefined ? null : Number(dto.PKCS11_SLOT),
    tokenLabel: dto.PKCS11_TOKEN_LABEL ?? null,
    keyLabel: dto.PKCS11_KEY_LABEL ?? null,
    keyId: dto.PKCS11_KEY_ID?.toLowerCase() ?? null,
  };
  return Object.defineProperty(settings, 'pin', { value: dto.PKCS11_PIN, enumerable: false }) as Pkcs11Settings;
}

function oidcOf(dto: EnvDto, publicUrl: string): OidcSettings | null {
  if (!dto.OIDC_ISSUER_URL) return null;
  const missing = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((name) => !dto[name]);
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required with OIDC_ISSUER_URL (as registered at the OpenID Connect provider)`));
  const scopes = dto.OIDC_SCOPES ?? 'openid email profile';
  if (!scopes.split(' ').includes('openid')) throw new ConfigError(['OIDC_SCOPES: must include "openid"']);
  const settings = {
    issuerUrl: dto.OIDC_ISSUER_URL,
    clientId: dto.OIDC_CLIENT_ID as string,
    redirectUrl: dto.OIDC_REDIRECT_URL ?? `${publicUrl}/api/v1/auth/oidc/callback`,
    scopes,
    label: dto.OIDC_LABEL ?? 'ProConnect',
  };
  return Object.defineProperty(settings, 'clientSecret', { value: dto.OIDC_CLIENT_SECRET, enumerable: false }) as OidcSettings;
}

function publicUrlOf(dto: EnvDto, port: number): string {
  return (dto.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
}

function validateEnv(env: NodeJS.ProcessEnv): EnvDto {
  const picked: Record<string, string> = {};
  for (const key of ENV_VARIABLES) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const dto = plainToInstance(EnvDto, picked);
  const errors = validateSync(dto, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.flatMap(describeError));
  return dto;
}

function describeError(error: ValidationError): string[] {
  const messages = Object.values(error.constraints ?? {});
  return messages.length > 0 ? messages.map((m) => `${error.property}: ${m}`) : [`${error.property}: invalid value`];
}

function resolveMasterKey(dto: EnvDto, dataDir: string, warnings: string[]): Buffer {
  if (dto.MASTER_KEY) {
    const key = decodeMasterKey(dto.MASTER_KEY);
    if (!key) {
      throw new ConfigError([`MASTER_KEY: must be at least ${MASTER_KEY_MIN_BYTES} bytes, given as hex or base64 (e.g. openssl rand -base64 32)`]);
    }
    return key;
  }
  if (dto.DATABASE_URL) {
    throw new ConfigError([`MASTER_KEY: required when DATABASE_URL is set (${MASTER_KEY_MIN_BYTES}+ bytes, e.g. openssl rand -base64 32)`]);
  }
  const { key, created } = loadOrCreateMasterKeyFile(dataDir);
  if (created) {
    warnings.push(`MASTER_KEY is not set: generated one into ${dataDir}/master.key (embedded mode only; set MASTER_KEY in production)`);
  }
  return key;
}
