import type { LogLevel } from './env.dto';

export type DatabaseMode = 'embedded' | 'postgres';
export type JobsMode = 'inline' | 'bullmq';

/**
 * The validated configuration, built once at boot by `loadConfig`.
 * Abstract class so it doubles as the injection token.
 */
export abstract class AppConfig {
  abstract readonly port: number;
  abstract readonly host: string;
  abstract readonly publicUrl: string;
  abstract readonly dataDir: string;
  abstract readonly certsDir: string;
  abstract readonly logLevel: LogLevel;
  abstract readonly bodyLimitJson: string;
  abstract readonly bodyLimitUpload: string;
  abstract readonly demoTenant: boolean;
  abstract readonly masterKey: Buffer;
  /** Secure flag of the people session cookie; off only for plain-HTTP trials (LAN tablet, tests). */
  abstract readonly sessionCookieSecure: boolean;
  /** RFC 3161 time-stamping authorities for B-T signatures, tried in order (empty: B-T is refused). */
  abstract readonly tsaUrls: readonly string[];
  /** PEM file of extra trust anchors for validation reports (e.g. EU trusted lists exported as PEM); null: tenant roots only. */
  abstract readonly trustAnchorsFile: string | null;
  abstract readonly database: DatabaseSettings;
  abstract readonly jobs: JobsSettings;
  abstract readonly mail: MailSettings;
  abstract readonly webhooks: WebhookSettings;
  /** Requests per minute allowed to each API key. */
  abstract readonly rateLimitPerMinute: number;
  /** SHA-256 of SUPERADMIN_TOKEN (deployment super-admin: tenants API); null: that API is closed. */
  abstract readonly superAdminTokenSha256: Buffer | null;
  /** OpenID Connect sign-in (ProConnect, Keycloak, Entra ID…); null when OIDC_ISSUER_URL is unset. */
  abstract readonly oidc: OidcSettings | null;
  /** The PKCS#11 token (HSM) that can hold tenant seals; null when PKCS11_MODULE is unset. */
  abstract readonly pkcs11: Pkcs11Settings | null;
}

export interface Pkcs11Settings {
  readonly modulePath: string;
  readonly slot: number | null;
  readonly tokenLabel: string | null;
  /** Not enumerable: JSON.stringify, util.inspect and loggers never see it. */
  readonly pin: string;
  /** Defaults for `keys:seal-pkcs11`. */
  readonly keyLabel: string | null;
  readonly keyId: string | null;
}

export interface OidcSettings {
  readonly issuerUrl: string;
  readonly clientId: string;
  /** Not enumerable: JSON.stringify, util.inspect and loggers never see it. */
  readonly clientSecret: string;
  /** Registered at the provider; ends in /api/v1/auth/oidc/callback. */
  readonly redirectUrl: string;
  readonly scopes: string;
  /** Provider name on the login button (« Se connecter avec … »). */
  readonly label: string;
}

export interface WebhookSettings {
  /** Lets endpoints resolve to private, loopback or link-local addresses (tests, closed networks). */
  readonly allowPrivateTargets: boolean;
  /** Delay before the first retry of a delivery; each next one doubles. */
  readonly backoffBaseMs: number;
}

export type DatabaseSettings =
  | { readonly mode: 'postgres'; readonly url: string }
  | { readonly mode: 'embedded'; readonly dataDir: string; readonly port: number };

export interface MailSettings {
  /** null: no SMTP, mail stays in the outbox table (embedded mode). */
  readonly smtpUrl: string | null;
  readonly from: string;
  /** Hour (Europe/Paris) of the daily digest of late folders. */
  readonly digestHour: number;
}

export type JobsSettings =
  | {
    readonly mode: 'bullmq';
    readonly redisUrl: string;
    readonly prefix: string;
    /** Jobs one worker process runs at once, per queue (WORKER_CONCURRENCY, default 5). */
    readonly concurrency: number;
    /** A job whose worker stops renewing its lock for this long is taken over by another worker (JOB_LOCK_MS, default 30 s). */
    readonly lockDurationMs: number;
  }
  | { readonly mode: 'inline' };
