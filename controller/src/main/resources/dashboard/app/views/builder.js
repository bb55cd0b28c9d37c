// Builder: create or edit a job. Tabs Task / Schedule / Target / Rules / Alerts / Advanced; every
// task type has its own form, every schedule kind (interval and calendar included) is offered.
import { useState, useEffect } from 'preact/hooks';
import { api, enc, withQuery } from '../api.js';
import { html, useApi, Loading, go, can, act, Field, Select, Check, Json, toast } from '../ui.js';

const CONN = ['connection', 'connection'];
// [field, kind, required, options]; kinds: text, textarea, number, select, bool, json, password, connection, script, tool, file
const TASKS = {
  shell: [['command', 'textarea', true], ['working_dir', 'text']],
  http: [['method', 'select', true, ['get', 'post', 'put', 'delete']], ['url', 'text', true], ['headers', 'json'], ['body', 'textarea'], ['expect_status', 'number'], CONN],
  sql: [['driver', 'select', true, ['postgres', 'mysql', 'sqlite']], ['query', 'textarea', true], ['connection_string', 'text'], CONN],
  ftp: [['protocol', 'select', true, ['ftp', 'ftps', 'sftp']], ['direction', 'select', true, ['download', 'upload']], ['remote_path', 'text', true], ['local_path', 'text', true],
    ['host', 'text'], ['port', 'number'], ['username', 'text'], ['password', 'password'], CONN],
  script: [['script_name', 'script', true]],
  docker_build: [['script_name', 'script', true], ['image_tag', 'text'], ['run_after_build', 'bool'], ['build_args', 'text']],
  file_push: [['filename', 'text', true], ['destination', 'text', true], ['content_base64', 'file', true], ['permissions', 'text'], ['overwrite', 'bool']],
  s3: [['operation', 'select', true, ['put', 'get', 'list']], ['bucket', 'text', true], ['key', 'text'], ['prefix', 'text'], ['local_path', 'text'], ['content', 'textarea'],
    ['content_type', 'text'], ['endpoint', 'text'], ['region', 'text'], ['path_style', 'bool'], ['access_key', 'text'], ['secret_key', 'password'], ['max_keys', 'number'], CONN],
  kafka: [['broker', 'text', true], ['topic', 'text', true], ['message', 'textarea', true], ['key', 'text'], ['properties', 'text'], CONN],
  kafka_consume: [['broker', 'text', true], ['topic', 'text', true], ['group_id', 'text'], ['max_messages', 'number'], ['offset', 'select', false, ['latest', 'earliest']], CONN],
  rabbitmq: [['url', 'text', true], ['exchange', 'text', true], ['routing_key', 'text', true], ['message', 'textarea', true], ['content_type', 'text'], CONN],
  rabbitmq_consume: [['url', 'text', true], ['queue', 'text', true], ['max_messages', 'number'], CONN],
  mqtt: [['broker', 'text', true], ['topic', 'text', true], ['message', 'textarea', true], ['port', 'number'], ['qos', 'number'], ['username', 'text'], ['password', 'password'], ['client_id', 'text'], CONN],
  mqtt_subscribe: [['broker', 'text', true], ['topic', 'text', true], ['port', 'number'], ['max_messages', 'number'], ['qos', 'number'], ['username', 'text'], ['password', 'password'], ['client_id', 'text'], CONN],
  redis: [['url', 'text', true], ['channel', 'text', true], ['message', 'textarea', true], CONN],
  redis_read: [['url', 'text', true], ['key', 'text', true], ['mode', 'select', false, ['lpop', 'rpop', 'xread', 'subscribe']], ['count', 'number'], CONN],
  nats: [['url', 'text', true], ['subject', 'text', true], ['payload', 'textarea'], ['mode', 'select', false, ['publish', 'request']], ['timeout_ms', 'number'], CONN],
  mcp: [['server_url', 'text', true], ['tool', 'tool', true], ['arguments', 'json']],
  custom: [['agent_task_type', 'text', true], ['data', 'json']],
};

const SCHEDULES = [['on_demand', 'On demand'], ['cron', 'Cron'], ['interval', 'Interval'], ['one_shot', 'One time'], ['calendar', 'Calendar'], ['event', 'Event']];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const ANCHORS = ['last_day', 'day_1', 'day_15', 'nth_weekday', ...WEEKDAYS.map((d) => 'first_' + d), ...WEEKDAYS.map((d) => 'last_' + d)];

