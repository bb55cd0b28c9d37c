// Job detail: overview, live output, history, events, timeline, versions, webhook, why-didn't-it-run, upcoming.
import { useState } from 'preact/hooks';
import { api, enc, withQuery } from '../api.js';
import { html, useApi, useChanges, Tabs, Loading, Pager, href, go, Status, When, fmtTime, can, act, Modal, Json, Diff, scheduleText } from '../ui.js';
import { RunsTable, EventsTable } from './tables.js';
import { TimelineChart } from './charts.js';
import { LiveOutput } from './output.js';
import { JobLink } from '../names.js';
import { WhyPanel } from './why.js';
import { UpcomingCalendar } from './upcoming.js';

function TriggerDialog({ job, onClose }) {
  const params = job.parameters || [];
  const [values, setValues] = useState(Object.fromEntries(params.map((p) => [p.name, p.default ?? (p.param_type === 'boolean' ? 'false' : '')])));
  const [skipDeps, setSkipDeps] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    const body = params.length ? { params: values } : {};
    const r = await act(api.post(withQuery('/api/jobs/' + enc(job.id) + '/trigger', { skip_deps: skipDeps ? 'true' : '' }), body));
    if (r) {
      onClose();
      if (r.execution_id) go('/runs/' + r.execution_id);
      else go('/jobs/' + job.id + '/history');
    }
  };
  return html`<${Modal} title=${'Run ' + job.name} onClose=${onClose}>
    <form onSubmit=${submit}>
      ${params.map((p) => html`<label class="f"><span>${p.name}${p.required ? ' *' : ''}${p.description ? ' — ' + p.description : ''}</span>
        ${p.param_type === 'select' ? html`<select value=${values[p.name]} onChange=${(e) => setValues({ ...values, [p.name]: e.target.value })}>
            ${(p.options || []).map((o) => html`<option value=${o}>${o}</option>`)}</select>`
          : p.param_type === 'boolean' ? html`<select value=${values[p.name]} onChange=${(e) => setValues({ ...values, [p.name]: e.target.value })}>
            <option value="true">true</option><option value="false">false</option></select>`
          : html`<input type=${p.param_type === 'number' ? 'number' : 'text'} required=${!!p.required} value=${values[p.name]}
            onInput=${(e) => setValues({ ...values, [p.name]: e.target.value })} />`}</label>`)}
      ${(job.depends_on || []).length > 0 && html`<label class="c"><input type="checkbox" checked=${skipDeps} onChange=${(e) => setSkipDeps(e.target.checked)} />Skip dependency check</label>`}
      ${job.approval_required && html`<p class="small muted">This job needs approval: the run waits until someone approves it.</p>`}
      <div class="toolbar"><button class="primary" type="submit">Run now</button><button type="button" onClick=${onClose}>Cancel</button></div>
    </form>
  <//>`;
}

