// Run detail: state, live output while running, the stored output with search and ANSI colours,
// extracted values, parameters, download, and a side-by-side comparison with an earlier run.
import { useState } from 'preact/hooks';
import { api, enc, withQuery } from '../api.js';
import { html, useApi, useChanges, Loading, href, go, Status, fmtTime, can, act, Diff, Json } from '../ui.js';
import { OutputView, LiveOutput, countMatches } from './output.js';
import { JobLink } from '../names.js';

function download(run) {
  const text = '# run ' + run.id + ' (' + run.status + ')\n# stdout\n' + (run.stdout || '') + '\n# stderr\n' + (run.stderr || '');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'run-' + run.id.slice(0, 8) + '.txt';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Compare({ run, otherId }) {
  const earlier = useApi(withQuery('/api/jobs/' + enc(run.job_id) + '/executions', { per_page: 50 }));
  const other = useApi(otherId ? '/api/executions/' + enc(otherId) : null);
  const choices = (earlier.data?.data || []).filter((e) => e.id !== run.id && e.created_at <= run.created_at);
  const o = other.data;
  return html`<div class="panel"><h2>Compare with an earlier run</h2>
    <${Loading} r=${earlier}><label class="sr-only" for="compare-pick">Earlier run</label>
      <select id="compare-pick" value=${otherId || ''} onChange=${(e) => go('/runs/' + run.id, { compare: e.target.value })}>
        <option value="">Choose a run…</option>
        ${choices.map((e) => html`<option value=${e.id}>${e.id.slice(0, 8)} · ${e.status} · ${fmtTime(e.created_at)}</option>`)}</select><//>
    ${o && html`<div>
      <h3>Output</h3><${Diff} left=${o.stdout} right=${run.stdout} leftTitle=${'run ' + o.id.slice(0, 8)} rightTitle=${'run ' + run.id.slice(0, 8)} />
      <h3>Parameters</h3><${Diff} left=${JSON.stringify(o.params || {}, null, 2)} right=${JSON.stringify(run.params || {}, null, 2)} leftTitle=${'run ' + o.id.slice(0, 8)} rightTitle=${'run ' + run.id.slice(0, 8)} />
      <h3>Task (definition at the time, placeholders as written)</h3><${Diff} left=${JSON.stringify(o.task_snapshot, null, 2)} right=${JSON.stringify(run.task_snapshot, null, 2)} leftTitle=${'run ' + o.id.slice(0, 8)} rightTitle=${'run ' + run.id.slice(0, 8)} />
    </div>`}
  </div>`;
}

export function RunView({ id, query }) {
  const r = useApi('/api/executions/' + enc(id));
  useChanges(r.reload);
  const [search, setSearch] = useState(query.get('q') || '');
  const run = r.data;
  const active = run && ['running', 'pending', 'queued'].includes(run.status);
  const cancel = async () => { if (await act(api.post('/api/executions/' + enc(id) + '/cancel'), 'Cancel requested')) setTimeout(r.reload, 500); };
  const approve = async () => {
    const res = await act(api.post('/api/executions/' + enc(id) + '/approve'), 'Approved');
    if (res) r.reload();
  };
  const matches = run ? countMatches(run.stdout, search) + countMatches(run.stderr, search) : 0;
  return html`<div><${Loading} r=${r}>${run && html`<div>
    <div class="topbar"><h1>Run <span class="mono">${run.id.slice(0, 8)}</span> <${Status} s=${run.status} /></h1>
      <div class="toolbar">
        ${can.write() && active && html`<button class="danger" onClick=${cancel}>Cancel</button>`}
        ${can.write() && run.status === 'pending_approval' && html`<button class="primary" onClick=${approve}>Approve</button>`}
        ${can.write() && run.status === 'pending_approval' && html`<button onClick=${cancel}>Reject</button>`}
        <button onClick=${() => download(run)}>Download output</button>
      </div></div>
    <div class="panel"><table><tbody>
      <tr><th>Job</th><td><${JobLink} id=${run.job_id} /></td><th>Exit code</th><td>${run.exit_code ?? '—'}</td></tr>
      <tr><th>Started</th><td>${fmtTime(run.started_at)}</td><th>Finished</th><td>${fmtTime(run.finished_at)}</td></tr>
      <tr><th>Slot</th><td>${fmtTime(run.scheduled_for)}</td><th>Triggered by</th><td>${run.triggered_by ? run.triggered_by.type : '—'}</td></tr>
      <tr><th>Agent</th><td>${run.agent_id || 'controller'}</td><th>Attempt</th><td>${run.attempt_number}${run.retry_of ? html` (retry of <a href=${href('/runs/' + run.retry_of)}>${run.retry_of.slice(0, 8)}</a>)` : ''}</td></tr>
    </tbody></table></div>
    ${active && html`<div class="panel"><h2>Live</h2><${LiveOutput} executionId=${run.id} onDone=${() => setTimeout(r.reload, 300)} /></div>`}
    <div class="panel">
      <div class="toolbar"><label for="out-search">Search output</label>
        <input id="out-search" type="search" value=${search} onInput=${(e) => setSearch(e.target.value)} />
        ${search && html`<span class="small muted" id="match-count">${matches} match${matches === 1 ? '' : 'es'}</span>`}</div>
      <h2>Standard output${run.stdout_truncated ? ' (truncated)' : ''}</h2>
      <${OutputView} text=${run.stdout} search=${search} label="Standard output" />
      <h2>Standard error${run.stderr_truncated ? ' (truncated)' : ''}</h2>
      <${OutputView} text=${run.stderr} search=${search} label="Standard error" />
    </div>
    <div class="grid2">
      <div class="panel"><h2>Extracted values</h2>${run.extracted && Object.keys(run.extracted).length
        ? html`<table id="extracted"><tbody>${Object.entries(run.extracted).map(([k, v]) => html`<tr><th>${k}</th><td class="mono">${typeof v === 'string' ? v : JSON.stringify(v)}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">None.</p>`}</div>
      <div class="panel"><h2>Parameters</h2>${run.params && Object.keys(run.params).length ? html`<${Json} value=${run.params} />` : html`<p class="muted">None.</p>`}</div>
    </div>
    <${Compare} run=${run} otherId=${query.get('compare')} />
  </div>`}<//></div>`;
}
