// What every contract suite checks of an error: the status, and a JSON body in the
// contract's error shape with this code and a message a person can read.
import { expect } from 'vitest';
import { apiErrorSchema, type ErrorCode } from '../../src/contract/schemas';

export function expectError(result: { status: number; json: unknown }, status: number, code: ErrorCode) {
  expect(result.status, JSON.stringify(result.json)).toBe(status);
  const { error } = apiErrorSchema.parse(result.json);
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}
