// Monitor: Jobs (server-side search and filters, group picker, safe bulk actions), Runs, Events.
// Every filter lives in the URL, so any view of a list can be shared as a link.
import { useState, useEffect } from 'preact/hooks';
import { api, withQuery, enc } from '../api.js';
import { html, useApi, useChanges, Tabs, Loading, Pager, href, go, Status, When, can, Modal, scheduleText } from '../ui.js';
import { RunsTable, EventsTable } from './tables.js';
import { remember } from '../names.js';

const RANGES = [['', 'Any time'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];
const RANGE_MS = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 };

export function sinceOf(range) {
  const ms = RANGE_MS[range];
  return ms ? new Date(Math.floor((Date.now() - ms) / 60000) * 60000).toISOString().replace(/\.\d+Z$/, 'Z') : '';
}

function q(query) {
  return Object.fromEntries(query.entries());
}

function setQuery(tab, query, patch) {
  const next = { ...q(query), ...patch };
  if (!('page' in patch)) delete next.page;
  go('/monitor/' + tab, next);
}

const REFRESH = [['0', 'No refresh'], ['5', 'Every 5 s'], ['15', 'Every 15 s'], ['60', 'Every 60 s']];

/** The bulk action flow: the server's preview of exactly what is touched, then one result per job. */
function BulkAction({ action, jobs, groups, onDone }) {
  const [group, setGroup] = useState('Default');
  const [preview, setPreview] = useState(null);
  const [results, setResults] = useState(null);
  const [error, setError] = useState(null);
  const body = () => ({ action, job_ids: jobs.map((j) => j.id), ...(action === 'set_group' ? { group } : {}) });
  useEffect(() => {
    api.post('/api/jobs/bulk/preview', body()).then(setPreview, (e) => setError(e.message));
  }, [group]);
  const run = async () => {
    try { setResults(await api.post('/api/jobs/bulk', body())); } catch (e) { setError(e.message); }
  };
  const verb = { run: 'Run', pause: 'Pause', resume: 'Resume', delete: 'Delete', set_group: 'Move to group' }[action];
  const rows = results ? results.results : preview ? preview.items : [];
  return html`<${Modal} title=${verb + ' ' + jobs.length + ' job(s)'} onClose=${() => onDone(!!results)}>
    ${action === 'set_group' && !results && html`<label class="f"><span>Group</span>
      <input list="bulk-groups" value=${group} onChange=${(e) => setGroup(e.target.value)} />
      <datalist id="bulk-groups">${(groups || []).map((g) => html`<option value=${g} />`)}</datalist></label>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <table id="bulk-items"><thead><tr><th>Job</th><th>${results ? 'Result' : 'What happens'}</th></tr></thead><tbody>
      ${rows.map((r) => html`<tr key=${r.job_id}><td>${r.name}</td><td>${results
        ? (r.ok ? html`<span class=${r.left_alone ? 'muted' : 'ok'}>${r.detail || (r.left_alone ? 'left alone' : 'done')}</span>` : html`<span class="error">${r.status}: ${r.error}</span>`)
        : (r.left_alone ? html`<span class="muted">left alone: ${r.left_alone}</span>` : r.effect)}</td></tr>`)}
    </tbody></table>
    <div class="toolbar" style=${{ marginTop: '12px' }}>
      ${!results ? html`<button class=${action === 'delete' ? 'danger' : 'primary'} disabled=${!preview || preview.will_change === 0} onClick=${run}>
          ${verb} ${preview ? preview.will_change : ''} job(s)</button>`
        : html`<span role="status">${results.succeeded} done, ${results.failed} failed, ${results.left_alone} left alone</span>`}
      <button onClick=${() => onDone(!!results)}>${results ? 'Close' : 'Cancel'}</button>
    </div>
  <//>`;
}

