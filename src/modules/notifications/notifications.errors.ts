import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum NotificationErrorCode {
  RecipientInvalid = 'mail-recipient-invalid',
  CursorInvalid = 'outbox-cursor-invalid',
}

const NOTIFICATION_PROBLEMS: ProblemCatalog<NotificationErrorCode> = {
  [NotificationErrorCode.RecipientInvalid]: { status: 422, title: 'Invalid mail recipient' },
  [NotificationErrorCode.CursorInvalid]: { status: 400, title: 'Invalid cursor' },
};

export class NotificationError extends DomainError<NotificationErrorCode> {
  constructor(code: NotificationErrorCode, detail: string, options: { fieldErrors?: { field: string; message: string }[] } = {}) {
    super(code, NOTIFICATION_PROBLEMS[code], detail, options);
  }
}
