/** The PDF layer of the signing engine: lazy reader, incremental writer, signature placeholder. */
export { parseContentStream, type ContentOperation } from './content';
export { PdfDocument, type OpenOptions } from './document';
export type { FieldInfo, SignatureFieldInfo } from './fields';
export { IncrementalUpdate, type UpdateResult, type WriteResult } from './incremental';
export * from './objects';
export type { Box, PageInfo } from './pages';
export { Parser, PdfSyntaxError, parseObjectAt } from './parser';
export { addSignaturePlaceholder, addSignaturePlaceholderChunks, hashByteRange, injectSignature, pdfDate } from './placeholder';
export type { ChunkedPlaceholderResult, PlaceholderOptions, PlaceholderResult } from './placeholder';
export { analyzeModifications, type ModificationChange, type ModificationReport } from './revisions';
export type { XrefData, XrefEntry, XrefSection } from './xref';
