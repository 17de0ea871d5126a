// WordPress's wording for a comment count, shared by the front page and the thread heading.
export function responsesLabel(count: number): string {
  if (count === 0) return 'No responses yet';
  return count === 1 ? '1 Response' : `${count} Responses`;
}
