// Charts: uPlot for time series; plain bars (DOM widths) for label → count breakdowns.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { html } from '../ui.js';

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Stacked-looking bars per minute from upstream's timeline rows {time, succeeded, failed, other}. */
export function TimelineChart({ rows, height = 180, label }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current || !rows) return undefined;
    const xs = rows.map((r) => Date.parse(r.time + (r.time.length === 16 ? ':00Z' : '')) / 1000);
    const raw = [null, rows.map((r) => r.succeeded || 0), rows.map((r) => r.failed || 0), rows.map((r) => r.other || 0)];
    // Stacked: each series is drawn as the sum of itself and the ones after it, later ones on top;
    // the legend shows each series' own count.
    const stacked = [null, raw[1].map((v, i) => v + raw[2][i] + raw[3][i]), raw[2].map((v, i) => v + raw[3][i]), raw[3]];
    const bars = uPlot.paths.bars({ size: [0.6, 40] });
    const own = (si) => (u, v, s, idx) => (idx == null ? '--' : raw[si][idx]);
    const width = Math.max(280, box.current.clientWidth - 4);
    const plot = new uPlot({
      width, height,
      legend: { show: true },
      axes: [{ stroke: cssVar('--muted'), grid: { stroke: cssVar('--border') } },
        { stroke: cssVar('--muted'), grid: { stroke: cssVar('--border') } }],
      series: [{},
        { label: 'Succeeded', stroke: cssVar('--ok'), fill: cssVar('--ok'), paths: bars, points: { show: false }, value: own(1) },
        { label: 'Failed', stroke: cssVar('--bad'), fill: cssVar('--bad'), paths: bars, points: { show: false }, value: own(2) },
        { label: 'Other', stroke: cssVar('--info'), fill: cssVar('--info'), paths: bars, points: { show: false }, value: own(3) }],
    }, [xs, stacked[1], stacked[2], stacked[3]], box.current);
    return () => plot.destroy();
  }, [rows]);
  return html`<div ref=${box} role="img" aria-label=${label || 'Runs per minute'}></div>`;
}

/** Horizontal bars for {label: count}. */
export function Breakdown({ title, counts }) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map((e) => e[1]));
  return html`<div class="bars">
    <h3>${title}</h3>
    ${entries.length === 0 && html`<p class="muted small">Nothing yet.</p>`}
    ${entries.map(([k, v]) => html`<div class="bar">
      <span class="small">${k}</span>
      <span class="track"><span class="fill" style=${{ display: 'block', width: (100 * v / max).toFixed(1) + '%' }}></span></span>
      <span class="small right">${v}</span></div>`)}
  </div>`;
}
