/**
 * vitest's setup file for every test file: users the tests create get cheap password hashes
 * (app/server/password-cost.ts says why; accounts.test.ts checks production's cost).
 */
import { lowerPasswordCostForTests } from '../server/password-cost.ts';

lowerPasswordCostForTests();
