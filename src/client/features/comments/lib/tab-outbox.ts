// This tab's outbox, made on first use. Its code (the outbox and the tab locks)
// is loaded with the form, or after the page is up: the first read never waits for it.
import { createOutbox, type Outbox } from './outbox';

let outbox: Outbox | undefined;

export const tabOutbox = (): Outbox => (outbox ??= createOutbox());
