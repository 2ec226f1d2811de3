/**
 * The browser tests' warm-up, run in its own process as a test run starts (vitest's globalSetup for
 * the browser files, warm-up.ts): builds the app and seeds the demo database while the other test
 * files run, so the browser files, scheduled last, find both ready instead of waiting on them.
 * Holds the same lock files the browser tests would, so running it twice or beside a test is safe.
 */
import { demoTemplate } from './app-server.ts';
import { ensureBuilt } from './build-app.ts';
import { lowerPasswordCostForTests } from '../server/password-cost.ts';

lowerPasswordCostForTests(); // as in the test files (unit-setup.ts): the template's users are the same either way

await ensureBuilt();
await demoTemplate();
