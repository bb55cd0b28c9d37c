// Upcoming calendar: the next fires in the job's zone and in the viewer's, with DST changes marked.
import { html, useApi, Loading } from '../ui.js';
import { enc } from '../api.js';

function offsetOf(local) {
  const m = /([+-]\d\d:\d\d|Z)$/.exec(local || '');
  return m ? m[1] : '';
}

export function UpcomingCalendar({ job }) {
  const r = useApi('/api/jobs/' + enc(job.id) + '/upcoming?count=30');
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return html`<div class="panel"><${Loading} r=${r}>${r.data && html`<div>
    <p class="small muted">Job zone: <strong>${r.data.timezone || 'UTC'}</strong> · your zone: <strong>${viewerZone}</strong>
      ${r.data.estimate ? ' · interval fires are estimates (each run assumed instant)' : ''}</p>
    ${r.data.upcoming.length === 0 ? html`<p class="muted">${r.data.reason || 'No fires ahead.'}</p>` : html`<table>
      <thead><tr><th>Job's local time</th><th>Your time</th><th>Note</th></tr></thead>
      <tbody>${r.data.upcoming.map((u, i) => {
        const prev = i > 0 ? offsetOf(r.data.upcoming[i - 1].local) : null;
        const off = offsetOf(u.local);
        return html`<tr key=${u.at}><td class="mono">${u.local}</td><td>${fmt.format(new Date(u.at))}</td>
          <td class="small">${prev && prev !== off ? 'UTC offset changes (' + prev + ' → ' + off + '): daylight saving' : ''}</td></tr>`;
      })}</tbody></table>`}
    ${job.schedule && job.schedule.type === 'calendar' && html`<p class="small muted">Excluded: ${(job.schedule.value.months || []).length ? 'months other than ' + job.schedule.value.months.join(', ') : 'no months'}${job.schedule.value.skip_weekends ? '; weekends' : ''}${(job.schedule.value.holidays || []).length ? '; holidays ' + job.schedule.value.holidays.join(', ') : ''} (roll: ${job.schedule.value.roll || 'skip'}).</p>`}
  </div>`}<//></div>`;
}