function Overview({ job }) {
  const upcoming = useApi('/api/jobs/' + enc(job.id) + '/upcoming?count=5');
  return html`<div class="grid2">
    <div class="panel"><h2>Definition</h2><table><tbody>
      <tr><th>Description</th><td>${job.description || '—'}</td></tr>
      <tr><th>Group</th><td><a href=${href('/pipelines/' + encodeURIComponent(job.group))}>${job.group}</a></td></tr>
      <tr><th>Task</th><td><code>${job.task && job.task.type}</code> ${job.task && (job.task.command || job.task.url || job.task.script_name || job.task.tool || '')}</td></tr>
      <tr><th>Schedule</th><td>${scheduleText(job.schedule)}${job.timezone ? ' (' + job.timezone + ')' : ''}</td></tr>
      <tr><th>Target</th><td>${job.target ? job.target.type + (job.target.agent_id ? ' ' + job.target.agent_id : job.target.tag ? ' ' + job.target.tag : '') : 'controller'}</td></tr>
      <tr><th>Timeout</th><td>${job.timeout_secs ? job.timeout_secs + ' s' : 'none'}</td></tr>
      <tr><th>Retries</th><td>${job.retry_max || 0}${job.retry_max ? ' (delay ' + job.retry_delay_secs + ' s × ' + job.retry_backoff + ')' : ''}</td></tr>
      <tr><th>Concurrency</th><td>${job.max_concurrent ? job.max_concurrent + ', then ' + (job.concurrency_policy || 'skip') : 'no limit'}</td></tr>
      <tr><th>Misfires</th><td>${job.misfire_policy || '—'}</td></tr>
      <tr><th>Priority</th><td>${job.priority}</td></tr>
      <tr><th>Approval</th><td>${job.approval_required ? 'required' : 'no'}</td></tr>
      <tr><th>SLA</th><td>${job.sla_deadline ? job.sla_deadline + (job.sla_warning_mins ? ', warn ' + job.sla_warning_mins + ' min before' : '') : '—'}</td></tr>
    </tbody></table></div>
    <div>
      <div class="panel"><h2>State</h2><table><tbody>
        <tr><th>Status</th><td><${Status} s=${job.status} /></td></tr>
        <tr><th>Next fire</th><td>${fmtTime(job.next_fire_time)}</td></tr>
        <tr><th>Last run</th><td>${job.last_execution ? html`<a href=${href('/runs/' + job.last_execution.id)}><${Status} s=${job.last_execution.status} /></a> <${When} iso=${job.last_execution.finished_at} />` : 'never'}</td></tr>
        <tr><th>Runs</th><td>${job.execution_counts ? job.execution_counts.total + ' (' + job.execution_counts.succeeded + ' ok, ' + job.execution_counts.failed + ' failed)' : '—'}</td></tr>
      </tbody></table></div>
      <div class="panel"><h2>Dependencies</h2>
        ${(job.deps_status || []).length === 0 ? html`<p class="muted">None.</p>` : html`<ul>${job.deps_status.map((d) => html`<li>
          <${JobLink} id=${d.job_id} /> ${d.within_secs ? 'within ' + d.within_secs + ' s' : ''} — <span class=${d.satisfied ? 'ok' : 'error'}>${d.satisfied ? 'satisfied' : 'not satisfied'}</span></li>`)}</ul>`}</div>
      <div class="panel"><h2>Next fires</h2><${Loading} r=${upcoming}>${upcoming.data && (upcoming.data.upcoming.length
        ? html`<ul>${upcoming.data.upcoming.map((u) => html`<li>${u.local} <span class="muted small">(${fmtTime(u.at)} here)</span></li>`)}</ul>`
        : html`<p class="muted">${upcoming.data.reason || 'None.'}</p>`)}<//></div>
    </div>
  </div>`;
}

function LiveTab({ job }) {
  const running = useApi(withQuery('/api/jobs/' + enc(job.id) + '/executions', { per_page: 5 }), 3000);
  const active = (running.data?.data || []).find((e) => e.status === 'running');
  return html`<div class="panel">
    ${active ? html`<p>Run <a class="mono" href=${href('/runs/' + active.id)}>${active.id.slice(0, 8)}</a> started <${When} iso=${active.started_at} /></p>
      <${LiveOutput} key=${active.id} executionId=${active.id} />`
      : html`<p class="muted">Nothing is running. This view follows the next run as soon as it starts.</p>`}
  </div>`;
}

function History({ job, query }) {
  const page = query.get('page') || 1;
  const r = useApi(withQuery('/api/jobs/' + enc(job.id) + '/executions', { page, per_page: 25 }), 10000);
  useChanges(r.reload);
  return html`<div class="panel"><${Loading} r=${r}><${RunsTable} runs=${r.data?.data} showJob=${false} />
    <${Pager} page=${r.data} onPage=${(p) => go('/jobs/' + job.id + '/history', { page: p })} /><//></div>`;
}

function JobEvents({ job }) {
  const [page, setPage] = useState(1);
  const r = useApi(withQuery('/api/events', { job_id: job.id, page, per_page: 50 }), 15000);
  return html`<div class="panel"><${Loading} r=${r}><${EventsTable} events=${r.data?.data} /><${Pager} page=${r.data} onPage=${setPage} /><//></div>`;
}

function Timeline({ job }) {
  const r = useApi('/api/timeline/' + enc(job.id) + '?minutes=60', 15000);
  return html`<div class="panel"><h2>Last hour</h2><${Loading} r=${r}><${TimelineChart} rows=${r.data} label="This job's runs per minute" /><//></div>`;
}

function Versions({ job, reload }) {
  const r = useApi('/api/jobs/' + enc(job.id) + '/versions');
  const [pick, setPick] = useState(null);
  const list = r.data || [];
  // A restore saves the old definition as a new version, so the list and the job both change.
  const restore = async (v) => {
    if (await act(api.post('/api/jobs/' + enc(job.id) + '/versions/' + v + '/restore'), 'Restored version ' + v)) { r.reload(); reload(); }
  };
  const at = pick == null ? null : list.findIndex((v) => v.version === pick);
  const older = at != null && at >= 0 ? list[at + 1] : null;
  return html`<div class="panel"><${Loading} r=${r}>
    <table><thead><tr><th>Version</th><th>Changed by</th><th>When</th><th></th></tr></thead><tbody>
      ${list.map((v) => html`<tr key=${v.version}><td>${v.version}</td><td>${v.changed_by || '—'}</td><td>${fmtTime(v.created_at)}</td>
        <td><button onClick=${() => setPick(v.version)}>Show changes</button>
          ${can.write() && v !== list[0] && html`<button aria-label=${'Restore version ' + v.version} onClick=${() => restore(v.version)}>Restore</button>`}</td></tr>`)}</tbody></table>
    ${at != null && at >= 0 && html`<h3>Version ${list[at].version}${older ? ' against ' + older.version : ' (first)'}</h3>
      <${Diff} left=${older ? JSON.stringify(older.snapshot, null, 2) : ''} right=${JSON.stringify(list[at].snapshot, null, 2)}
        leftTitle=${older ? 'version ' + older.version : '—'} rightTitle=${'version ' + list[at].version} />`}
  <//></div>`;
}

