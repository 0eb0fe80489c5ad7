import { EVENT_LOOP_SAMPLE_MS, delayBeyondSample } from '../../server/metrics';
import { Scraper, type MetricsSample } from '../../scripts/sim/scraper';

const sample = (t: number, lagP99Ms: number): MetricsSample => ({ t, lagP99Ms, lagMaxMs: lagP99Ms * 2, rssBytes: 1, heapUsedBytes: 1, connections: 1 });

describe('event-loop figures', () => {
  test('delayBeyondSample takes off the sampling interval an idle process reads', () => {
    expect(delayBeyondSample(EVENT_LOOP_SAMPLE_MS)).toBe(0);
    expect(delayBeyondSample(EVENT_LOOP_SAMPLE_MS - 3)).toBe(0);
    expect(delayBeyondSample(EVENT_LOOP_SAMPLE_MS + 15)).toBe(15);
    expect(delayBeyondSample(NaN)).toBeNaN();
  });

  test('a steady-state window counts only if it starts after fromMs and ends by toMs', () => {
    const scraper = new Scraper([{ name: 'A', url: 'http://127.0.0.1:9' }], 0, 5000);
    // Windows: 0–5 s (first scrape), 5–10 s, 10–15 s, 15–20 s, 20–25 s.
    scraper.samples.get('A')!.push(sample(5000, 90), sample(10_000, 30), sample(15_000, 10), sample(20_000, 20), sample(25_000, 70));
    const [a] = scraper.summary(8000, 20_000);
    expect(a!.samples).toBe(2);
    expect(a!.lagP99WorstMs).toBe(20);
    expect(a!.lagMaxMs).toBe(40);
    expect(a!.lagP99WorstAllMs).toBe(90);
  });

  test('RSS per attendee: at peak connections, and at the run\'s highest RSS over the same connections', () => {
    const scraper = new Scraper([{ name: 'A', url: 'http://127.0.0.1:9' }], 0, 5000);
    scraper.idleRss.set('A', 100_000);
    const at = (t: number, rssBytes: number, connections: number): MetricsSample => ({ ...sample(t, 1), rssBytes, connections });
    scraper.samples.get('A')!.push(at(5000, 300_000, 50), at(10_000, 400_000, 100), at(15_000, 700_000, 90));
    const [a] = scraper.summary();
    expect(a!.peakConnections).toBe(100);
    expect(a!.bytesPerAttendee).toBe(3000);
    expect(a!.peakRssBytes).toBe(700_000);
    expect(a!.highestBytesPerAttendee).toBe(6000);
  });
});
