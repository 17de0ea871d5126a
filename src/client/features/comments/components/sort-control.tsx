// "Sort comments": a native select in a GET form, so a reader without JavaScript
// sorts too (the form's "Sort" button, only in the server's HTML, loads
// ?sort=…). With JavaScript a choice applies at once: it is remembered for the
// next visit (a cookie the server renders with), put in the address, and the
// thread reloads in that order from its first page.
import { useLocation } from 'wouter';
import { COMMENT_SORTS, parseSort, SORT_LABELS, SORT_PARAM, type CommentSort } from '../../../../contract/sort';
import { useHydrated } from '../../../lib/use-hydrated';
import { rememberSort, sortForAddress } from '../lib/use-sort';

const SELECT_ID = 'comment-sort';

export function SortControl({ articlePath, sort }: { articlePath: string; sort: CommentSort }) {
  const hydrated = useHydrated();
  const [, navigate] = useLocation();
  const choose = (chosen: CommentSort) => {
    rememberSort(chosen);
    // Page 1 in the new order; ?sort= only where the cookie alone would not bring it back.
    // Replacing the entry: Back leaves the article rather than stepping through orders.
    const address = sortForAddress(chosen);
    navigate(address ? `${articlePath}?${SORT_PARAM}=${address}` : articlePath, { replace: true });
  };
  return (
    <form className="sort-control" method="get" action={`${articlePath}#comments`}>
      <label htmlFor={SELECT_ID}>Sort comments</label>
      <select
        id={SELECT_ID}
        name={SORT_PARAM}
        value={sort}
        onChange={(event) => {
          const chosen = parseSort(event.target.value);
          if (chosen) choose(chosen);
        }}
      >
        {COMMENT_SORTS.map((option) => (
          <option key={option} value={option}>
            {SORT_LABELS[option]}
          </option>
        ))}
      </select>
      {!hydrated && (
        <button type="submit" className="button">
          Sort
        </button>
      )}
    </form>
  );
}
