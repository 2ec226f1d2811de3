import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/shell/nav.ts';
import type { PageServerLoad } from './$types';

/** `/` is the signed-in role's home (the page gate has already sent everyone else to /login). */
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/login');
  redirect(303, homeFor(locals.user));
};
