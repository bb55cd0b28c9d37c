// Toolbox: scripts (Rhai and Dockerfiles), variables (secrets masked by the server), connections (typed, tested).
import { useState, useEffect } from 'preact/hooks';
import { api, enc } from '../api.js';
import { html, useApi, Tabs, Loading, can, act, Field, Select, Check, fmtTime, toast } from '../ui.js';

function Scripts() {
  const list = useApi('/api/scripts');
  const [open, setOpen] = useState(null);
  const [draft, setDraft] = useState({ name: '', code: '', script_type: 'rhai' });
  const load = async (name) => {
    const s = await act(api.get('/api/scripts/' + enc(name)));
    if (s) { setOpen(name); setDraft({ name: s.name, code: s.code, script_type: s.script_type }); }
  };
  const save = async (e) => {
    e.preventDefault();
    if (await act(api.put('/api/scripts/' + enc(draft.name), { code: draft.code, script_type: draft.script_type }), 'Script saved')) { setOpen(draft.name); list.reload(); }
  };
  const remove = async () => {
    if (confirm('Delete script ' + open + '?') && await act(api.del('/api/scripts/' + enc(open)), 'Deleted')) { setOpen(null); setDraft({ name: '', code: '', script_type: 'rhai' }); list.reload(); }
  };
  return html`<div class="grid2">
    <div class="panel"><h2>Scripts</h2><${Loading} r=${list}>${(list.data || []).length === 0 ? html`<p class="muted">No scripts.</p>` : html`<table>
      <thead><tr><th>Name</th><th>Type</th><th>Size</th><th>Modified</th></tr></thead>
      <tbody>${list.data.map((s) => html`<tr key=${s.name}><td><a href="#" onClick=${(e) => { e.preventDefault(); load(s.name); }}>${s.name}</a></td>
        <td>${s.script_type}</td><td>${s.size}</td><td>${fmtTime(s.modified)}</td></tr>`)}</tbody></table>`}<//>
      ${can.write() && html`<button onClick=${() => { setOpen(null); setDraft({ name: '', code: '', script_type: 'rhai' }); }}>New script</button>`}</div>
    <div class="panel"><h2>${open ? 'Script ' + open : 'New script'}</h2>
      <form onSubmit=${save}>
        <div class="row"><${Field} label="Name (letters, digits, - and _)" name="script-name" value=${draft.name} onInput=${(v) => setDraft({ ...draft, name: v })} required />
          <${Select} label="Type" value=${draft.script_type} onChange=${(v) => setDraft({ ...draft, script_type: v })} options=${[['rhai', 'Rhai'], ['dockerfile', 'Dockerfile']]} /></div>
        <label class="f"><span>Code</span><textarea rows="16" value=${draft.code} readOnly=${!can.write()} onInput=${(e) => setDraft({ ...draft, code: e.target.value })} /></label>
        ${can.write() && html`<div class="toolbar"><button class="primary" type="submit">Save</button>${open && html`<button type="button" class="danger" onClick=${remove}>Delete</button>`}</div>`}
      </form>
      <p class="small muted">Rhai built-ins: print, debug, http_get(url), http_post(url, body), shell_exec(cmd), sleep_ms(n), env_var(name), fail(msg).</p></div>
  </div>`;
}

