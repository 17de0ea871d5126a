// One chunk for the author's tools: the edit form and the delete confirmation share
// code, and as two chunks they made the bundler split the reader's up-front JS.
export { EditCommentForm } from './edit-comment-form';
export { DeleteConfirmation } from './delete-confirmation';
