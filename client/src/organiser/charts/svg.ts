/**
 * The SVG twin of shared/dom's `h`: text reaches a chart only through text nodes, so a topic or
 * a name drawn in a chart can never become markup.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

type SvgChild = Node | string | number | null | undefined | false;

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: SvgChild[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name)) throw new Error(`No inline handlers: ${name}`);
    if (value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return el;
}
