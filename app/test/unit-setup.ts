/**
 * vitest's setup file for every test file: users the tests create get cheap password hashes
 * (app/server/password-cost.ts says why; accounts.test.ts checks production's cost), and new
 * in-memory databases copy one migrated once instead of migrating (sql/memory-template.ts;
 * memory-template.test.ts checks the copy equals a migrated database).
 */
import { lowerPasswordCostForTests } from '../server/password-cost.ts';
import { useMigratedTemplate } from '../../sql/memory-template.ts';

lowerPasswordCostForTests();
useMigratedTemplate();
