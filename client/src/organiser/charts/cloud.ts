import type { Stats } from '../../../../shared/schemas';
import { h } from '../../shared/dom';

/** Font sizes (rem) of the least and the most popular topic. */
const SMALLEST = 0.95;
const LARGEST = 2.6;

/**
 * A topic cloud: each topic sized by how many attendees chose it. HTML rather than SVG, since
 * topics are free text of any width and a wrapping list lays them out without measuring glyphs;
 * it also reads as a plain list ("AI, 12 people") to a screen reader.
 */
export function topicCloud(topics: Stats['topics']): HTMLElement {
  const most = Math.max(1, ...topics.map((t) => t.count));
  // Alphabetical, so the eye finds a topic; the size carries the popularity.
  const sorted = [...topics].sort((a, b) => a.topic.localeCompare(b.topic));
  return h(
    'ul',
    { class: 'cloud', attrs: { 'aria-label': 'Topics by how many people chose them' } },
    ...sorted.map((t) => {
      // Square root: area, not height, is what the eye compares.
      const size = SMALLEST + (LARGEST - SMALLEST) * Math.sqrt(t.count / most);
      return h(
        'li',
        {
          class: t.count === most ? 'cloud-topic cloud-top' : 'cloud-topic',
          data: { topic: t.topic },
          attrs: { style: `font-size:${size.toFixed(2)}rem`, title: `${t.topic}: ${t.count}` },
        },
        // <bdi>: a right-to-left topic keeps to itself, and its count stays after it.
        h('bdi', null, t.topic),
        h('span', { class: 'cloud-count' }, ` ${t.count}`),
      );
    }),
  );
}
