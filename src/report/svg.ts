/**
 * SVG figures rendered in Node by vega from vega-lite specifications (no hand-written paths).
 * Rendering uses vega's headless 'none' renderer, so no canvas or browser is needed, and the same
 * specification always gives the same SVG text. The specifications themselves are pure functions
 * of the data, one module per figure: failure-rate-figure.ts, bound-vs-error-figure.ts and
 * samples-figure.ts.
 */
import type * as vl from 'vega-lite';

/**
 * Renders a vega-lite specification to an SVG string.
 *
 * @example
 * ```ts
 * const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
 * ```
 */
export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  // loaded on first use: vega is most of the CLI's start-up time, and only figures need it
  const [vega, vlRuntime] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vlRuntime.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