const EMPTY = {
  name: '', description: '', group: 'Default', task: { type: 'shell', command: '' }, schedule: { type: 'on_demand' },
  target: null, timezone: '', depends_on: [], output_rules: null, notifications: null, retry_max: 0, retry_delay_secs: 0,
  retry_backoff: 1, approval_required: false, priority: 0, max_concurrent: 0, concurrency_policy: 'skip', misfire_policy: 'run_once',
  timeout_secs: null, run_as: '', sla_deadline: '', sla_warning_mins: 0, starts_at: '', expires_at: '', parameters: [],
};

const EDITABLE = Object.keys(EMPTY);

function TaskField({ spec, task, set, scripts, connections }) {
  const [name, kind, required, options] = spec;
  const value = task[name];
  const put = (v) => set({ ...task, [name]: v === '' || v === null ? undefined : v });
  const label = name.replace(/_/g, ' ') + (required ? ' *' : '');
  switch (kind) {
    case 'textarea': return html`<label class="f"><span>${label}</span><textarea name=${name} value=${value ?? ''} onInput=${(e) => put(e.target.value)} /></label>`;
    case 'number': return html`<${Field} label=${label} name=${name} type="number" value=${value} onInput=${put} />`;
    case 'password': return html`<${Field} label=${label} name=${name} type="password" value=${value} onInput=${put} />`;
    case 'bool': return html`<${Check} label=${label} checked=${value} onChange=${put} />`;
    case 'select': return html`<${Select} label=${label} value=${value ?? ''} onChange=${put} options=${[['', '—'], ...options.map((o) => [o, o])]} />`;
    case 'json': return html`<label class="f"><span>${label} (JSON)</span><textarea name=${name} value=${value === undefined ? '' : JSON.stringify(value, null, 2)}
      onChange=${(e) => { try { put(e.target.value.trim() ? JSON.parse(e.target.value) : undefined); } catch (err) { toast(name + ': ' + err.message, true); } }} /></label>`;
    case 'connection': return html`<${Select} label="connection (fills in host, credentials…)" value=${value ?? ''} onChange=${put}
      options=${[['', 'none'], ...(connections || []).map((c) => [c.name, c.name + ' (' + c.conn_type + ')'])]} />`;
    case 'script': return html`<${Select} label=${label} value=${value ?? ''} onChange=${put} options=${[['', '—'], ...(scripts || []).map((s) => [s.name, s.name + ' (' + s.script_type + ')'])]} />`;
    case 'file': return html`<label class="f"><span>${label} (file to upload)</span><input type="file" onChange=${(e) => {
      const f = e.target.files[0];
      if (!f) return;
      const reader = new FileReader();
      reader.onload = () => set({ ...task, content_base64: String(reader.result).split(',')[1], filename: task.filename || f.name });
      reader.readAsDataURL(f);
    }} />${value ? html`<span class="small muted">${Math.round(value.length * 0.75)} bytes loaded</span>` : ''}</label>`;
    case 'tool': return html`<${ToolPicker} task=${task} set=${set} />`;
    default: return html`<${Field} label=${label} name=${name} value=${value} onInput=${put} />`;
  }
}

function ToolPicker({ task, set }) {
  const [tools, setTools] = useState(null);
  const discover = async () => {
    const r = await act(api.get(withQuery('/api/mcp/tools', { server_url: task.server_url })));
    if (r) setTools(r.tools || []);
  };
  return html`<div class="row"><${Field} label="tool *" name="tool" value=${task.tool} onInput=${(v) => set({ ...task, tool: v })} />
    <div><button type="button" disabled=${!task.server_url} onClick=${discover}>Discover tools</button>
    ${tools && html`<select aria-label="Discovered tools" onChange=${(e) => set({ ...task, tool: e.target.value })}><option value="">${tools.length} tool(s)…</option>
      ${tools.map((t) => html`<option value=${t.name}>${t.name}${t.description ? ' — ' + t.description.slice(0, 60) : ''}</option>`)}</select>`}</div></div>`;
}

