/**
 * The argon2id cost new password hashes are made with. Production always uses the library's defaults
 * (OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1; about 0.1 s a hash or a sign-in here).
 *
 * Tests only: the test suite signs in thousands of times (every API route for every role, every
 * browser file's users), so its setup lowers the cost for the users the tests create
 * (app/test/unit-setup.ts, and the browser tests' seeded demo). Nothing outside a test calls
 * `lowerPasswordCostForTests`: no setting or environment variable reaches it. A sign-in reads the
 * cost from the stored hash, so the same code checks both; accounts.test.ts checks the production
 * cost is what a user gets by default.
 */
import type { Options } from '@node-rs/argon2';

/** What the tests use instead: the smallest memory and time argon2id allows a sensible hash with. */
const TEST_COST: Options = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

let cost: Options | undefined;

/** The options for `hash` (undefined: the library's defaults, production's cost). */
export const passwordHashOptions = (): Options | undefined => cost;

/** Tests only: hash new passwords cheaply (`false` restores production's cost). */
export function lowerPasswordCostForTests(lower = true): void {
  cost = lower ? TEST_COST : undefined;
}

/** Whether the cost is lowered (a seeded test database made so is named apart from a production-cost one). */
export const passwordCostLowered = (): boolean => cost !== undefined;
