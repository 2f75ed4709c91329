/** The events an endpoint can subscribe to. Values are stable: they are stored and sent to integrators. */
export enum WebhookEventType {
  FolderCreated = 'folder.created',
  FolderStepCompleted = 'folder.step_completed',
  FolderCompleted = 'folder.completed',
  FolderRejected = 'folder.rejected',
  FolderWithdrawn = 'folder.withdrawn',
  SignatureFailed = 'signature.failed',
}

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(WebhookEventType);
