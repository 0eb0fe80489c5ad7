import { ConfigError, loadConfig } from '../../server/config';

describe('loadConfig', () => {
  test('defaults: the heap may grow 30 % over its live size', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(30);
  });

  test('HEAP_GROWING_PERCENT: 0 leaves it to V8; a number sets it', () => {
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '80' }).heapGrowingPercent).toBe(80);
  });

  test.each(['-1', 'lots', '1.5', '401'])('HEAP_GROWING_PERCENT=%s stops the boot with its name', (value) => {
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: value })).toThrow(ConfigError);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: value })).toThrow(/HEAP_GROWING_PERCENT/);
  });
});
