import { describe, expect, it } from 'vitest';
import { FACT_VALUE, PYTHON_VALUE, factCode } from './runtime-facts';

describe('factCode', () => {
  it('asserts the fact against the value as a Python string literal', () => {
    expect(factCode('python', '3.12')).toBe(`import sys,os\nassert '%d.%d'%sys.version_info[:2]=="3.12"`);
    expect(factCode('release', 'release-colab_20261201-060048_RC00')).toBe(`import sys,os\nassert os.environ.get('COLAB_RELEASE_TAG')=="release-colab_20261201-060048_RC00"`);
  });
  it('takes values only of a charset that needs no escaping', () => {
    for (const good of ['3.12', 'release-colab_20261201-060048_RC00', 'r1+local']) expect(FACT_VALUE.test(good), good).toBe(true);
    for (const bad of ['x"', "x'", 'a\\b', 'a b', 'a\nb', '', 'x'.repeat(101), '"+__import__("os").system("id")+"']) expect(FACT_VALUE.test(bad), bad).toBe(false);
    expect(PYTHON_VALUE.test('3.12')).toBe(true);
    for (const bad of ['3', '3.12.1', '3.x', 'release-1']) expect(PYTHON_VALUE.test(bad), bad).toBe(false);
  });
});
