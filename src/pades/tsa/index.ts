export { requestTimestamp } from './tsa-client';
export { checkTimestampResponse, type ExpectedTimestamp } from './timestamp-response';
export { buildTimeStampRequest, type TimeStampRequest } from './timestamp-request';
