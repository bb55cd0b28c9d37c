// Audit log (admin): who did what to which resource, and through which door (dashboard, MCP, API).
import { useState } from 'preact/hooks';
import { withQuery } from '../api.js';
import { html, useApi, Loading, Pager, go, fmtTime, can } from '../ui.js';

export function AuditView({ query }) {
  const params = Object.fromEntries(query.entries());
  const r = useApi(can.admin() ? withQuery('/api/audit-log', { actor: params.actor, operation: params.operation, page: params.page, per_page: 50 }) : null);
  const [actor, setActor] = useState(params.actor || '');
  const [operation, setOperation] = useState(params.operation || '');
  if (!can.admin()) return html`<p>The audit log needs the admin role.</p>`;
  return html`<div><h1>Audit log</h1>
    <form class="toolbar" onSubmit=${(e) => { e.preventDefault(); go('/audit', { actor, operation }); }}>
      <label for="audit-actor">Actor</label><input id="audit-actor" value=${actor} onInput=${(e) => setActor(e.target.value)} />
      <label for="audit-op">Operation</label><input id="audit-op" placeholder="e.g. job.created" value=${operation} onInput=${(e) => setOperation(e.target.value)} />
      <button type="submit">Filter</button></form>
    <div class="panel"><${Loading} r=${r}><table id="audit">
      <thead><tr><th>When</th><th>Actor</th><th>Via</th><th>Action</th><th>Target</th><th>Details</th></tr></thead>
      <tbody>${(r.data?.data || []).map((a) => html`<tr key=${a.id}><td>${fmtTime(a.timestamp)}</td><td>${a.actor_key_name || 'system'}</td>
        <td>${a.via || (/\(via (\w+)\)/.exec(a.actor_key_name || '') || [])[1] || '—'}</td><td class="mono small">${a.operation}</td>
        <td class="small">${a.resource_type}${a.resource_id ? ' ' + a.resource_id : ''}</td><td class="small">${a.details || ''}</td></tr>`)}</tbody></table>
      <${Pager} page=${r.data} onPage=${(p) => go('/audit', { ...params, page: p })} /><//></div>
  </div>`;
}