function TaskTab({ job, set }) {
  const scripts = useApi('/api/scripts');
  const connections = useApi('/api/connections');
  const task = job.task || { type: 'shell' };
  return html`<div>
    <${Select} label="Task type" value=${task.type} onChange=${(t) => set({ task: { type: t } })} options=${Object.keys(TASKS)} />
    ${(TASKS[task.type] || []).map((spec) => html`<${TaskField} key=${task.type + spec[0]} spec=${spec} task=${task} set=${(t) => set({ task: t })}
      scripts=${scripts.data} connections=${connections.data} />`)}
  </div>`;
}

/** Next dates of a calendar schedule, in the job's zone, computed the way the server documents it (preview only). */
export function calendarPreview(v, count = 6) {
  const out = [];
  const now = new Date();
  const wd = (name) => { const i = WEEKDAYS.findIndex((d) => d.startsWith(String(name || '').slice(0, 3))); return (i + 1) % 7; };
  for (let m = 0; m < 24 && out.length < count; m++) {
    const y = now.getUTCFullYear() + Math.floor((now.getUTCMonth() + m) / 12);
    const mo = (now.getUTCMonth() + m) % 12;
    if ((v.months || []).length && !v.months.includes(mo + 1)) continue;
    const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
    let day = null;
    const a = v.anchor || '';
    if (a === 'last_day') day = last;
    else if (a.startsWith('day_')) { const n = Number(a.slice(4)); day = n <= last ? n : null; }
    else if (a.startsWith('first_') || a === 'nth_weekday') {
      const target = wd(a === 'nth_weekday' ? v.weekday : a.slice(6));
      const first = new Date(Date.UTC(y, mo, 1)).getUTCDay();
      day = 1 + ((target - first + 7) % 7) + (a === 'nth_weekday' ? 7 * ((v.nth || 1) - 1) : 0);
      if (day > last) day = null;
    } else if (a.startsWith('last_')) {
      const target = wd(a.slice(5));
      const lastDow = new Date(Date.UTC(y, mo, last)).getUTCDay();
      day = last - ((lastDow - target + 7) % 7);
    }
    if (day == null) continue;
    const d = new Date(Date.UTC(y, mo, day + (v.offset_days || 0)));
    const iso = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const holiday = (v.holidays || []).includes(iso);
    const note = (v.skip_weekends && weekend) || holiday ? (v.roll === 'forward' ? 'rolls forward' : v.roll === 'backward' ? 'rolls back' : 'skipped') : '';
    if (iso + 'T' + String(v.hour || 0).padStart(2, '0') >= now.toISOString().slice(0, 13)) {
      out.push({ date: iso, time: String(v.hour || 0).padStart(2, '0') + ':' + String(v.minute || 0).padStart(2, '0'), note });
    }
  }
  return out;
}

