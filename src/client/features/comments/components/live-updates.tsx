// Live updates of the discussion: the connection, the changes it makes to the
// thread, and the button that shows new comments. Its own chunk (lazy-live-updates.tsx).
import { useLiveUpdates } from '../lib/use-live-updates';
import { NewCommentsButton } from './new-comments-button';

export function LiveUpdates({ slug }: { slug: string }) {
  const { waiting, label, show } = useLiveUpdates(slug);
  return <NewCommentsButton waiting={waiting} label={label} onShow={show} />;
}