function Webhook({ job, reload }) {
  const [issued, setIssued] = useState(null);
  const enable = async () => { const r = await act(api.post('/api/jobs/' + enc(job.id) + '/webhook'), 'Webhook enabled'); if (r) { setIssued(r); reload(); } };
  const disable = async () => { if (await act(api.del('/api/jobs/' + enc(job.id) + '/webhook'), 'Webhook disabled')) { setIssued(null); reload(); } };
  const url = issued ? issued.webhook_url : job.webhook_url;
  return html`<div class="panel">
    ${url ? html`<p>Anyone with this URL can run the job: <code class="mono">${location.origin + url}</code></p>`
      : html`<p class="muted">No webhook. Enabling one gives this job a secret URL that runs it on POST.</p>`}
    ${can.write() && html`<div class="toolbar"><button onClick=${enable}>${url ? 'Issue a new URL' : 'Enable webhook'}</button>
      ${url && html`<button class="danger" onClick=${disable}>Disable</button>`}</div>`}
  </div>`;
}

export function JobView({ id, tab, query }) {
  const r = useApi('/api/jobs/' + enc(id), 10000);
  useChanges(r.reload);
  const [trigger, setTrigger] = useState(false);
  const job = r.data;
  const setStatus = async (status) => { if (await act(api.put('/api/jobs/' + enc(id), { status }), status === 'paused' ? 'Paused' : 'Resumed')) r.reload(); };
  const remove = async () => {
    if (confirm('Delete job "' + job.name + '" and its run history?') && await act(api.del('/api/jobs/' + enc(id)), 'Deleted')) go('/monitor/jobs');
  };
  const cancelLatest = async () => {
    if (job.last_execution) await act(api.post('/api/executions/' + enc(job.last_execution.id) + '/cancel'), 'Cancel requested');
  };
  return html`<div><${Loading} r=${r}>${job && html`<div>
    <div class="topbar"><h1>${job.name} <${Status} s=${job.status} /></h1>
      ${can.write() && html`<div class="toolbar">
        <button class="primary" onClick=${() => setTrigger(true)}>Run now</button>
        ${job.status === 'paused' ? html`<button onClick=${() => setStatus('scheduled')}>Resume</button>` : html`<button onClick=${() => setStatus('paused')}>Pause</button>`}
        ${job.last_execution && ['running', 'pending', 'queued'].includes(job.last_execution.status) && html`<button onClick=${cancelLatest}>Cancel latest</button>`}
        <a class="button" href=${href('/builder', { id: job.id })}>Edit</a>
        <a class="button" href=${href('/builder', { copy: job.id })}>Duplicate</a>
        <button class="danger" onClick=${remove}>Delete</button></div>`}
    </div>
    <${Tabs} base=${'/jobs/' + id} active=${tab} tabs=${[['overview', 'Overview'], ['live', 'Live output'], ['history', 'History'], ['why', "Why didn't it run?"],
      ['upcoming', 'Upcoming'], ['timeline', 'Timeline'], ['events', 'Events'], ['versions', 'Versions'], ['webhook', 'Webhook'], ['json', 'JSON']]} />
    ${{
      overview: () => html`<${Overview} job=${job} />`,
      live: () => html`<${LiveTab} job=${job} />`,
      history: () => html`<${History} job=${job} query=${query} />`,
      why: () => html`<${WhyPanel} job=${job} query=${query} />`,
      upcoming: () => html`<${UpcomingCalendar} job=${job} />`,
      timeline: () => html`<${Timeline} job=${job} />`,
      events: () => html`<${JobEvents} job=${job} />`,
      versions: () => html`<${Versions} job=${job} reload=${r.reload} />`,
      webhook: () => html`<${Webhook} job=${job} reload=${r.reload} />`,
      json: () => html`<div class="panel"><${Json} value=${job} /></div>`,
    }[tab]?.() || html`<p>No such tab.</p>`}
    ${trigger && html`<${TriggerDialog} job=${job} onClose=${() => setTrigger(false)} />`}
  </div>`}<//></div>`;
}
