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
    const ok = rows.map((r) => r.succeeded || 0);
    const bad = rows.map((r) => r.failed || 0);
    const other = rows.map((r) => r.other || 0);
    const bars = uPlot.paths.bars({ size: [0.6, 40] });
    const width = Math.max(280, box.current.clientWidth - 4);
    const plot = new uPlot({
      width, height,
      legend: { show: true },
      axes: [{ stroke: cssVar('--muted'), grid: { stroke: cssVar('--border') } },
        { stroke: cssVar('--muted'), grid: { stroke: cssVar('--border') } }],
      series: [{},
        { label: 'Succeeded', stroke: cssVar('--ok'), fill: cssVar('--ok'), paths: bars },
        { label: 'Failed', stroke: cssVar('--bad'), fill: cssVar('--bad'), paths: bars },
        { label: 'Other', stroke: cssVar('--info'), fill: cssVar('--info'), paths: bars }],
    }, [xs, ok, bad, other], box.current);
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