function Variables() {
  const list = useApi('/api/variables');
  const [draft, setDraft] = useState({ name: '', value: '', secret: false, days: '' });
  const [editing, setEditing] = useState(null);
  const [value, setValue] = useState('');
  const create = async (e) => {
    e.preventDefault();
    const body = { name: draft.name, value: draft.value, secret: draft.secret };
    if (draft.days) body.expires_at = new Date(Date.now() + Number(draft.days) * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
    if (await act(api.post('/api/variables', body), 'Variable created')) { setDraft({ name: '', value: '', secret: false, days: '' }); list.reload(); }
  };
  const update = async (name) => { if (await act(api.put('/api/variables/' + enc(name), { value }), 'Saved')) { setEditing(null); list.reload(); } };
  const remove = async (name) => { if (confirm('Delete variable ' + name + '?') && await act(api.del('/api/variables/' + enc(name)), 'Deleted')) list.reload(); };
  return html`<div>
    <div class="panel"><h2>Variables</h2><p class="small muted">Use as <code>{{NAME}}</code> in task fields. Secret values are never sent to the browser.</p>
      <${Loading} r=${list}>${(list.data || []).length === 0 ? html`<p class="muted">No variables.</p>` : html`<table id="variables">
        <thead><tr><th>Name</th><th>Value</th><th>Secret</th><th>Expires</th><th>Updated</th>${can.write() && html`<th></th>`}</tr></thead>
        <tbody>${list.data.map((v) => html`<tr key=${v.name}><td class="mono">${v.name}</td>
          <td class="mono">${editing === v.name ? html`<input aria-label=${'New value for ' + v.name} value=${value} onInput=${(e) => setValue(e.target.value)} />` : v.value}</td>
          <td>${v.secret ? 'yes' : 'no'}</td><td>${fmtTime(v.expires_at)}</td><td>${fmtTime(v.updated_at)}</td>
          ${can.write() && html`<td>${editing === v.name ? html`<button onClick=${() => update(v.name)}>Save</button> <button onClick=${() => setEditing(null)}>Cancel</button>`
            : html`<button onClick=${() => { setEditing(v.name); setValue(v.secret ? '' : v.value); }}>Edit</button> <button class="danger" onClick=${() => remove(v.name)}>Delete</button>`}</td>`}
        </tr>`)}</tbody></table>`}<//></div>
    ${can.write() && html`<form class="panel" onSubmit=${create}><h2>New variable</h2>
      <div class="row"><${Field} label="Name (A–Z, 0–9, _)" name="var-name" value=${draft.name} onInput=${(v) => setDraft({ ...draft, name: v })} required />
        <${Field} label="Value" name="var-value" type=${draft.secret ? 'password' : 'text'} value=${draft.value} onInput=${(v) => setDraft({ ...draft, value: v })} />
        <${Select} label="Expires" value=${draft.days} onChange=${(v) => setDraft({ ...draft, days: v })} options=${[['', 'never'], ['30', 'in 30 days'], ['90', 'in 90 days'], ['180', 'in 180 days'], ['365', 'in 365 days']]} /></div>
      <${Check} label="Secret (stored encrypted, shown masked)" checked=${draft.secret} onChange=${(v) => setDraft({ ...draft, secret: v })} />
      <div class="toolbar"><button class="primary" type="submit">Create</button></div></form>`}
  </div>`;
}

const CONN_FIELDS = {
  postgres: ['host', 'port', 'database', 'username', 'password'], mysql: ['host', 'port', 'database', 'username', 'password'], sqlite: ['path'],
  ftp: ['host', 'port', 'username', 'password'], sftp: ['host', 'port', 'username', 'password', 'private_key'], ssh: ['host', 'port', 'username', 'password', 'private_key'],
  http: ['base_url', 'token', 'username', 'password'], kafka: ['brokers', 'username', 'password'], mqtt: ['host', 'port', 'username', 'password'],
  rabbitmq: ['url'], redis: ['url', 'password'], mongodb: ['url'], smtp: ['host', 'port', 'username', 'password'], s3: ['endpoint', 'region', 'bucket', 'access_key', 'secret_key'],
};

function Connections() {
  const list = useApi('/api/connections');
  const [draft, setDraft] = useState({ name: '', conn_type: 'postgres', description: '', config: {} });
  const [editing, setEditing] = useState(null);
  const [tests, setTests] = useState({});
  const save = async (e) => {
    e.preventDefault();
    const ok = editing
      ? await act(api.put('/api/connections/' + enc(editing), { conn_type: draft.conn_type, description: draft.description, config: draft.config }), 'Connection saved')
      : await act(api.post('/api/connections', draft), 'Connection created');
    if (ok) { setEditing(null); setDraft({ name: '', conn_type: 'postgres', description: '', config: {} }); list.reload(); }
  };
  const test = async (name) => {
    setTests({ ...tests, [name]: { message: 'testing…' } });
    try { const r = await api.post('/api/connections/' + enc(name) + '/test'); setTests((t) => ({ ...t, [name]: r })); }
    catch (e) { setTests((t) => ({ ...t, [name]: { success: false, message: e.message } })); }
  };
  const remove = async (name) => { if (confirm('Delete connection ' + name + '?') && await act(api.del('/api/connections/' + enc(name)), 'Deleted')) list.reload(); };
  const fields = CONN_FIELDS[draft.conn_type] || [];
  return html`<div>
    <div class="panel"><h2>Connections</h2><${Loading} r=${list}>${(list.data || []).length === 0 ? html`<p class="muted">No connections.</p>` : html`<table>
      <thead><tr><th>Name</th><th>Type</th><th>Description</th><th>Settings</th><th></th></tr></thead>
      <tbody>${list.data.map((c) => html`<tr key=${c.name}><td class="mono">${c.name}</td><td>${c.conn_type}</td><td>${c.description || ''}</td>
        <td class="small mono">${Object.entries(c.config || {}).map(([k, v]) => k + '=' + (typeof v === 'string' ? v : JSON.stringify(v))).join('  ')}</td>
        <td>${can.write() && html`<button onClick=${() => test(c.name)}>Test</button> <button onClick=${() => { setEditing(c.name); setDraft({ name: c.name, conn_type: c.conn_type, description: c.description || '', config: { ...c.config } }); }}>Edit</button>
          <button class="danger" onClick=${() => remove(c.name)}>Delete</button>`}
          ${tests[c.name] && html`<div class=${'small ' + (tests[c.name].success ? 'ok' : 'error')} role="status">${tests[c.name].message}</div>`}</td></tr>`)}</tbody></table>`}<//></div>
    ${can.write() && html`<form class="panel" onSubmit=${save}><h2>${editing ? 'Edit ' + editing : 'New connection'}</h2>
      <div class="row"><${Field} label="Name" name="conn-name" value=${draft.name} onInput=${(v) => setDraft({ ...draft, name: v })} required />
        <${Select} label="Type" value=${draft.conn_type} onChange=${(v) => setDraft({ ...draft, conn_type: v })} options=${Object.keys(CONN_FIELDS)} />
        <${Field} label="Description" value=${draft.description} onInput=${(v) => setDraft({ ...draft, description: v })} /></div>
      <div class="row">${fields.map((f) => html`<${Field} label=${f} type=${/pass|secret|key|token/.test(f) ? 'password' : 'text'} value=${draft.config[f]}
        onInput=${(v) => setDraft({ ...draft, config: { ...draft.config, [f]: v } })} />`)}</div>
      <p class="small muted">Masked values (********) are kept as stored unless you type a new one.</p>
      <div class="toolbar"><button class="primary" type="submit">${editing ? 'Save' : 'Create'}</button>${editing && html`<button type="button" onClick=${() => setEditing(null)}>Cancel</button>`}</div></form>`}
  </div>`;
}

export function ToolboxView({ tab }) {
  return html`<div><h1>Toolbox</h1>
    <${Tabs} base="/toolbox" active=${tab} tabs=${[['scripts', 'Scripts'], ['variables', 'Variables'], ['connections', 'Connections']]} />
    ${tab === 'variables' ? html`<${Variables} />` : tab === 'connections' ? html`<${Connections} />` : html`<${Scripts} />`}
  </div>`;
}