function JobsTab({ query }) {
  const params = q(query);
  const refresh = Number(params.refresh || 0) * 1000;
  const r = useApi(withQuery('/api/jobs', { search: params.search, status: params.status, group: params.group, page: params.page, per_page: 25 }), refresh);
  const groups = useApi('/api/jobs/groups');
  useChanges(r.reload);
  const [search, setSearch] = useState(params.search || '');
  const [selected, setSelected] = useState(new Set());
  const [bulk, setBulk] = useState(null);
  useEffect(() => setSearch(params.search || ''), [params.search]);
  useEffect(() => { if (params.focus) document.getElementById('job-search')?.focus(); }, []);
  const jobs = r.data?.data || [];
  remember(jobs);
  const toggle = (id) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const chosen = jobs.filter((j) => selected.has(j.id));
  return html`<div>
    <form class="toolbar" role="search" onSubmit=${(e) => { e.preventDefault(); setQuery('jobs', query, { search }); }}>
      <label class="sr-only" for="job-search">Search jobs</label>
      <input id="job-search" type="search" placeholder="Search name or task (/)" value=${search} onInput=${(e) => setSearch(e.target.value)} />
      <button type="submit">Search</button>
      <label class="sr-only" for="job-status">Status</label>
      <select id="job-status" value=${params.status || ''} onChange=${(e) => setQuery('jobs', query, { status: e.target.value })}>
        <option value="">Any status</option><option value="scheduled">Scheduled</option>
        <option value="paused">Paused</option><option value="unscheduled">Unscheduled</option></select>
      <label class="sr-only" for="job-group">Group</label>
      <select id="job-group" value=${params.group || ''} onChange=${(e) => setQuery('jobs', query, { group: e.target.value })}>
        <option value="">All groups</option>
        ${(groups.data || []).map((g) => html`<option value=${g}>${g}</option>`)}</select>
      <label class="sr-only" for="job-refresh">Refresh</label>
      <select id="job-refresh" value=${params.refresh || '0'} onChange=${(e) => setQuery('jobs', query, { refresh: e.target.value === '0' ? '' : e.target.value, page: params.page })}>
        ${REFRESH.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
      ${can.write() && html`<a class="button" href=${href('/builder')}>New job</a>`}
    </form>
    ${can.write() && chosen.length > 0 && html`<div class="toolbar" aria-label="Bulk actions">
      <strong>${chosen.length} selected:</strong>
      ${['run', 'pause', 'resume', 'set_group', 'delete'].map((a) => html`<button class=${a === 'delete' ? 'danger' : ''} onClick=${() => setBulk(a)}>
        ${{ run: 'Run', pause: 'Pause', resume: 'Resume', set_group: 'Set group', delete: 'Delete' }[a]}</button>`)}
      <button onClick=${() => setSelected(new Set())}>Clear</button></div>`}
    <${Loading} r=${r}>
      ${jobs.length === 0 ? html`<p class="muted">No jobs match.</p>` : html`<table>
        <thead><tr>${can.write() && html`<th><span class="sr-only">Select</span></th>`}<th>Name</th><th>Group</th><th>Schedule</th><th>Status</th><th>Last run</th><th>Next fire</th></tr></thead>
        <tbody>${jobs.map((j) => html`<tr key=${j.id}>
          ${can.write() && html`<td><input type="checkbox" aria-label=${'Select ' + j.name} checked=${selected.has(j.id)} onChange=${() => toggle(j.id)} /></td>`}
          <td><a href=${href('/jobs/' + j.id)}>${j.name}</a></td>
          <td><a href=${href('/monitor/jobs', { group: j.group })}>${j.group}</a></td>
          <td class="small">${scheduleText(j.schedule)}</td>
          <td><${Status} s=${j.status} /></td>
          <td>${j.last_execution ? html`<a href=${href('/runs/' + j.last_execution.id)}><${Status} s=${j.last_execution.status} /></a>` : '—'}</td>
          <td><${When} iso=${j.next_fire_time} /></td>
        </tr>`)}</tbody></table>`}
      <${Pager} page=${r.data} onPage=${(p) => setQuery('jobs', query, { page: p })} />
    <//>
    ${bulk && html`<${BulkAction} action=${bulk} jobs=${chosen} groups=${groups.data}
      onDone=${(changed) => { setBulk(null); if (changed) { setSelected(new Set()); r.reload(); } }} />`}
  </div>`;
}

const RUN_STATUSES = ['', 'running', 'pending', 'queued', 'succeeded', 'failed', 'timed_out', 'cancelled', 'skipped', 'pending_approval'];

