/**
 * "Visible space" is the page as the reader sees it: the CropBox after /Rotate, origin at its
 * bottom-left corner, x to the right, y upwards, in points. User space is the unrotated page
 * coordinate system that /Rect and content streams use.
 */

export type Rect = [number, number, number, number];
export type Rotation = 0 | 90 | 180 | 270;
export type Matrix = [number, number, number, number, number, number];

/** The two facts of a page that the mapping needs. */
export interface PageFrame {
  cropBox: Rect;
  rotate: Rotation;
}

/** Visible width and height: the crop box, swapped on quarter turns. */
export function visibleSize(page: PageFrame): { width: number; height: number } {
  const w = page.cropBox[2] - page.cropBox[0];
  const h = page.cropBox[3] - page.cropBox[1];
  return page.rotate % 180 === 0 ? { width: w, height: h } : { width: h, height: w };
}

/** A visible point to user space. /Rotate turns the page clockwise for display. */
export function visibleToUser(page: PageFrame, u: number, v: number): [number, number] {
  const [x1, y1, x2, y2] = page.cropBox;
  switch (page.rotate) {
    case 0:
      return [x1 + u, y1 + v];
    case 90:
      return [x2 - v, y1 + u];
    case 180:
      return [x2 - u, y2 - v];
    case 270:
      return [x1 + v, y2 - u];
  }
}

/** A user-space point to visible space (the inverse of `visibleToUser`). */
export function userToVisible(page: PageFrame, x: number, y: number): [number, number] {
  const [x1, y1, x2, y2] = page.cropBox;
  switch (page.rotate) {
    case 0:
      return [x - x1, y - y1];
    case 90:
      return [y - y1, x2 - x];
    case 180:
      return [x2 - x, y2 - y];
    case 270:
      return [y2 - y, x - x1];
  }
}

/** Normalizes a rectangle given by two opposite corners. */
export function normalize(r: Rect): Rect {
  return [Math.min(r[0], r[2]), Math.min(r[1], r[3]), Math.max(r[0], r[2]), Math.max(r[1], r[3])];
}

/** A visible rectangle to the user-space /Rect of the widget. */
export function visibleRectToUser(page: PageFrame, r: Rect): Rect {
  const [a, b] = visibleToUser(page, r[0], r[1]);
  const [c, d] = visibleToUser(page, r[2], r[3]);
  return normalize([a, b, c, d]);
}

/** A user-space rectangle (e.g. an existing widget's /Rect) to visible space. */
export function userRectToVisible(page: PageFrame, r: Rect): Rect {
  const [a, b] = userToVisible(page, r[0], r[1]);
  const [c, d] = userToVisible(page, r[2], r[3]);
  return normalize([a, b, c, d]);
}

/**
 * The appearance form's /Matrix: turns content drawn upright in [0 0 w h] counter-clockwise by
 * the page rotation, translated so the result starts at the origin (viewers then fit it to /Rect).
 */
export function formMatrix(rotate: Rotation, w: number, h: number): Matrix {
  switch (rotate) {
    case 0:
      return [1, 0, 0, 1, 0, 0];
    case 90:
      return [0, 1, -1, 0, h, 0];
    case 180:
      return [-1, 0, 0, -1, w, h];
    case 270:
      return [0, -1, 1, 0, 0, w];
  }
}

/** True when the rectangles share some area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** True when `inner` lies within `outer`, with a small tolerance for rounding. */
export function contains(outer: Rect, inner: Rect, epsilon = 0.01): boolean {
  return inner[0] >= outer[0] - epsilon && inner[1] >= outer[1] - epsilon && inner[2] <= outer[2] + epsilon && inner[3] <= outer[3] + epsilon;
}
