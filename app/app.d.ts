// SvelteKit's app-wide types (https://svelte.dev/docs/kit/types#app.d.ts).
import type { Principal } from './server/accounts.ts';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in user the page gate let through (null on public pages and static assets). */
      user: Principal | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
