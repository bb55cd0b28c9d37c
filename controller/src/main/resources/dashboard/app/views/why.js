// "Why didn't it run?": for one job and a time range, every fire that did not become a normal run —
// skipped and misfired slots with their lag, concurrency refusals, queued and pending-approval runs,
// retries — plus dependency waits, SLA events and slots missed right now, all from stored records.
import { useEffect, useState } from 'preact/hooks';
import { api, enc, withQuery } from '../api.js';
import { html, useApi, Loading, href, go, Status, fmtTime } from '../ui.js';
import { sinceOf } from './monitor.js';
import { JobLink } from '../names.js';

const NOTABLE_EVENTS = /^(sla\.|execution\.retr|schedule\.misfire|job\.pending_approval|execution\.skipped|execution\.queued)/;

function reasonOf(e) {
  const text = (e.stderr || e.stdout || '').trim().split('\n')[0];
  if (text) return text;
  if (e.status === 'pending_approval') return 'waiting for approval';
  if (e.status === 'queued') return 'queued behind running runs (max_concurrent)';
  return e.status;
}

function kindOf(e) {
  const r = reasonOf(e).toLowerCase();
  if (e.status === 'pending_approval') return 'approval';
  if (e.status === 'queued') return 'queued';
  if (e.attempt_number > 1) return 'retry';
  if (r.includes('max_concurrent') || r.includes('concurren')) return 'concurrency';
  if (r.includes('depend')) return 'dependency';
  if (r.includes('missed') || r.includes('late')) return 'misfire';
  if (r.includes('paused')) return 'paused';
  if (r.includes('holiday') || r.includes('weekend')) return 'calendar';
  return e.status;
}

function lag(e) {
  if (!e.scheduled_for) return '—';
  const end = e.started_at || e.created_at;
  const s = Math.round((Date.parse(end) - Date.parse(e.scheduled_for)) / 1000);
  return s + ' s';
}

/** Reads the job's runs newest first until the range is covered (at most 5 pages of 100). */
function useRunsSince(jobId, since) {
  const [state, setState] = useState({ data: null, error: null });
  useEffect(() => {
    let live = true;
    (async () => {
      const out = [];
      for (let page = 1; page <= 5; page++) {
        const p = await api.get(withQuery('/api/jobs/' + enc(jobId) + '/executions', { page, per_page: 100 }));
        out.push(...p.data);
        const oldest = p.data[p.data.length - 1];
        if (page >= p.total_pages || !oldest || (since && oldest.created_at < since)) break;
      }
      return out.filter((e) => !since || e.created_at >= since);
    })().then((d) => live && setState({ data: d, error: null }), (error) => live && setState({ data: null, error }));
    return () => { live = false; };
  }, [jobId, since]);
  return state;
}

export function WhyPanel({ job, query }) {
  const range = query.get('range') || '24h';
  const since = sinceOf(range);
  const runs = useRunsSince(job.id, since);
  const upcoming = useApi('/api/jobs/' + enc(job.id) + '/upcoming?count=1');
  const events = useApi(withQuery('/api/events', { since, job_id: job.id, per_page: 100 }));
  const notRun = (runs.data || []).filter((e) => ['skipped', 'queued', 'pending_approval'].includes(e.status) || e.attempt_number > 1);
  const jobEvents = (events.data?.data || []).filter((e) => e.job_id === job.id && NOTABLE_EVENTS.test(e.kind));
  const missed = upcoming.data?.missed;
  const waits = (job.deps_status || []).filter((d) => !d.satisfied);
  return html`<div class="panel" id="why-panel">
    <div class="toolbar"><label for="why-range">Range</label>
      <select id="why-range" value=${range} onChange=${(e) => go('/jobs/' + job.id + '/why', { range: e.target.value })}>
        <option value="1h">Last hour</option><option value="24h">Last 24 hours</option><option value="7d">Last 7 days</option><option value="30d">Last 30 days</option></select></div>
    ${job.status === 'paused' && html`<p class="error">The job is paused: scheduled slots are recorded as skipped until it is resumed.</p>`}
    ${waits.length > 0 && html`<h3>Waiting on dependencies</h3><ul>${waits.map((d) => html`<li><${JobLink} id=${d.job_id} /> has no successful run${d.within_secs ? ' within ' + d.within_secs + ' s' : ''}</li>`)}</ul>`}
    ${missed && missed.total > 0 && html`<h3>Missed right now</h3><p>${missed.total} slot(s) due since ${fmtTime(missed.since)}; under <code>${upcoming.data.misfire_policy}</code> the scheduler would run ${(missed.would_run || []).length} and skip ${missed.would_skip}.</p>`}
    <h3>Fires that did not run normally</h3>
    <${Loading} r=${runs}>${notRun.length === 0 ? html`<p class="muted" id="why-none">Every fire in this range ran.</p>` : html`<table id="why-rows">
      <thead><tr><th>Slot</th><th>What happened</th><th>Status</th><th>Lag</th><th>Reason</th></tr></thead>
      <tbody>${notRun.map((e) => html`<tr key=${e.id}>
        <td><a href=${href('/runs/' + e.id)}>${fmtTime(e.scheduled_for || e.created_at)}</a></td>
        <td class="why-kind">${kindOf(e)}</td><td><${Status} s=${e.status} /></td><td>${lag(e)}</td><td class="small">${reasonOf(e)}</td></tr>`)}</tbody></table>`}<//>
    <h3>Related events</h3>
    <${Loading} r=${events}>${jobEvents.length === 0 ? html`<p class="muted">No SLA, retry, misfire or approval events in the latest 100.</p>`
      : html`<ul>${jobEvents.map((e) => html`<li><${Status} s=${e.severity} /> <code>${e.kind}</code> ${e.message} <span class="muted small">${fmtTime(e.timestamp)}</span></li>`)}</ul>`}<//>
  </div>`;
}
