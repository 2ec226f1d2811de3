// The accessibility walk (app/test/a11y-walk.ts) of the manager's and the rep's pages.
import { walkPages } from './a11y-walk.ts';

walkPages('manager-rep');
