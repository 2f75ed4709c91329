/** Queues group jobs for workers; never rename one without a migration plan for jobs in flight. */
export enum QueueName {
  System = 'system',
  Signing = 'signing',
  Notifications = 'notifications',
  Webhooks = 'webhooks',
}

/** Every job, named `domain.verb`. */
export enum JobName {
  SystemQueueCheck = 'system.queue-check',
  SigningSignDocument = 'signing.sign-document',
  SigningBulkItem = 'signing.bulk-item',
  NotificationsSendMail = 'notifications.send-mail',
  NotificationsLateDigest = 'notifications.late-digest',
  WebhooksDeliver = 'webhooks.deliver',
  ArchiveRenewTimestamps = 'archive.renew-timestamps',
}

/** Payloads carry ids only; the state lives in PostgreSQL. */
export interface JobPayloads {
  [JobName.SystemQueueCheck]: { tenantId: string; queueCheckId: string };
  [JobName.SigningSignDocument]: { tenantId: string; taskId: string };
  [JobName.SigningBulkItem]: { tenantId: string; batchId: string; itemId: string };
  [JobName.NotificationsSendMail]: { tenantId: string; outboxId: string };
  /** `date`: the day (Europe/Paris, YYYY-MM-DD) the digest is for; one job per day. */
  [JobName.NotificationsLateDigest]: { date: string };
  [JobName.WebhooksDeliver]: { tenantId: string; deliveryId: string };
  /** `date`: the day (Europe/Paris, YYYY-MM-DD) of the run; one job per day. */
  [JobName.ArchiveRenewTimestamps]: { date: string };
}

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; each next one doubles (exponential backoff). */
  backoffMs: number;
}

export interface JobDefinition {
  queue: QueueName;
  retry: RetryPolicy;
}

export const JOBS: Readonly<Record<JobName, JobDefinition>> = {
  [JobName.SystemQueueCheck]: { queue: QueueName.System, retry: { attempts: 3, backoffMs: 1_000 } },
  // A TSA or the database away: retried for about a minute before the task shows as failed.
  [JobName.SigningSignDocument]: { queue: QueueName.Signing, retry: { attempts: 6, backoffMs: 2_000 } },
  [JobName.SigningBulkItem]: { queue: QueueName.Signing, retry: { attempts: 4, backoffMs: 1_000 } },
  // An SMTP server away: retried for about half an hour (2 s, 4 s, 8 s … 17 min); the mail stays in the outbox meanwhile.
  [JobName.NotificationsSendMail]: { queue: QueueName.Notifications, retry: { attempts: 10, backoffMs: 2_000 } },
  [JobName.NotificationsLateDigest]: { queue: QueueName.Notifications, retry: { attempts: 3, backoffMs: 60_000 } },
  // An integrator's endpoint away: 8 attempts; the delay (WEBHOOKS_BACKOFF_BASE_MS, default 22.5 min) doubles, so about 2 days.
  [JobName.WebhooksDeliver]: { queue: QueueName.Webhooks, retry: { attempts: 8, backoffMs: 1_350_000 } },
  // A TSA away: the daily run is retried a few times; documents not renewed today are tried again tomorrow.
  [JobName.ArchiveRenewTimestamps]: { queue: QueueName.System, retry: { attempts: 3, backoffMs: 600_000 } },
};

export const JOB_NAMES: readonly JobName[] = Object.values(JobName);

export function isJobName(value: string): value is JobName {
  return (JOB_NAMES as readonly string[]).includes(value);
}

/** Delay before retry number `attempt` (1-based count of failures so far). */
export function backoffDelay(retry: RetryPolicy, failures: number): number {
  return retry.backoffMs * 2 ** Math.max(0, failures - 1);
}
