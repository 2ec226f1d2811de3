/**
 * The order test files start in: vitest's own (failed first, then longest first by the last run's
 * times; larger files first on a fresh clone), with the browser files last, so that the app build
 * and demo seed the warm-up (warm-up.ts) started are ready by the time they run.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const isBrowser = (spec: TestSpecification) => spec.moduleId.endsWith('.browser.test.ts');

export default class BrowserLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !isBrowser(f)), ...sorted.filter(isBrowser)];
  }
}
