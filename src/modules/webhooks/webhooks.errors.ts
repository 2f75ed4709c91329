import { DomainError, type FieldError, type ProblemCatalog } from '../../common/errors';

export enum WebhookErrorCode {
  EndpointNotFound = 'webhook-endpoint-not-found',
  DeliveryNotFound = 'webhook-delivery-not-found',
  TargetRefused = 'webhook-target-refused',
  CursorInvalid = 'webhook-cursor-invalid',
}

const WEBHOOK_PROBLEMS: ProblemCatalog<WebhookErrorCode> = {
  [WebhookErrorCode.EndpointNotFound]: { status: 404, title: 'Webhook endpoint not found' },
  [WebhookErrorCode.DeliveryNotFound]: { status: 404, title: 'Webhook delivery not found' },
  [WebhookErrorCode.TargetRefused]: { status: 422, title: 'Webhook target refused' },
  [WebhookErrorCode.CursorInvalid]: { status: 400, title: 'Invalid cursor' },
};

export class WebhookError extends DomainError<WebhookErrorCode> {
  constructor(code: WebhookErrorCode, detail: string, options: { fieldErrors?: FieldError[] } = {}) {
    super(code, WEBHOOK_PROBLEMS[code], detail, options);
  }
}
