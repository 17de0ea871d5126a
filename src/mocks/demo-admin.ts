// The static demo's admin token. Not a secret: the demo's mock runs in the
// visitor's own browser, and its admin page shows this token on the sign-in form.
// A real server takes only its ADMIN_TOKEN from the environment.
export const DEMO_ADMIN_TOKEN = 'colloquy-demo-admin';
