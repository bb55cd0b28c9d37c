// Settings: general (theme, retention), agents (pairing commands, task types, unpair), keys, notifications.
import { useState, useEffect } from 'preact/hooks';
import { api, enc } from '../api.js';
import { html, useApi, Tabs, Loading, can, act, Field, Select, Check, fmtTime, Status, When, toggleTheme } from '../ui.js';

function General() {
  const s = useApi('/api/settings');
  const [retention, setRetention] = useState('');
  const [audit, setAudit] = useState('');
  useEffect(() => { if (s.data) { setRetention(s.data.retention_days ?? '7'); setAudit(s.data.audit_retention_days ?? '90'); } }, [s.data]);
  const save = async () => { if (await act(api.put('/api/settings', { retention_days: String(retention), audit_retention_days: String(audit) }), 'Settings saved')) s.reload(); };
  const [vacuumed, setVacuumed] = useState(null);
  const vacuum = async () => { const r = await act(api.post('/api/admin/vacuum'), 'Database compacted'); if (r) setVacuumed(r); };
  const kib = (n) => Math.round(n / 1024).toLocaleString() + ' KiB';
  return html`<div class="panel"><h2>Appearance</h2>
    <p>Theme: <strong>${document.documentElement.dataset.theme}</strong> <button onClick=${() => { toggleTheme(); s.reload(); }}>Switch light / dark</button>
      <span class="small muted"> (also the <span class="kbd">t</span> key)</span></p>
    <h2>Retention</h2>
    <${Loading} r=${s}><div class="row">
      <${Select} label="Keep runs and events for" value=${retention} onChange=${setRetention}
        options=${[['1', '1 day'], ['3', '3 days'], ['7', '7 days'], ['14', '14 days'], ['30', '30 days'], ['90', '90 days'], ['0', 'ever']]} />
      <${Select} label="Keep the audit log for" value=${audit} onChange=${setAudit}
        options=${[['30', '30 days'], ['90', '90 days'], ['365', '1 year'], ['0', 'ever']]} /></div>
      ${can.write() && html`<button class="primary" onClick=${save}>Save</button>`}<//>
    ${can.admin() && html`<h2>Database</h2>
      <p><button onClick=${vacuum}>Compact the database (VACUUM)</button>
        ${vacuumed && html` <span class="small muted">${kib(vacuumed.size_before)} → ${kib(vacuumed.size_after)} in ${vacuumed.elapsed_ms} ms</span>`}</p>
      <p class="small muted">Writes wait while it runs. Refused while the database is replicated: restore a snapshot instead.</p>`}
  </div>`;
}

function TaskTypes({ agent, onDone }) {
  const [text, setText] = useState(JSON.stringify(agent.task_types || [], null, 2));
  const save = async () => {
    let parsed;
    try { parsed = JSON.parse(text); } catch (e) { act(Promise.reject(e)); return; }
    if (await act(api.put('/api/agents/' + enc(agent.id) + '/task-types', { task_types: parsed }), 'Task types saved')) onDone();
  };
  return html`<div><label class="f"><span>Task types (JSON: [{"name", "description", "fields": [{"name", "label", "field_type"}]}])</span>
    <textarea rows="8" value=${text} onInput=${(e) => setText(e.target.value)} /></label><button onClick=${save}>Save task types</button></div>`;
}

function Agents() {
  const r = useApi('/api/agents', 10000);
  const [editing, setEditing] = useState(null);
  const origin = location.origin;
  const unpair = async (a) => { if (confirm('Unpair agent ' + a.name + '?') && await act(api.del('/api/agents/' + enc(a.id)), 'Unpaired')) r.reload(); };
  return html`<div>
    <div class="panel"><h2>Pair an agent</h2>
      <p>Create a key with the <em>agent</em> role (Keys tab), then on the agent's machine:</p>
      <pre class="output mono" id="pairing-standard">KRONFORCE_CONTROLLER_URL=${origin} KRONFORCE_AGENT_KEY=kf_… KRONFORCE_AGENT_NAME=my-agent ./kronforce agent</pre>
      <p>A pull worker (no inbound port needed):</p>
      <pre class="output mono">KRONFORCE_CONTROLLER_URL=${origin} KRONFORCE_AGENT_KEY=kf_… ./kronforce worker</pre></div>
    <div class="panel"><h2>Agents</h2><${Loading} r=${r}>${(r.data || []).length === 0 ? html`<p class="muted">No agents yet.</p>` : html`<div class="agent-cards">
      ${r.data.map((a) => html`<div class="card" key=${a.id}><strong>${a.name}</strong> <${Status} s=${a.status} />
        <div class="small muted">${a.agent_type} · ${a.hostname || ''} ${a.address}${a.port ? ':' + a.port : ''}</div>
        <div class="small">Tags: ${(a.tags || []).join(', ') || '—'}</div>
        <div class="small">Heartbeat <${When} iso=${a.last_heartbeat} /> · task types: ${(a.task_types || []).length}</div>
        ${can.write() && html`<div class="toolbar" style=${{ marginTop: '6px' }}>
          ${a.agent_type === 'custom' && html`<button onClick=${() => setEditing(editing === a.id ? null : a.id)}>Task types</button>`}
          <button class="danger" onClick=${() => unpair(a)}>Unpair</button></div>`}
        ${editing === a.id && html`<${TaskTypes} agent=${a} onDone=${() => { setEditing(null); r.reload(); }} />`}
      </div>`)}</div>`}<//></div>
  </div>`;
}

