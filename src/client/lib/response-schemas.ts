// Every schema the client checks the server's answers against. Only the API
// client loads this module, on demand (import() in api-client.ts), so zod and
// the contract's schemas stay out of the JS a reader waits for: a server-rendered
// page's data comes with the page, and nothing fetched is used before it is checked.
export * from '../../contract/schemas';
export * from '../../contract/comment-page';
export * from '../../contract/comment-search';
export * from '../../contract/live-event';
