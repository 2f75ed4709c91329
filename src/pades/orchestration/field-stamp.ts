import { userRectToVisible } from '../appearance';
import type { PdfDocument } from '../pdf/document';
import type { StampOptions } from '../types';

/**
 * A stamp for a pre-placed empty signature field goes in that field's own rectangle (its /Rect
 * is kept), whatever placement was asked: the appearance is then drawn at the widget's size.
 * Other fields and unknown names keep the placement asked for.
 */
export function stampForField(doc: PdfDocument, fieldName: string | undefined, stamp: StampOptions): StampOptions {
  if (fieldName === undefined) return stamp;
  const field = doc.signatureFields().find((f) => f.name === fieldName && !f.signed);
  const page = field?.pageRef && doc.pages().find((p) => p.ref.equals(field.pageRef as NonNullable<typeof field.pageRef>));
  if (!field?.rect || !page) return stamp;
  const [x1, y1, x2, y2] = userRectToVisible(page, field.rect);
  if (x2 - x1 <= 0 || y2 - y1 <= 0) return stamp;
  return { ...stamp, placement: { kind: 'rect', page: page.index + 1, x: x1, y: y1, width: x2 - x1, height: y2 - y1 } };
}
