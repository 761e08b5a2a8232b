/**
 * PNG copies of the SVG figures, rendered by resvg (@resvg/resvg-js: a Rust SVG renderer shipped
 * as a prebuilt binary inside an npm package). It is loaded only when a PNG is asked for, so
 * nothing else pays for it. Text uses the system's fonts (DejaVu Sans where installed, else the
 * renderer's fallback); the SVG stays the reference output (the same data gives the same SVG text
 * byte for byte; a PNG depends on the fonts installed).
 */

import type { Resvg as ResvgClass } from '@resvg/resvg-js';

/** Renders SVG text to PNG bytes. */
export type PngRenderer = (svg: string) => Uint8Array;

/**
 * Loads the PNG renderer (call it before long work, so that a missing renderer is reported
 * before anything runs). Throws an Error naming the renderer when it cannot be loaded here.
 *
 * @example
 * ```ts
 * const toPng = await loadPngRenderer();
 * const png = toPng(svg); // PNG bytes at twice the SVG's size
 * ```
 */
export async function loadPngRenderer(): Promise<PngRenderer> {
  let Resvg: typeof ResvgClass;
  try {
    ({ Resvg } = await import('@resvg/resvg-js'));
  } catch (e) {
    throw new Error(
      `PNG output needs the @resvg/resvg-js renderer, which did not load here: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  return (svg: string): Uint8Array =>
    new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'zoom', value: 2 },
      font: { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans', defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
}

/**
 * The PNG path next to an SVG path: `x.svg` -> `x.png` (any other name gets `.png` appended).
 *
 * @example
 * ```ts
 * pngPathFor('reports/audit/samples.svg'); // 'reports/audit/samples.png'
 * ```
 */
export function pngPathFor(svgPath: string): string {
  return /\.svg$/i.test(svgPath) ? svgPath.replace(/\.svg$/i, '.png') : `${svgPath}.png`;
}
