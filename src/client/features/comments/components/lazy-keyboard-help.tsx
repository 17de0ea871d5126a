// The help dialog in a chunk of its own: only its button and the key handler are up front.
import { lazy, Suspense, type ComponentProps } from 'react';

const KeyboardHelpChunk = lazy(() => import('./keyboard-help').then((module) => ({ default: module.KeyboardHelp })));

export function LazyKeyboardHelp(props: ComponentProps<typeof KeyboardHelpChunk>) {
  return (
    <Suspense fallback={null}>
      <KeyboardHelpChunk {...props} />
    </Suspense>
  );
}
