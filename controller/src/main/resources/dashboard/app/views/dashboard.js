// Dashboard: stat cards; Overview (15-minute timeline, breakdowns), Activity, Infrastructure.
import { useMemo, useState } from 'preact/hooks';
import { html, useApi, useChanges, Tabs, Loading, href, Status, When } from '../ui.js';
import { TimelineChart, Breakdown } from './charts.js';
import { RunsTable, EventsTable } from './tables.js';
import { DependencyMap } from './graph.js';
import { remember } from '../names.js';

const DAY_AGO = () => new Date(Date.now() - 86400000).toISOString().replace(/\.\d+Z$/, 'Z');

function Card({ path, label, link }) {
  const r = useApi(path, 15000);
  useChanges(r.reload);
  const n = r.data ? (Array.isArray(r.data) ? r.data.length : r.data.total) : r.error ? '!' : '…';
  return html`<a class="card" href=${link} style=${{ textDecoration: 'none', color: 'inherit' }}>
    <div class="n">${n}</div><div class="l">${label}</div></a>`;
}

function MinuteDetail({ bucket }) {
  const r = useApi('/api/timeline-detail/' + encodeURIComponent(bucket));
  return html`<${Loading} r=${r}><table id="minute-detail"><thead><tr><th>Job</th><th>Status</th><th>Runs</th></tr></thead>
    <tbody>${(r.data || []).map((d) => html`<tr><td>${d.job_name}</td><td><${Status} s=${d.status} /></td><td>${d.count}</td></tr>`)}</tbody></table><//>`;
}

function Overview() {
  const timeline = useApi('/api/timeline?minutes=15', 15000);
  const charts = useApi('/api/stats/charts', 30000);
  const [bucket, setBucket] = useState(null);
  const busy = (timeline.data || []).filter((b) => b.succeeded + b.failed + b.other > 0);
  return html`<div>
    <div class="panel"><h2>Runs in the last 15 minutes</h2>
      <${Loading} r=${timeline}><${TimelineChart} rows=${timeline.data} />
        ${busy.length > 0 && html`<div class="toolbar small"><span class="muted">Minutes with runs:</span>
          ${busy.map((b) => html`<button aria-pressed=${String(bucket === b.time)} onClick=${() => setBucket(bucket === b.time ? null : b.time)}>
            ${new Date(b.time + ':00Z').toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} · ${b.succeeded + b.failed + b.other}</button>`)}</div>`}
        ${bucket && html`<${MinuteDetail} bucket=${bucket} />`}<//></div>
    <div class="panel"><${Loading} r=${charts}>${charts.data && html`<div class="grid2">
      <${Breakdown} title="Outcomes" counts=${charts.data.execution_outcomes} />
      <${Breakdown} title="Task types" counts=${charts.data.task_types} />
      <${Breakdown} title="Schedule types" counts=${charts.data.schedule_types} />
    </div>`}<//></div>
  </div>`;
}

function Activity() {
  const running = useApi('/api/executions?status=running&per_page=10', 5000);
  const failed = useApi('/api/executions?status=failed&per_page=10', 15000);
  const recent = useApi('/api/executions?per_page=10', 5000);
  const events = useApi('/api/events?per_page=10', 10000);
  useChanges(() => { running.reload(); failed.reload(); recent.reload(); events.reload(); });
  return html`<div class="grid2">
    <div class="panel"><h2>Running</h2><${Loading} r=${running}><${RunsTable} runs=${running.data?.data} /><//></div>
    <div class="panel"><h2>Recently failed</h2><${Loading} r=${failed}><${RunsTable} runs=${failed.data?.data} /><//></div>
    <div class="panel"><h2>Recent runs</h2><${Loading} r=${recent}><${RunsTable} runs=${recent.data?.data} /><//></div>
    <div class="panel"><h2>Recent events</h2><${Loading} r=${events}><${EventsTable} events=${events.data?.data} /><//></div>
  </div>`;
}

export function AgentsList({ agents }) {
  if (!agents || agents.length === 0) return html`<p class="muted">No agents registered. Jobs run on the controller.</p>`;
  return html`<table><thead><tr><th>Name</th><th>Type</th><th>Status</th><th>Address</th><th>Tags</th><th>Last heartbeat</th></tr></thead>
    <tbody>${agents.map((a) => html`<tr key=${a.id}><td>${a.name}</td><td>${a.agent_type}</td><td><${Status} s=${a.status} /></td>
      <td class="mono small">${a.address}${a.port ? ':' + a.port : ''}</td><td>${(a.tags || []).join(', ')}</td>
      <td><${When} iso=${a.last_heartbeat} /></td></tr>`)}</tbody></table>`;
}

function Infrastructure() {
  const agents = useApi('/api/agents', 15000);
  const jobs = useApi('/api/jobs?per_page=100');
  const statuses = useApi('/api/executions/recent-statuses', 30000);
  if (jobs.data) remember(jobs.data.data);
  const groups = {};
  (jobs.data?.data || []).forEach((j) => { groups[j.group || 'Default'] = (groups[j.group || 'Default'] || 0) + 1; });
  return html`<div>
    <div class="panel"><h2>Agents</h2><${Loading} r=${agents}><${AgentsList} agents=${agents.data} /><//></div>
    <div class="panel"><h2>Pipelines</h2>
      ${Object.entries(groups).sort().map(([g, n]) => html`<a class="button" href=${href('/pipelines/' + encodeURIComponent(g))} style=${{ margin: '0 6px 6px 0' }}>${g} · ${n}</a>`)}</div>
    <div class="panel"><h2>Dependency map</h2>
      <${Loading} r=${jobs}>${jobs.data && html`<${DependencyMap} jobs=${jobs.data.data} statuses=${statuses.data} />`}<//></div>
  </div>`;
}

export function DashboardView({ tab }) {
  const since = useMemo(DAY_AGO, []);
  return html`<div>
    <h1>Dashboard</h1>
    <div class="cards">
      <${Card} path="/api/jobs?per_page=1" label="Jobs" link=${href('/monitor/jobs')} />
      <${Card} path="/api/jobs?per_page=1&status=paused" label="Paused jobs" link=${href('/monitor/jobs', { status: 'paused' })} />
      <${Card} path="/api/executions?per_page=1&status=running" label="Running now" link=${href('/monitor/runs', { status: 'running' })} />
      <${Card} path=${'/api/executions?per_page=1&from=' + since} label="Runs, last 24 h" link=${href('/monitor/runs', { range: '24h' })} />
      <${Card} path=${'/api/executions?per_page=1&status=failed&from=' + since} label="Failed, last 24 h" link=${href('/monitor/runs', { status: 'failed', range: '24h' })} />
      <${Card} path="/api/executions?per_page=1&status=pending_approval" label="Awaiting approval" link=${href('/monitor/runs', { status: 'pending_approval' })} />
      <${Card} path="/api/agents" label="Agents" link=${href('/settings/agents')} />
    </div>
    <${Tabs} base="/dashboard" active=${tab} tabs=${[['overview', 'Overview'], ['activity', 'Activity'], ['infrastructure', 'Infrastructure']]} />
    ${tab === 'activity' ? html`<${Activity} />` : tab === 'infrastructure' ? html`<${Infrastructure} />` : html`<${Overview} />`}
  </div>`;
}
