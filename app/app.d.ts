// SvelteKit's app-wide types (https://svelte.dev/docs/kit/types#app.d.ts).
import type { Principal } from './server/accounts.ts';
import type { Context } from './server/context.ts';
import type { GatePass } from './lib/shell/page-gate.server.ts';

declare global {
  namespace App {
    interface Locals {
      /** The request's database and center zone (app/server/context.ts), set first in hooks.server.ts. */
      ctx: Context;
      /** The signed-in user the page gate let through (null on public pages and static assets). */
      user: Principal | null;
      /** Set by the page gate when it let the request through (the root layout checks it again). */
      gate: GatePass | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
