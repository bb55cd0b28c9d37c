// Tables shared by several views.
import { html, href, Status, When } from '../ui.js';
import { JobLink } from '../names.js';

function duration(e) {
  if (!e.started_at) return '—';
  const end = e.finished_at ? Date.parse(e.finished_at) : Date.now();
  const s = Math.max(0, Math.round((end - Date.parse(e.started_at)) / 1000));
  return s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' m ' + (s % 60) + ' s' : Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' m';
}

export function RunsTable({ runs, showJob = true, selectable }) {
  if (!runs || runs.length === 0) return html`<p class="muted">No runs.</p>`;
  return html`<table>
    <thead><tr>${selectable && html`<th></th>`}<th>Run</th>${showJob && html`<th>Job</th>`}<th>Status</th><th>Exit</th><th>Started</th><th>Took</th><th>Trigger</th></tr></thead>
    <tbody>${runs.map((e) => html`<tr key=${e.id}>
      ${selectable && html`<td>${selectable(e)}</td>`}
      <td><a class="mono" href=${href('/runs/' + e.id)}>${e.id.slice(0, 8)}</a></td>
      ${showJob && html`<td><${JobLink} id=${e.job_id} /></td>`}
      <td><${Status} s=${e.status} /></td>
      <td>${e.exit_code ?? '—'}</td>
      <td><${When} iso=${e.started_at || e.created_at} /></td>
      <td>${duration(e)}</td>
      <td class="small">${(e.triggered_by && e.triggered_by.type) || '—'}</td>
    </tr>`)}</tbody>
  </table>`;
}

export function EventsTable({ events }) {
  if (!events || events.length === 0) return html`<p class="muted">No events.</p>`;
  return html`<table>
    <thead><tr><th>When</th><th>Severity</th><th>Kind</th><th>Message</th><th>Job</th></tr></thead>
    <tbody>${events.map((e) => html`<tr key=${e.id}>
      <td><${When} iso=${e.timestamp} /></td>
      <td><${Status} s=${e.severity} /></td>
      <td class="mono small">${e.kind}</td>
      <td>${e.message}${e.execution_id && html` <a class="small" href=${href('/runs/' + e.execution_id)}>run</a>`}</td>
      <td>${e.job_id ? html`<${JobLink} id=${e.job_id} />` : '—'}</td>
    </tr>`)}</tbody>
  </table>`;
}
