/** The entry point the signing orchestration calls for a visible signature. */
import type { PdfRef } from '../pdf/objects';
import type { PageInfo } from '../pdf/pages';
import type { StampOptions } from '../types';
import { writeAppearance } from './appearance';
import { measureText, parseFont, type ObjectSink } from './font';
import { dejaVuSansBytes } from './font-file';
import { userRectToVisible, type Rect } from './geometry';
import { decodePng } from './image';
import { layoutStamp } from './layout';
import { resolveStampPlacement, type PendingWidget, type StampDocument } from './placement';
import { stampLines } from './text';

export interface PreparedStamp {
  page: PageInfo;
  /** The widget's /Rect, in user space (unrotated page coordinates). */
  rect: Rect;
  /** Adds the appearance form (and its font and image) to the update; returns the form for /AP /N. */
  appearance: (update: ObjectSink) => PdfRef;
}

export interface PrepareStampExtras {
  /** TrueType bytes to embed instead of DejaVu Sans (the same Buffer is parsed once). */
  font?: Buffer;
  /** Stamps placed earlier in the same update, so 'auto' avoids them too. */
  pending?: PendingWidget[];
}

/**
 * Resolves the placement, lays out the text (and image) and returns the widget rectangle with
 * a callback that writes the appearance into the incremental update. Throws PadesError
 * InvalidPlacement (page, rectangle, tag or free slot) or Unsupported (unreadable image)
 * before anything is written.
 */
export function prepareStamp(doc: StampDocument, options: StampOptions, when: Date, extras: PrepareStampExtras = {}): PreparedStamp {
  const place = resolveStampPlacement(doc, options.placement, extras.pending);
  return buildStamp(place.page, place.rect, place.width, place.height, options, when, extras.font);
}

/**
 * The same for an existing empty signature field, whose /Rect (user space, on `page`) is kept:
 * the appearance is sized to it as the reader sees it. `options.placement` is ignored.
 */
export function prepareFieldStamp(page: PageInfo, rect: Rect, options: Omit<StampOptions, 'placement'>, when: Date, extras: Pick<PrepareStampExtras, 'font'> = {}): PreparedStamp {
  const visible = userRectToVisible(page, rect);
  return buildStamp(page, rect, visible[2] - visible[0], visible[3] - visible[1], options, when, extras.font);
}

function buildStamp(page: PageInfo, rect: Rect, width: number, height: number, options: Omit<StampOptions, 'placement'>, when: Date, fontBytes?: Buffer): PreparedStamp {
  const font = parseFont(fontBytes ?? dejaVuSansBytes());
  const image = options.image ? decodePng(options.image) : undefined;
  const layout = layoutStamp({
    width,
    height,
    lines: stampLines(options, when),
    measure: (text, size) => measureText(font, text, size),
    image: image && { width: image.width, height: image.height },
  });
  return {
    page,
    rect,
    appearance: (update) => writeAppearance(update, { width, height, rotate: page.rotate, layout, font, image }),
  };
}
