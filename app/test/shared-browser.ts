/**
 * vitest globalSetup for the browser files: one headless Chromium for the whole run (playwright's
 * browser server), which each file's `launchBrowser()` connects to instead of starting its own:
 * a connection costs a tenth of a launch, and a launch is seconds on a loaded 2-core machine. Each
 * file still works in contexts of its own (own cookies and storage), and its `browser.close()`
 * closes them and disconnects. Without Chromium installed it provides nothing, so the files fail
 * with the install command (browser.ts), never skip.
 */
import type { TestProject } from 'vitest/node';
import { chromium, type BrowserServer } from 'playwright-core';
import { chromiumLaunch } from './browser.ts';

let server: BrowserServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket address (empty when each file launches its own). */
    chromiumEndpoint: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  const options = chromiumLaunch();
  server = options ? await chromium.launchServer(options) : undefined;
  project.provide('chromiumEndpoint', server?.wsEndpoint() ?? '');
}

export async function teardown(): Promise<void> {
  await server?.close();
}