function ScheduleTab({ job, set, upcoming }) {
  const s = job.schedule || { type: 'on_demand' };
  const v = s.value || {};
  const setValue = (value) => set({ schedule: { type: s.type, value } });
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const pick = (type) => set({ schedule: {
    on_demand: { type }, cron: { type, value: '0 * * * *' }, interval: { type, value: { interval_secs: 300 } },
    one_shot: { type, value: new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z') },
    calendar: { type, value: { anchor: 'last_day', offset_days: 0, hour: 9, minute: 0, months: [], skip_weekends: false, holidays: [], roll: 'skip' } },
    event: { type, value: { kind_pattern: 'execution.completed', severity: 'error' } } }[type] });
  return html`<div>
    <${Select} label="Schedule kind" value=${s.type} onChange=${pick} options=${SCHEDULES} />
    ${s.type === 'cron' && html`<div><${Field} label="Cron expression (5 fields: min hour day month weekday, or 6 with seconds first)" name="cron" value=${s.value} onInput=${(x) => set({ schedule: { type: 'cron', value: x } })} />
      <div class="toolbar small">Presets: ${[['*/5 * * * *', 'every 5 min'], ['0 * * * *', 'hourly'], ['0 2 * * *', 'daily 02:00'], ['0 9 * * MON-FRI', 'weekdays 09:00'], ['0 0 1 * *', 'monthly']]
        .map(([e, l]) => html`<button type="button" onClick=${() => set({ schedule: { type: 'cron', value: e } })}>${l}</button>`)}</div></div>`}
    ${s.type === 'interval' && html`<${Field} label="Every (seconds), counted from the end of the previous run" name="interval_secs" type="number" min="1" value=${v.interval_secs} onInput=${(x) => setValue({ interval_secs: x })} />`}
    ${s.type === 'one_shot' && html`<${Field} label="At (RFC 3339, e.g. 2026-12-31T23:00:00Z)" name="one_shot" value=${s.value} onInput=${(x) => set({ schedule: { type: 'one_shot', value: x } })} />`}
    ${s.type === 'event' && html`<div class="row">
      <${Field} label="Event kind pattern (e.g. execution.completed, job.*)" name="kind_pattern" value=${v.kind_pattern} onInput=${(x) => setValue({ ...v, kind_pattern: x })} />
      <${Select} label="Severity" value=${v.severity || ''} onChange=${(x) => setValue({ ...v, severity: x || undefined })} options=${[['', 'any'], 'info', 'success', 'warning', 'error']} />
      <${Field} label="Job name filter" name="job_name_filter" value=${v.job_name_filter} onInput=${(x) => setValue({ ...v, job_name_filter: x || undefined })} /></div>`}
    ${s.type === 'calendar' && html`<div>
      <div class="row">
        <${Select} label="Anchor" value=${v.anchor} onChange=${(x) => setValue({ ...v, anchor: x })} options=${ANCHORS} />
        ${v.anchor === 'nth_weekday' && html`<${Field} label="Nth (1–5)" type="number" min="1" max="5" value=${v.nth} onInput=${(x) => setValue({ ...v, nth: x })} />`}
        ${v.anchor === 'nth_weekday' && html`<${Select} label="Weekday" value=${v.weekday || ''} onChange=${(x) => setValue({ ...v, weekday: x })} options=${['', ...WEEKDAYS]} />`}
        <${Field} label="Offset days" type="number" value=${v.offset_days} onInput=${(x) => setValue({ ...v, offset_days: x || 0 })} />
        <${Field} label="Hour" type="number" min="0" max="23" value=${v.hour} onInput=${(x) => setValue({ ...v, hour: x || 0 })} />
        <${Field} label="Minute" type="number" min="0" max="59" value=${v.minute} onInput=${(x) => setValue({ ...v, minute: x || 0 })} />
      </div>
      <div class="row">
        <${Field} label="Months (comma list, empty = all)" value=${(v.months || []).join(',')} onInput=${(x) => setValue({ ...v, months: x.split(',').map((m) => Number(m.trim())).filter((m) => m >= 1 && m <= 12) })} />
        <${Field} label="Holidays (YYYY-MM-DD, comma list)" value=${(v.holidays || []).join(',')} onInput=${(x) => setValue({ ...v, holidays: x.split(',').map((d) => d.trim()).filter(Boolean) })} />
        <${Select} label="Non-business day" value=${v.roll || 'skip'} onChange=${(x) => setValue({ ...v, roll: x })} options=${[['skip', 'skip the run'], ['forward', 'roll forward'], ['backward', 'roll back']]} />
      </div>
      <${Check} label="Weekends are not business days" checked=${v.skip_weekends} onChange=${(x) => setValue({ ...v, skip_weekends: x })} />
      <h3>Preview (${job.timezone || 'UTC'})</h3>
      <table id="calendar-preview"><tbody>${calendarPreview(v).map((p) => html`<tr><td class="mono">${p.date} ${p.time}</td><td class="small muted">${p.note}</td></tr>`)}</tbody></table>
      ${upcoming && html`<p class="small muted">The saved job's next fires from the server are on its Upcoming tab.</p>`}
    </div>`}
    <label class="f"><span>Time zone (cron and calendar are read in it; empty = UTC)</span>
      <input list="zones" name="timezone" value=${job.timezone || ''} onInput=${(e) => set({ timezone: e.target.value })} />
      <datalist id="zones">${zones.map((z) => html`<option value=${z} />`)}</datalist></label>
    <div class="row"><${Field} label="Starts at (optional, RFC 3339)" value=${job.starts_at} onInput=${(x) => set({ starts_at: x })} />
      <${Field} label="Expires at (optional, RFC 3339)" value=${job.expires_at} onInput=${(x) => set({ expires_at: x })} /></div>
  </div>`;
}

function TargetTab({ job, set }) {
  const agents = useApi('/api/agents');
  const t = job.target || { type: 'local' };
  return html`<div>
    <${Select} label="Run on" value=${t.type} onChange=${(type) => set({ target: type === 'local' ? null : { type } })}
      options=${[['local', 'The controller'], ['agent', 'A specific agent'], ['tagged', 'Any agent with a tag'], ['any', 'Any agent'], ['all', 'Every agent']]} />
    ${t.type === 'agent' && html`<${Select} label="Agent" value=${t.agent_id || ''} onChange=${(id) => set({ target: { type: 'agent', agent_id: id } })}
      options=${[['', '—'], ...(agents.data || []).map((a) => [a.id, a.name + ' (' + a.status + ')'])]} />`}
    ${t.type === 'tagged' && html`<${Field} label="Tag" value=${t.tag} onInput=${(tag) => set({ target: { type: 'tagged', tag } })} />`}
  </div>`;
}

function RulesTab({ job, set }) {
  const jobs = useApi('/api/jobs?per_page=100');
  const rules = job.output_rules || {};
  const setRules = (patch) => set({ output_rules: { ...rules, ...patch } });
  const list = (key, blank) => {
    const items = rules[key] || [];
    return { items, add: () => setRules({ [key]: [...items, blank] }), del: (i) => setRules({ [key]: items.filter((_, k) => k !== i) }),
      put: (i, patch) => setRules({ [key]: items.map((x, k) => (k === i ? { ...x, ...patch } : x)) }) };
  };
  const ex = list('extractions', { name: '', pattern: '', type: 'regex' });
  const as = list('assertions', { pattern: '', message: '' });
  const tr = list('triggers', { pattern: '', severity: 'warning' });
  const deps = job.depends_on || [];
  return html`<div>
    <h3>Dependencies</h3>
    ${deps.map((d, i) => html`<div class="row">
      <${Select} label="Runs after" value=${d.job_id} onChange=${(id) => set({ depends_on: deps.map((x, k) => (k === i ? { ...x, job_id: id } : x)) })}
        options=${[['', '—'], ...(jobs.data?.data || []).filter((j) => j.id !== job.id).map((j) => [j.id, j.name])]} />
      <${Field} label="Succeeded within (seconds, optional)" type="number" value=${d.within_secs} onInput=${(x) => set({ depends_on: deps.map((y, k) => (k === i ? { ...y, within_secs: x } : y)) })} />
      <div><button type="button" onClick=${() => set({ depends_on: deps.filter((_, k) => k !== i) })}>Remove</button></div></div>`)}
    <button type="button" onClick=${() => set({ depends_on: [...deps, { job_id: '' }] })}>Add dependency</button>
    <h3>Extract values from output</h3>
    ${ex.items.map((x, i) => html`<div class="row">
      <${Field} label="Name" value=${x.name} onInput=${(v) => ex.put(i, { name: v })} />
      <${Select} label="Type" value=${x.type} onChange=${(v) => ex.put(i, { type: v })} options=${['regex', 'jsonpath']} />
      <${Field} label="Pattern" value=${x.pattern} onInput=${(v) => ex.put(i, { pattern: v })} />
      <${Field} label="Write to variable (optional)" value=${x.write_to_variable} onInput=${(v) => ex.put(i, { write_to_variable: v || undefined })} />
      <div><button type="button" onClick=${() => ex.del(i)}>Remove</button></div></div>`)}
    <button type="button" onClick=${ex.add}>Add extraction</button>
    <h3>Assertions (the run fails when a pattern is missing)</h3>
    ${as.items.map((x, i) => html`<div class="row"><${Field} label="Pattern" value=${x.pattern} onInput=${(v) => as.put(i, { pattern: v })} />
      <${Field} label="Message" value=${x.message} onInput=${(v) => as.put(i, { message: v })} /><div><button type="button" onClick=${() => as.del(i)}>Remove</button></div></div>`)}
    <button type="button" onClick=${as.add}>Add assertion</button>
    <h3>Raise events on matching output</h3>
    ${tr.items.map((x, i) => html`<div class="row"><${Field} label="Pattern" value=${x.pattern} onInput=${(v) => tr.put(i, { pattern: v })} />
      <${Select} label="Severity" value=${x.severity} onChange=${(v) => tr.put(i, { severity: v })} options=${['info', 'success', 'warning', 'error']} />
      <div><button type="button" onClick=${() => tr.del(i)}>Remove</button></div></div>`)}
    <button type="button" onClick=${tr.add}>Add trigger</button>
    <h3>Forward</h3>
    <${Field} label="POST each result to this URL (optional)" value=${rules.forward_url} onInput=${(v) => setRules({ forward_url: v || undefined })} />
  </div>`;
}

function AlertsTab({ job, set }) {
  const n = job.notifications || {};
  const put = (patch) => set({ notifications: { ...n, ...patch } });
  const r = n.recipients || {};
  return html`<div>
    <${Check} label="On failure" checked=${n.on_failure} onChange=${(v) => put({ on_failure: v })} />
    <${Check} label="On success" checked=${n.on_success} onChange=${(v) => put({ on_success: v })} />
    <${Check} label="On assertion failure" checked=${n.on_assertion_failure} onChange=${(v) => put({ on_assertion_failure: v })} />
    <div class="row" style=${{ marginTop: '10px' }}>
      <${Field} label="Emails (comma list, overrides the global list)" value=${(r.emails || []).join(',')} onInput=${(v) => put({ recipients: { ...r, emails: v.split(',').map((x) => x.trim()).filter(Boolean) } })} />
      <${Field} label="Phones (comma list)" value=${(r.phones || []).join(',')} onInput=${(v) => put({ recipients: { ...r, phones: v.split(',').map((x) => x.trim()).filter(Boolean) } })} /></div>
    <${Select} label="Include output in the email" value=${n.email_output || 'never'} onChange=${(v) => put({ email_output: v })} options=${['never', 'failure', 'always']} />
  </div>`;
}

function AdvancedTab({ job, set }) {
  const params = job.parameters || [];
  const putParam = (i, patch) => set({ parameters: params.map((p, k) => (k === i ? { ...p, ...patch } : p)) });
  return html`<div>
    <div class="row">
      <${Field} label="Timeout (seconds, empty = none)" type="number" value=${job.timeout_secs} onInput=${(v) => set({ timeout_secs: v })} />
      <${Field} label="Run as (user)" value=${job.run_as} onInput=${(v) => set({ run_as: v })} />
      <${Field} label="Priority" type="number" value=${job.priority} onInput=${(v) => set({ priority: v || 0 })} /></div>
    <div class="row">
      <${Field} label="Retries" type="number" min="0" value=${job.retry_max} onInput=${(v) => set({ retry_max: v || 0 })} />
      <${Field} label="Retry delay (seconds)" type="number" min="0" value=${job.retry_delay_secs} onInput=${(v) => set({ retry_delay_secs: v || 0 })} />
      <${Field} label="Backoff factor" type="number" step="0.1" value=${job.retry_backoff} onInput=${(v) => set({ retry_backoff: v || 1 })} /></div>
    <div class="row">
      <${Field} label="Max concurrent runs (0 = no limit)" type="number" min="0" value=${job.max_concurrent} onInput=${(v) => set({ max_concurrent: v || 0 })} />
      <${Select} label="At the limit" value=${job.concurrency_policy || 'skip'} onChange=${(v) => set({ concurrency_policy: v })} options=${[['skip', 'skip the fire'], ['queue', 'queue it']]} />
      <${Select} label="Missed slots after downtime" value=${job.misfire_policy || 'run_once'} onChange=${(v) => set({ misfire_policy: v })} options=${[['run_once', 'run once'], ['run_all', 'run all'], ['skip', 'skip']]} /></div>
    <div class="row">
      <${Field} label="SLA deadline (HH:MM in the job's zone)" value=${job.sla_deadline} onInput=${(v) => set({ sla_deadline: v })} />
      <${Field} label="Warn minutes before" type="number" min="0" value=${job.sla_warning_mins} onInput=${(v) => set({ sla_warning_mins: v || 0 })} /></div>
    <${Check} label="Every run needs approval" checked=${job.approval_required} onChange=${(v) => set({ approval_required: v })} />
    <h3>Parameters asked at run time</h3>
    ${params.map((p, i) => html`<div class="row">
      <${Field} label="Name" value=${p.name} onInput=${(v) => putParam(i, { name: v })} />
      <${Select} label="Type" value=${p.param_type} onChange=${(v) => putParam(i, { param_type: v })} options=${['text', 'number', 'select', 'boolean']} />
      <${Field} label="Default" value=${p.default} onInput=${(v) => putParam(i, { default: v || undefined })} />
      ${p.param_type === 'select' && html`<${Field} label="Options (comma list)" value=${(p.options || []).join(',')} onInput=${(v) => putParam(i, { options: v.split(',').map((x) => x.trim()).filter(Boolean) })} />`}
      <${Check} label="Required" checked=${p.required} onChange=${(v) => putParam(i, { required: v })} />
      <div><button type="button" onClick=${() => set({ parameters: params.filter((_, k) => k !== i) })}>Remove</button></div></div>`)}
    <button type="button" onClick=${() => set({ parameters: [...params, { name: '', param_type: 'text', required: false }] })}>Add parameter</button>
  </div>`;
}

/** The request body: empty optional fields are left out rather than sent as "". */
function body(job, editing) {
  const out = {};
  EDITABLE.forEach((k) => {
    const v = job[k];
    if (v === '' || v === undefined || (v === null && !editing)) return;
    if (k === 'depends_on') { out[k] = v.filter((d) => d.job_id).map((d) => (d.within_secs ? d : { job_id: d.job_id })); return; }
    if (k === 'parameters' && v.length === 0 && !editing) return;
    out[k] = v;
  });
  if (out.task) out.task = Object.fromEntries(Object.entries(out.task).filter(([, v]) => v !== undefined && v !== ''));
  return out;
}

export function BuilderView({ query }) {
  const id = query.get('id');
  const copy = query.get('copy');
  const source = useApi(id || copy ? '/api/jobs/' + enc(id || copy) : null);
  const [job, setJob] = useState(EMPTY);
  const [tab, setTab] = useState('task');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (source.data) {
      const j = Object.fromEntries(EDITABLE.map((k) => [k, source.data[k] ?? EMPTY[k]]));
      setJob(copy ? { ...j, name: j.name + ' copy' } : j);
    } else if (!id && !copy) setJob(EMPTY);
  }, [source.data, id, copy]);
  if (!can.write()) return html`<p>Creating and editing jobs needs the operator or admin role.</p>`;
  const set = (patch) => setJob((j) => ({ ...j, ...patch }));
  const save = async (e) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = id ? await api.put('/api/jobs/' + enc(id), body(job, true)) : await api.post('/api/jobs', body(job, false));
      toast(id ? 'Job saved' : 'Job created');
      go('/jobs/' + saved.id);
    } catch (err) {
      setError(err.message);
    } finally {
      setSaving(false);
    }
  };
  const TABS = [['task', 'Task'], ['schedule', 'Schedule'], ['target', 'Target'], ['rules', 'Rules'], ['alerts', 'Alerts'], ['advanced', 'Advanced'], ['json', 'JSON']];
  return html`<div><h1>${id ? 'Edit job' : 'New job'}</h1>
    <${Loading} r=${id || copy ? source : { data: true }}>
    <form onSubmit=${save} class="panel" id="builder">
      <div class="row"><${Field} label="Name *" name="name" value=${job.name} onInput=${(v) => set({ name: v })} required />
        <${Field} label="Group" name="group" value=${job.group} onInput=${(v) => set({ group: v })} /></div>
      <${Field} label="Description" name="description" value=${job.description} onInput=${(v) => set({ description: v })} />
      <div class="tabs" role="tablist">${TABS.map(([t, l]) => html`<a role="tab" href="#" aria-selected=${String(tab === t)}
        onClick=${(e) => { e.preventDefault(); setTab(t); }}>${l}</a>`)}</div>
      ${{ task: () => html`<${TaskTab} job=${job} set=${set} />`, schedule: () => html`<${ScheduleTab} job=${job} set=${set} upcoming=${!!id} />`,
        target: () => html`<${TargetTab} job=${job} set=${set} />`, rules: () => html`<${RulesTab} job=${job} set=${set} />`,
        alerts: () => html`<${AlertsTab} job=${job} set=${set} />`, advanced: () => html`<${AdvancedTab} job=${job} set=${set} />`,
        json: () => html`<${Json} value=${body(job, !!id)} />` }[tab]()}
      ${error && html`<p class="error" role="alert" id="builder-error">${error}</p>`}
      <div class="toolbar" style=${{ marginTop: '14px' }}><button class="primary" type="submit" disabled=${saving}>${id ? 'Save' : 'Create job'}</button></div>
    </form><//></div>`;
}
