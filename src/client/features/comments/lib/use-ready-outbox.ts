// For code that sends (the form, the "Not sent yet" offer): they load in their
// own chunks, so they may bring the outbox's code with them and need not wait.
import { useContext } from 'react';
import type { Outbox } from './outbox';
import { OutboxContext } from './outbox-context';
import { tabOutbox } from './tab-outbox';

export function useReadyOutbox(): Outbox {
  return useContext(OutboxContext) ?? tabOutbox();
}
