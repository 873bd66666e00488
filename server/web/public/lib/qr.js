// @ts-check
/* global document -- browser module; the repository ESLint config assumes Node globals. */
/**
 * Draws the enrollment QR code as inline SVG, built with DOM calls (no innerHTML, so it works
 * under `default-src 'self'` and nothing in the URI can become markup).
 *
 * Key material: the otpauth URI carries the new TOTP secret. It only lives in the page's DOM
 * while the setup is shown and is removed by `clearQr`.
 *
 * @see ISO/IEC 18004:2015 §9.1 (quiet zone of 4 modules), Key Uri Format (Google Authenticator wiki)
 */
import { create } from '../vendor/qrcode.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const QUIET_ZONE = 4;

/**
 * @param {HTMLElement} container
 * @param {string} otpauthUri
 */
export function renderQr(container, otpauthUri) {
  // Level M recovers ~15 % damage and keeps a 32-character secret URI at a scannable density.
  const symbol = create(otpauthUri, { errorCorrectionLevel: 'M' });
  const { size, data } = symbol.modules;
  const extent = size + 2 * QUIET_ZONE;

  // One path of 1×1 squares, merged per horizontal run to keep the path short.
  let d = '';
  for (let row = 0; row < size; row += 1) {
    let col = 0;
    while (col < size) {
      if (!data[row * size + col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < size && data[row * size + col]) col += 1;
      d += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`;
    }
  }

  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${extent} ${extent}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  // Always dark modules on a light ground, also in dark mode: many scanners cannot read inverted codes.
  const ground = document.createElementNS(SVG_NS, 'rect');
  ground.setAttribute('width', String(extent));
  ground.setAttribute('height', String(extent));
  ground.setAttribute('fill', '#ffffff');
  const modules = document.createElementNS(SVG_NS, 'path');
  modules.setAttribute('d', d);
  modules.setAttribute('fill', '#000000');
  svg.append(ground, modules);
  container.replaceChildren(svg);
}

/** @param {HTMLElement} container */
export function clearQr(container) {
  container.replaceChildren();
}
