// A zod error as the API's `fields`: one message per field, for the person next to it.
import type { z } from 'zod/mini';

/** One message per field, from the shared schema's issues. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'body');
    fields[key] ??= issue.message;
  }
  return fields;
}
