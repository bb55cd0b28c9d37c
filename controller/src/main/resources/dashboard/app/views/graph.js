// The dependency map: Cytoscape, loaded only when a map is shown (it is most of the dashboard's bytes).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, go } from '../ui.js';

function color(status) {
  const v = { succeeded: '--ok', failed: '--bad', timed_out: '--bad', running: '--info' }[status] || '--muted';
  return getComputedStyle(document.documentElement).getPropertyValue(v).trim();
}

/** jobs: JobResponse[]; statuses: {job_id: [{status}]} (newest first) or null. */
export function DependencyMap({ jobs, statuses }) {
  const box = useRef(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let cy = null;
    let live = true;
    import('cytoscape').then(({ default: cytoscape }) => {
      if (!live || !box.current) return;
      const ids = new Set(jobs.map((j) => j.id));
      const elements = [];
      jobs.forEach((j) => {
        const last = statuses && statuses[j.id] && statuses[j.id][0];
        elements.push({ data: { id: j.id, label: j.name, color: color(last ? last.status : (j.last_execution || {}).status) } });
        (j.depends_on || []).filter((d) => ids.has(d.job_id))
          .forEach((d) => elements.push({ data: { id: d.job_id + '>' + j.id, source: d.job_id, target: j.id } }));
      });
      const text = getComputedStyle(document.documentElement).getPropertyValue('--text').trim();
      const line = getComputedStyle(document.documentElement).getPropertyValue('--muted').trim();
      cy = cytoscape({
        container: box.current,
        elements,
        layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1 },
        style: [
          { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(color)', color: text, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4 } },
          { selector: 'edge', style: { width: 1.5, 'line-color': line, 'target-arrow-color': line, 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
        ],
        wheelSensitivity: 0.3,
      });
      cy.on('tap', 'node', (e) => go('/jobs/' + e.target.id()));
    }, (e) => setError(e.message));
    return () => { live = false; if (cy) cy.destroy(); };
  }, [jobs, statuses]);
  if (error) return html`<p class="error">${error}</p>`;
  return html`<div class="map" ref=${box} role="img" aria-label="Dependency map of jobs"></div>`;
}
