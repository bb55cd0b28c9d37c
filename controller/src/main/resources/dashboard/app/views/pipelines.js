// Pipelines: a group's jobs by dependency depth, its map, its schedule (cron or interval), its runs.
import { useState, useEffect } from 'preact/hooks';
import { api, enc, withQuery } from '../api.js';
import { html, useApi, Tabs, Loading, href, go, Status, can, act, scheduleText, Pager } from '../ui.js';
import { DependencyMap } from './graph.js';
import { RunsTable } from './tables.js';
import { remember } from '../names.js';

/** Depth of each job: 0 for jobs with no dependency inside the group, else 1 + the deepest parent. */
export function stagesOf(jobs) {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const depth = new Map();
  const visit = (j, seen) => {
    if (depth.has(j.id)) return depth.get(j.id);
    if (seen.has(j.id)) return 0;
    seen.add(j.id);
    const parents = (j.depends_on || []).map((d) => byId.get(d.job_id)).filter(Boolean);
    const d = parents.length ? 1 + Math.max(...parents.map((p) => visit(p, seen))) : 0;
    depth.set(j.id, d);
    return d;
  };
  jobs.forEach((j) => visit(j, new Set()));
  const stages = [];
  jobs.forEach((j) => { (stages[depth.get(j.id)] ||= []).push(j); });
  return stages;
}

function Stages({ jobs }) {
  const stages = stagesOf(jobs);
  return html`<div class="stages">${stages.map((s, i) => html`<div class="stage"><h3>Stage ${i + 1}</h3>
    ${s.map((j) => html`<div class="job"><a href=${href('/jobs/' + j.id)}>${j.name}</a><br />
      ${j.last_execution ? html`<${Status} s=${j.last_execution.status} />` : html`<span class="muted small">never ran</span>`}</div>`)}</div>`)}</div>`;
}

function ScheduleEditor({ group }) {
  const r = useApi('/api/jobs/pipeline-schedule/' + enc(group));
  const [kind, setKind] = useState('cron');
  const [cron, setCron] = useState('0 0 * * *');
  const [secs, setSecs] = useState(3600);
  useEffect(() => {
    const s = r.data;
    if (s && s.type === 'cron') { setKind('cron'); setCron(s.value); }
    if (s && s.type === 'interval') { setKind('interval'); setSecs(s.value.interval_secs); }
  }, [r.data]);
  const save = async () => {
    const schedule = kind === 'cron' ? { type: 'cron', value: cron } : { type: 'interval', value: { interval_secs: Number(secs) } };
    if (await act(api.put('/api/jobs/pipeline-schedule/' + enc(group), { schedule }), 'Pipeline schedule saved')) r.reload();
  };
  const clear = async () => { if (await act(api.del('/api/jobs/pipeline-schedule/' + enc(group)), 'Pipeline schedule removed')) r.reload(); };
  return html`<div class="panel"><${Loading} r=${{ ...r, data: r.data === null && !r.loading && !r.error ? {} : r.data }}>
    <p>Current: <strong>${r.data ? scheduleText(r.data) : 'none'}</strong>. At each fire the group's root jobs run and dependencies carry on from there.</p>
    ${can.write() && html`<div class="row">
      <label class="f"><span>Kind</span><select value=${kind} onChange=${(e) => setKind(e.target.value)}><option value="cron">Cron (UTC)</option><option value="interval">Interval</option></select></label>
      ${kind === 'cron' ? html`<label class="f"><span>Cron expression</span><input value=${cron} onInput=${(e) => setCron(e.target.value)} /></label>`
        : html`<label class="f"><span>Every (seconds)</span><input type="number" min="1" value=${secs} onInput=${(e) => setSecs(e.target.value)} /></label>`}
    </div>
    <div class="toolbar"><button class="primary" onClick=${save}>Save schedule</button>${r.data && html`<button class="danger" onClick=${clear}>Remove</button>`}</div>`}
  <//></div>`;
}

function History({ group }) {
  const [page, setPage] = useState(1);
  const r = useApi(withQuery('/api/executions', { group, page, per_page: 25 }), 10000);
  return html`<div class="panel"><${Loading} r=${r}><${RunsTable} runs=${r.data?.data} /><${Pager} page=${r.data} onPage=${setPage} /><//></div>`;
}

function Group({ group, tab }) {
  const r = useApi(withQuery('/api/jobs', { group, per_page: 100 }), 15000);
  const statuses = useApi('/api/executions/recent-statuses', 30000);
  const jobs = r.data?.data || [];
  remember(jobs);
  const runRoots = async () => {
    const ids = new Set(jobs.map((j) => j.id));
    const roots = jobs.filter((j) => j.status !== 'paused' && !(j.depends_on || []).some((d) => ids.has(d.job_id)));
    const results = await Promise.allSettled(roots.map((j) => api.post('/api/jobs/' + enc(j.id) + '/trigger', {})));
    const failed = results.filter((x) => x.status === 'rejected').length;
    act(Promise.resolve(), 'Started ' + (roots.length - failed) + ' root job(s)' + (failed ? ', ' + failed + ' failed' : ''));
  };
  const rename = async () => {
    const to = prompt('New name for group "' + group + '"', group);
    if (to && to !== group && await act(api.put('/api/jobs/rename-group', { old_name: group, new_name: to }), 'Renamed')) go('/pipelines/' + encodeURIComponent(to));
  };
  return html`<div>
    <div class="topbar"><h1>Pipeline: ${group}</h1>${can.write() && html`<div class="toolbar">
      <button class="primary" onClick=${runRoots}>Run pipeline</button><button onClick=${rename}>Rename</button></div>`}</div>
    <${Tabs} base=${'/pipelines/' + encodeURIComponent(group)} active=${tab} tabs=${[['stages', 'Stages'], ['map', 'Map'], ['schedule', 'Schedule'], ['history', 'Run history']]} />
    <${Loading} r=${r}>${{
      stages: () => html`<div class="panel"><${Stages} jobs=${jobs} /></div>`,
      map: () => html`<div class="panel"><${DependencyMap} jobs=${jobs} statuses=${statuses.data} /></div>`,
      schedule: () => html`<${ScheduleEditor} group=${group} />`,
      history: () => html`<${History} group=${group} />`,
    }[tab]?.()}<//>
  </div>`;
}

export function PipelinesView({ group, tab }) {
  const groups = useApi('/api/jobs/groups');
  const [name, setName] = useState('');
  const create = async (e) => {
    e.preventDefault();
    if (await act(api.post('/api/jobs/groups', { name }), 'Group created')) { setName(''); groups.reload(); }
  };
  if (group) return html`<${Group} group=${group} tab=${tab} />`;
  return html`<div><h1>Pipelines</h1>
    <div class="panel"><${Loading} r=${groups}><ul>${(groups.data || []).map((g) => html`<li><a href=${href('/pipelines/' + encodeURIComponent(g))}>${g}</a></li>`)}</ul><//></div>
    ${can.write() && html`<form class="toolbar" onSubmit=${create}><label for="new-group">New group</label>
      <input id="new-group" value=${name} onInput=${(e) => setName(e.target.value)} required /><button type="submit">Create</button></form>`}
  </div>`;
}
