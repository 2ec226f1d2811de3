/**
 * The order test files start in: vitest's own (failed first, then longest first by the last run's
 * times; larger files first on a fresh clone), with the browser files last, so that the app build
 * and demo seed the warm-up (warm-up.ts) started are ready by the time they run. Among the browser
 * files the accessibility walk's (a11y-*.browser.test.ts, a minute or two each) go first: a few lines
 * each, a fresh clone's size order put them last, where they ran on after every other file was done.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const isBrowser = (spec: TestSpecification) => spec.moduleId.endsWith('.browser.test.ts');
const isWalk = (spec: TestSpecification) => /\/a11y-[^/]+\.browser\.test\.ts$/.test(spec.moduleId);

export default class BrowserLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter(isBrowser);
    return [...sorted.filter((f) => !isBrowser(f)), ...browser.filter(isWalk), ...browser.filter((f) => !isWalk(f))];
  }
}