function Keys() {
  const r = useApi(can.admin() ? '/api/keys' : null);
  const groups = useApi('/api/jobs/groups');
  const [draft, setDraft] = useState({ name: '', role: 'viewer', groups: [], days: '' });
  const [raw, setRaw] = useState(null);
  if (!can.admin()) return html`<div class="panel"><p>Managing keys needs the admin role.</p></div>`;
  const create = async (e) => {
    e.preventDefault();
    const body = { name: draft.name, role: draft.role };
    if (draft.groups.length) body.allowed_groups = draft.groups;
    if (draft.days) body.expires_at = new Date(Date.now() + Number(draft.days) * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
    const res = await act(api.post('/api/keys', body), 'Key created');
    if (res) { setRaw(res.raw_key); setDraft({ name: '', role: 'viewer', groups: [], days: '' }); r.reload(); }
  };
  const revoke = async (k) => { if (confirm('Revoke key ' + k.name + '?') && await act(api.del('/api/keys/' + enc(k.id)), 'Revoked')) r.reload(); };
  return html`<div>
    ${raw && html`<div class="panel" role="alert"><strong>Copy this key now, it is not shown again:</strong><pre class="output mono" id="new-key">${raw}</pre>
      <button onClick=${() => setRaw(null)}>Done</button></div>`}
    <div class="panel"><h2>API keys</h2><${Loading} r=${r}><table>
      <thead><tr><th>Name</th><th>Prefix</th><th>Role</th><th>Groups</th><th>Expires</th><th>Last used</th><th>Active</th><th></th></tr></thead>
      <tbody>${(r.data || []).map((k) => html`<tr key=${k.id}><td>${k.name}</td><td class="mono">${k.key_prefix}</td><td>${k.role}</td>
        <td>${(k.allowed_groups || []).join(', ') || 'all'}</td><td>${fmtTime(k.expires_at)}</td><td>${fmtTime(k.last_used_at)}</td>
        <td>${k.active ? 'yes' : 'revoked'}</td><td>${k.active && html`<button class="danger" onClick=${() => revoke(k)}>Revoke</button>`}</td></tr>`)}</tbody></table><//></div>
    <form class="panel" onSubmit=${create}><h2>New key</h2>
      <div class="row"><${Field} label="Name" name="key-name" value=${draft.name} onInput=${(v) => setDraft({ ...draft, name: v })} required />
        <${Select} label="Role" value=${draft.role} onChange=${(v) => setDraft({ ...draft, role: v })} options=${['viewer', 'operator', 'admin', 'agent']} />
        <${Select} label="Expires" value=${draft.days} onChange=${(v) => setDraft({ ...draft, days: v })} options=${[['', 'never'], ['7', 'in 7 days'], ['30', 'in 30 days'], ['90', 'in 90 days'], ['365', 'in a year']]} /></div>
      <fieldset><legend class="small muted">Limit to groups (none = all)</legend>
        ${(groups.data || []).map((g) => html`<${Check} label=${g} checked=${draft.groups.includes(g)}
          onChange=${(on) => setDraft({ ...draft, groups: on ? [...draft.groups, g] : draft.groups.filter((x) => x !== g) })} />`)}</fieldset>
      <div class="toolbar"><button class="primary" type="submit">Create key</button></div></form>
  </div>`;
}

function parseJson(s, fallback) {
  try { return s ? JSON.parse(s) : fallback; } catch (e) { return fallback; }
}

function Notifications() {
  const s = useApi('/api/settings');
  const [email, setEmail] = useState({});
  const [sms, setSms] = useState({});
  const [hook, setHook] = useState({});
  const [rcpt, setRcpt] = useState({ emails: [], phones: [] });
  const [sys, setSys] = useState({});
  const [result, setResult] = useState(null);
  useEffect(() => {
    if (!s.data) return;
    setEmail(parseJson(s.data.notification_email, { enabled: false, smtp_port: 587, tls: true }));
    setSms(parseJson(s.data.notification_sms, { enabled: false }));
    setHook(parseJson(s.data.notification_webhook, { enabled: false, format: 'slack', headers: {} }));
    setRcpt(parseJson(s.data.notification_recipients, { emails: [], phones: [] }));
    setSys(parseJson(s.data.notification_system_alerts, { agent_offline: false }));
  }, [s.data]);
  const save = async () => {
    const body = { notification_email: JSON.stringify(email), notification_sms: JSON.stringify(sms), notification_webhook: JSON.stringify(hook),
      notification_recipients: JSON.stringify(rcpt), notification_system_alerts: JSON.stringify(sys) };
    if (await act(api.put('/api/settings', body), 'Notification settings saved')) s.reload();
  };
  const test = async () => {
    setResult({ message: 'sending…' });
    try { setResult(await api.post('/api/notifications/test')); } catch (e) { setResult({ error: e.message }); }
  };
  const w = can.write();
  return html`<div class="panel"><${Loading} r=${s}>
    <h2>Email (SMTP)</h2><${Check} label="Enabled" checked=${email.enabled} onChange=${(v) => setEmail({ ...email, enabled: v })} />
    <div class="row"><${Field} label="SMTP host" value=${email.smtp_host} onInput=${(v) => setEmail({ ...email, smtp_host: v })} />
      <${Field} label="Port" type="number" value=${email.smtp_port} onInput=${(v) => setEmail({ ...email, smtp_port: v })} />
      <${Field} label="From" value=${email.from} onInput=${(v) => setEmail({ ...email, from: v })} /></div>
    <div class="row"><${Field} label="Username" value=${email.username} onInput=${(v) => setEmail({ ...email, username: v })} />
      <${Field} label="Password" type="password" value=${email.password} onInput=${(v) => setEmail({ ...email, password: v })} /></div>
    <${Check} label="STARTTLS" checked=${email.tls} onChange=${(v) => setEmail({ ...email, tls: v })} />
    <h2>SMS webhook</h2><${Check} label="Enabled" checked=${sms.enabled} onChange=${(v) => setSms({ ...sms, enabled: v })} />
    <div class="row"><${Field} label="Webhook URL" value=${sms.webhook_url} onInput=${(v) => setSms({ ...sms, webhook_url: v })} />
      <${Field} label="From number" value=${sms.from_number} onInput=${(v) => setSms({ ...sms, from_number: v })} /></div>
    <h2>Chat webhook</h2><${Check} label="Enabled" checked=${hook.enabled} onChange=${(v) => setHook({ ...hook, enabled: v })} />
    <div class="row"><${Field} label="URL" value=${hook.url} onInput=${(v) => setHook({ ...hook, url: v })} />
      <${Select} label="Format" value=${hook.format || 'slack'} onChange=${(v) => setHook({ ...hook, format: v })} options=${['slack', 'teams', 'pagerduty', 'discord', 'generic']} /></div>
    <h2>Recipients</h2>
    <div class="row"><${Field} label="Emails (comma list)" value=${(rcpt.emails || []).join(',')} onInput=${(v) => setRcpt({ ...rcpt, emails: v.split(',').map((x) => x.trim()).filter(Boolean) })} />
      <${Field} label="Phones (comma list)" value=${(rcpt.phones || []).join(',')} onInput=${(v) => setRcpt({ ...rcpt, phones: v.split(',').map((x) => x.trim()).filter(Boolean) })} /></div>
    <${Check} label="Alert when an agent goes offline" checked=${sys.agent_offline} onChange=${(v) => setSys({ ...sys, agent_offline: v })} />
    ${w && html`<div class="toolbar" style=${{ marginTop: '12px' }}><button class="primary" onClick=${save}>Save</button><button onClick=${test}>Send a test</button></div>`}
    ${result && html`<p role="status" id="notify-result" class=${result.error ? 'error' : ''}>${result.error || result.message || JSON.stringify(result)}</p>`}
  <//></div>`;
}

export function SettingsView({ tab }) {
  return html`<div><h1>Settings</h1>
    <${Tabs} base="/settings" active=${tab} tabs=${[['general', 'General'], ['agents', 'Agents'], ['keys', 'Keys'], ['notifications', 'Notifications']]} />
    ${{ agents: () => html`<${Agents} />`, keys: () => html`<${Keys} />`, notifications: () => html`<${Notifications} />` }[tab]?.() || html`<${General} />`}
  </div>`;
}
