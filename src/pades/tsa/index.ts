export { requestTimestamp, requestTimestampForImprint } from './tsa-client';
export { checkTimestampResponse, type ExpectedTimestamp } from './timestamp-response';
export { buildTimeStampRequest, type TimeStampRequest } from './timestamp-request';
export { getBinary, postBinary } from './http-post';
