/** Visible signature stamps: placement, layout, embedded font, appearance form. */
export { prepareStamp, prepareFieldStamp, type PreparedStamp, type PrepareStampExtras } from './stamp';
export { resolveStampPlacement, widgetRects, DEFAULT_STAMP_WIDTH, DEFAULT_STAMP_HEIGHT, type ResolvedPlacement, type PendingWidget, type StampDocument } from './placement';
export { layoutStamp, wrapText, type StampLayout, type LayoutInput } from './layout';
export { formatSigningDate, stampLines, type StampLine } from './text';
export { visibleSize, visibleToUser, userToVisible, visibleRectToUser, userRectToVisible, formMatrix, type Rect } from './geometry';
export { findTagOnPage, type TagMatch } from './tags';
export { FontSubset, parseFont, measureText, type ObjectSink } from './font';
export { dejaVuSansBytes } from './font-file';
