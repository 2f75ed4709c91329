/**
 * The engine parts the orchestration assembles (PDF layer, CMS, TSA, appearance), imported
 * in one place so the orchestration reads as the sequence of steps it is.
 */
export { PdfDocument } from '../pdf/document';
export { addSignaturePlaceholderChunks, hashByteRange, injectSignature } from '../pdf/placeholder';
export { buildSignedAttributes } from '../cms/signed-attributes';
export { buildSignedData } from '../cms/signed-data';
export { prepareStamp } from '../appearance';
export { requestTimestamp } from '../tsa';
