// A GitHub-style identicon drawn from the server's avatar key: no Gravatar
// request, so nobody learns who reads or comments here.

const SIZE = 5;
const CELL = 8;
const PAD = 4;

/** Pure: the same 16-hex key always draws the same mirrored 5×5 grid. */
export function identiconCells(key: string): { x: number; y: number }[] {
  const bits = BigInt(`0x${key}`);
  const cells: { x: number; y: number }[] = [];
  // Only the left three columns come from the key; the right two mirror them.
  for (let x = 0; x < 3; x++) {
    for (let y = 0; y < SIZE; y++) {
      const bit = BigInt(x * SIZE + y);
      if ((bits >> bit) & 1n) {
        cells.push({ x, y });
        if (x < 2) cells.push({ x: SIZE - 1 - x, y });
      }
    }
  }
  return cells;
}

/**
 * Hue from bits the grid does not use, so colour and shape vary independently:
 * the grid reads the lowest 15 bits (the last four hex digits), the hue the
 * highest 12 (the first three).
 */
export function identiconHue(key: string): number {
  return Number.parseInt(key.slice(0, 3), 16) % 360;
}

export function Identicon({ avatar, placeholder = false }: { avatar: string; placeholder?: boolean }) {
  const span = SIZE * CELL + PAD * 2;
  return (
    <svg className="identicon" viewBox={`0 0 ${span} ${span}`} width="48" height="48" aria-hidden="true" focusable="false">
      <rect className="identicon-bg" width={span} height={span} rx="6" />
      {/* One path for all the cells: a rect each made identicons half the elements of a long page. */}
      {!placeholder && (
        <path
          d={identiconCells(avatar)
            .map(({ x, y }) => `M${PAD + x * CELL} ${PAD + y * CELL}h${CELL}v${CELL}h-${CELL}z`)
            .join('')}
          fill={`hsl(${identiconHue(avatar)} 55% 48%)`}
        />
      )}
    </svg>
  );
}
