import { CursorPageQueryDto } from '../../../common/http/cursor-page.query';

export class OutboxQueryDto extends CursorPageQueryDto {}
