// The accessibility walk (app/test/a11y-walk.ts) of the admin's pages, with the Tab walk of each.
import { walkPages } from './a11y-walk.ts';

walkPages('admin');
