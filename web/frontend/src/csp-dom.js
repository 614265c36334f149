// min-dom as every bundled package imports it, with `domify` kept inside the page's Content-Security-Policy
// (style-src 'self', no inline style): markup with `style="..."` (the properties panel's containers) would
// have its style attribute blocked and reported as a violation. The attribute is moved aside before parsing
// and applied through the CSSOM (`element.style.cssText`), which the policy allows. build.mjs points every
// import of 'min-dom' here; this file alone imports the package itself.
import { domify as parse } from 'min-dom';

export * from 'min-dom';

const STYLE = /\sstyle="([^"]*)"/g;

export function domify(html, document) {
  if (typeof html !== 'string' || !STYLE.test(html)) return parse(html, document);
  STYLE.lastIndex = 0;
  const parsed = parse(html.replace(STYLE, ' data-csp-style="$1"'), document);
  const nodes = parsed.querySelectorAll ? [parsed, ...parsed.querySelectorAll('[data-csp-style]')] : [];
  nodes.filter((node) => node.hasAttribute && node.hasAttribute('data-csp-style')).forEach((node) => {
    node.style.cssText = node.getAttribute('data-csp-style');
    node.removeAttribute('data-csp-style');
  });
  return parsed;
}
