// "Why didn't it run?": for one job and a time range, the server's account of every fire that did
// not become a normal run (GET /api/jobs/{id}/why) — skipped and misfired slots with their lag,
// dependency waits, concurrency refusals, approvals, retries, SLA events — plus slots missed now.
import { html, useApi, useChanges, Loading, href, go, fmtTime } from '../ui.js';
import { enc, withQuery } from '../api.js';
import { sinceOf } from './monitor.js';

const LABELS = {
  paused: 'paused', skipped: 'skipped', misfire: 'missed (misfire)', misfire_skipped: 'missed, skipped', misfire_summary: 'missed slots',
  calendar_skip: 'calendar day skipped', concurrency_refused: 'concurrency limit', concurrency_queued: 'queued (concurrency)',
  dependency_wait: 'dependency not met', pending_approval: 'waiting for approval', retry: 'retry',
};

function lag(secs) {
  if (secs == null) return '—';
  return secs < 120 ? secs + ' s' : secs < 7200 ? Math.round(secs / 60) + ' min' : Math.round(secs / 3600) + ' h';
}

export function WhyPanel({ job, query }) {
  const range = query.get('range') || '24h';
  const r = useApi(withQuery('/api/jobs/' + enc(job.id) + '/why', { since: sinceOf(range) }));
  useChanges(r.reload);
  const upcoming = useApi('/api/jobs/' + enc(job.id) + '/upcoming?count=1');
  const missed = upcoming.data?.missed;
  const items = r.data?.items || [];
  return html`<div class="panel" id="why-panel">
    <div class="toolbar"><label for="why-range">Range</label>
      <select id="why-range" value=${range} onChange=${(e) => go('/jobs/' + job.id + '/why', { range: e.target.value })}>
        <option value="1h">Last hour</option><option value="24h">Last 24 hours</option><option value="7d">Last 7 days</option><option value="30d">Last 30 days</option></select></div>
    ${job.status === 'paused' && html`<p class="error">The job is paused: scheduled slots are recorded as skipped until it is resumed.</p>`}
    ${missed && missed.total > 0 && html`<p><strong>Missed right now:</strong> ${missed.total} slot(s) due since ${fmtTime(missed.since)}; under
      <code>${upcoming.data.misfire_policy}</code> the scheduler would run ${(missed.would_run || []).length} and skip ${missed.would_skip}.</p>`}
    <${Loading} r=${r}>${r.data && html`<div>
      ${Object.keys(r.data.counts || {}).length > 0 && html`<p class="small">${Object.entries(r.data.counts).map(([k, n]) => (LABELS[k] || k) + ': ' + n).join(' · ')}</p>`}
      ${items.length === 0 ? html`<p class="muted" id="why-none">Every fire from ${fmtTime(r.data.since)} to ${fmtTime(r.data.until)} ran.</p>` : html`<table id="why-rows">
        <thead><tr><th>Slot or time</th><th>What happened</th><th>Lag</th><th>Reason</th><th></th></tr></thead>
        <tbody>${items.map((i, n) => html`<tr key=${n}>
          <td>${fmtTime(i.slot || i.at)}</td><td class="why-kind" data-kind=${i.kind}>${LABELS[i.kind] || i.kind}</td><td>${lag(i.lag_secs)}</td>
          <td class="small">${i.reason}${i.attempt ? ' (attempt ' + i.attempt + ')' : ''}</td>
          <td>${i.execution_id && html`<a href=${href('/runs/' + i.execution_id)}>run</a>`}</td></tr>`)}</tbody></table>`}
      ${r.data.truncated && html`<p class="small muted">Only the latest entries are shown; narrow the range for the rest.</p>`}
    </div>`}<//>
  </div>`;
}
