/** The harness itself: without Chromium, browser tests fail and say how to install it (never skip). */
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALL_CHROMIUM, launchBrowser } from './browser.ts';

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe('launchBrowser', () => {
  it('fails with the one-line install command when Chromium is missing', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    await expect(launchBrowser()).rejects.toThrow(INSTALL_CHROMIUM);
    expect(INSTALL_CHROMIUM).toBe('apt-get update && apt-get install -y chromium');
  });
});
