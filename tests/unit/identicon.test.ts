import { expect, test } from 'vitest';
import { identiconCells, identiconHue } from '../../src/client/features/comments/components/identicon';

test('colour and shape come from different bits of the avatar key', () => {
  // Same grid bits (last four hex digits), different leading digits: same shape, other colour.
  expect(identiconCells('0010000000001234')).toEqual(identiconCells('0640000000001234'));
  expect(identiconHue('0010000000001234')).not.toBe(identiconHue('0640000000001234'));
  // Same leading digits, different grid bits: same colour, other shape.
  expect(identiconHue('0640000000000001')).toBe(identiconHue('0640000000007ffe'));
  expect(identiconCells('0640000000000001')).not.toEqual(identiconCells('0640000000007ffe'));
});
