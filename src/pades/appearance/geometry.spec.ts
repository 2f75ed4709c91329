import { formMatrix, userToVisible, visibleRectToUser, visibleSize, visibleToUser, type Matrix, type PageFrame, type Rect, type Rotation } from './geometry';

const ROTATIONS: Rotation[] = [0, 90, 180, 270];
const crop: Rect = [150, 150, 662, 842];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

describe('visible space ↔ user space', () => {
  it('swaps the visible size on quarter turns', () => {
    expect(visibleSize({ cropBox: crop, rotate: 0 })).toEqual({ width: 512, height: 692 });
    expect(visibleSize({ cropBox: crop, rotate: 90 })).toEqual({ width: 692, height: 512 });
  });

  it.each(ROTATIONS)('maps back and forth exactly with /Rotate %i', (rotate) => {
    const page: PageFrame = { cropBox: crop, rotate };
    for (const [u, v] of [[0, 0], [10, 20], [300.5, 7.25]]) {
      const [x, y] = visibleToUser(page, u, v);
      expect(x).toBeGreaterThanOrEqual(150);
      expect(y).toBeGreaterThanOrEqual(150);
      expect(userToVisible(page, x, y)).toEqual([u, v]);
    }
  });

  it('puts the reader’s bottom-left corner where each rotation sends it', () => {
    expect(visibleToUser({ cropBox: crop, rotate: 0 }, 0, 0)).toEqual([150, 150]);
    // Turned clockwise: the user bottom-right corner is now at the reader's bottom-left.
    expect(visibleToUser({ cropBox: crop, rotate: 90 }, 0, 0)).toEqual([662, 150]);
    expect(visibleToUser({ cropBox: crop, rotate: 180 }, 0, 0)).toEqual([662, 842]);
    expect(visibleToUser({ cropBox: crop, rotate: 270 }, 0, 0)).toEqual([150, 842]);
  });

  it('turns a visible rectangle into a user rectangle of swapped size on a quarter turn', () => {
    const r = visibleRectToUser({ cropBox: [0, 0, 595, 842], rotate: 90 }, [20, 30, 220, 100]);
    expect(r).toEqual([495, 20, 565, 220]);
  });
});

describe('formMatrix', () => {
  it.each(ROTATIONS)('maps the [0 0 w h] box onto a box at the origin, turned counter-clockwise by %i°', (rotate) => {
    const [w, h] = [200, 70];
    const m = formMatrix(rotate, w, h);
    const corners = [apply(m, 0, 0), apply(m, w, 0), apply(m, 0, h), apply(m, w, h)];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const quarter = rotate % 180 !== 0;
    expect([Math.min(...xs), Math.min(...ys)]).toEqual([0, 0]);
    expect([Math.max(...xs), Math.max(...ys)]).toEqual(quarter ? [h, w] : [w, h]);
    // The text direction (local +x) ends up along the reader's +x once the page turns clockwise.
    const [dx, dy] = [m[0], m[1]];
    const angle = (Math.round((Math.atan2(dy, dx) * 180) / Math.PI) + 360) % 360;
    expect(angle).toBe(rotate);
  });
});
