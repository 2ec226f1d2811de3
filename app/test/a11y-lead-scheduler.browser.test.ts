// The accessibility walk (app/test/a11y-walk.ts) of the lead's and the scheduler's pages and the sign-in page.
import { walkPages } from './a11y-walk.ts';

walkPages('lead-scheduler');