function RunsTab({ query }) {
  const params = q(query);
  const since = params.range ? sinceOf(params.range) : '';
  // `from` bounds the creation time, the list's own order, so any range reads an index in order.
  const r = useApi(withQuery('/api/executions', { status: params.status, search: params.search, group: params.group, from: since, page: params.page, per_page: 25 }),
    Number(params.refresh || 0) * 1000);
  useChanges(r.reload);
  const [search, setSearch] = useState(params.search || '');
  return html`<div>
    <form class="toolbar" role="search" onSubmit=${(e) => { e.preventDefault(); setQuery('runs', query, { search }); }}>
      <label class="sr-only" for="run-search">Search runs</label>
      <input id="run-search" type="search" placeholder="Search job name or output" value=${search} onInput=${(e) => setSearch(e.target.value)} />
      <button type="submit">Search</button>
      <label class="sr-only" for="run-status">Status</label>
      <select id="run-status" value=${params.status || ''} onChange=${(e) => setQuery('runs', query, { status: e.target.value })}>
        ${RUN_STATUSES.map((s) => html`<option value=${s}>${s ? s.replace('_', ' ') : 'Any status'}</option>`)}</select>
      <label class="sr-only" for="run-range">Time range</label>
      <select id="run-range" value=${params.range || ''} onChange=${(e) => setQuery('runs', query, { range: e.target.value })}>
        ${RANGES.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
      <label class="sr-only" for="run-refresh">Refresh</label>
      <select id="run-refresh" value=${params.refresh || '0'} onChange=${(e) => setQuery('runs', query, { refresh: e.target.value === '0' ? '' : e.target.value, page: params.page })}>
        ${REFRESH.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
    </form>
    <${Loading} r=${r}><${RunsTable} runs=${r.data?.data} />
      <${Pager} page=${r.data} onPage=${(p) => setQuery('runs', query, { page: p })} /><//>
  </div>`;
}

function EventsTab({ query }) {
  const params = q(query);
  const since = params.range ? sinceOf(params.range) : '';
  const r = useApi(withQuery('/api/events', { since, severity: params.severity, kind: params.kind, page: params.page, per_page: 50 }),
    Number(params.refresh || 0) * 1000);
  useChanges(r.reload);
  const severities = params.severity ? params.severity.split(',') : [];
  const [kind, setKind] = useState(params.kind || '');
  const toggle = (s) => {
    const next = severities.includes(s) ? severities.filter((x) => x !== s) : [...severities, s];
    setQuery('events', query, { severity: next.join(',') });
  };
  return html`<div>
    <form class="toolbar" onSubmit=${(e) => { e.preventDefault(); setQuery('events', query, { kind }); }}>
      <fieldset class="toolbar" style=${{ border: 'none', margin: 0, padding: 0 }}><legend class="sr-only">Severity</legend>
      ${['info', 'success', 'warning', 'error'].map((s) => html`<label class="c"><input type="checkbox" checked=${severities.includes(s)} onChange=${() => toggle(s)} /><${Status} s=${s} /></label>`)}</fieldset>
      <label class="sr-only" for="event-kind">Kind</label>
      <input id="event-kind" placeholder="Kind, e.g. execution.failed" value=${kind} onInput=${(e) => setKind(e.target.value)} />
      <label class="sr-only" for="event-range">Time range</label>
      <select id="event-range" value=${params.range || ''} onChange=${(e) => setQuery('events', query, { range: e.target.value })}>
        ${RANGES.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
      <button type="submit">Filter</button>
    </form>
    <${Loading} r=${r}><${EventsTable} events=${r.data?.data} />
      <${Pager} page=${r.data} onPage=${(p) => setQuery('events', query, { page: p })} /><//>
  </div>`;
}

export function MonitorView({ tab, query }) {
  return html`<div>
    <h1>Monitor</h1>
    <${Tabs} base="/monitor" active=${tab} tabs=${[['jobs', 'Jobs'], ['runs', 'Runs'], ['events', 'Events']]} />
    ${tab === 'runs' ? html`<${RunsTab} query=${query} />` : tab === 'events' ? html`<${EventsTab} query=${query} />` : html`<${JobsTab} query=${query} />`}
  </div>`;
}

