// Shared view pieces. Everything the user or the API supplies goes through htm bindings, which set
// text and properties on DOM nodes: nothing here parses data as HTML.
import { h } from 'preact';
import { useState, useEffect, useRef, useCallback } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';

export const html = htm.bind(h);

// ---- theme ----
const THEME_KEY = 'kronforce-theme'; // only the colour scheme is kept in the browser, never a key

function applyTheme(t) {
  document.documentElement.dataset.theme = t;
}
applyTheme(localStorage.getItem(THEME_KEY) || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));

export function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(THEME_KEY, next);
  applyTheme(next);
}

// ---- routing: everything after '#', e.g. #/monitor/jobs?group=etl ----
export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [p, q] = raw.split('?');
  return { parts: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q || '') };
}

export function useRoute() {
  const [route, setRoute] = useState(parseHash());
  useEffect(() => {
    const on = () => setRoute(parseHash());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function href(path, query) {
  const q = new URLSearchParams();
  Object.entries(query || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  });
  const s = q.toString();
  return '#' + path + (s ? '?' + s : '');
}

export function go(path, query) {
  location.hash = href(path, query).slice(1);
}

// ---- session (who is signed in) ----
let me = null;
export function setMe(m) { me = m; }
export function role() { return me ? me.role : null; }
export const can = {
  write: () => role() === 'admin' || role() === 'operator',
  admin: () => role() === 'admin',
};

// ---- data loading ----
/** Fetches `path` (re-fetching when it changes or every `refreshMs` while the tab is visible). */
export function useApi(path, refreshMs) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    if (!path) {
      setState({ data: null, error: null, loading: false });
      return undefined;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.get(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }));
    return () => { live = false; };
  }, [path, tick]);
  useInterval(reload, refreshMs);
  return { ...state, reload };
}

/** Calls fn every ms milliseconds while the page is visible (paused in hidden tabs). */
export function useInterval(fn, ms) {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!ms) return undefined;
    const id = setInterval(() => { if (!document.hidden) saved.current(); }, ms);
    return () => clearInterval(id);
  }, [ms]);
}

// ---- live updates: one EventSource on /api/changes for the whole page, closed while the tab is hidden ----
const listeners = new Set();
let changes = null;
function openChanges() {
  if (changes || document.hidden || listeners.size === 0) return;
  changes = new EventSource('/api/changes');
  changes.addEventListener('change', (e) => {
    let notice = {};
    try { notice = JSON.parse(e.data); } catch (err) { notice = {}; }
    listeners.forEach((fn) => fn(notice));
  });
  changes.onerror = () => { closeChanges(); setTimeout(openChanges, 5000); };
}
function closeChanges() {
  if (changes) { changes.close(); changes = null; }
}
document.addEventListener('visibilitychange', () => {
  if (document.hidden) closeChanges();
  else { openChanges(); listeners.forEach((fn) => fn({ kind: 'visible' })); }
});

/** Calls fn (at most once a second) whenever the server reports a change; lists use it to refetch. */
export function useChanges(fn) {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    let timer = null;
    const on = () => {
      if (!timer) timer = setTimeout(() => { timer = null; saved.current(); }, 1000);
    };
    listeners.add(on);
    openChanges();
    return () => {
      listeners.delete(on);
      clearTimeout(timer);
      if (listeners.size === 0) closeChanges();
    };
  }, []);
}

// ---- toasts ----
let pushToast = () => {};
export function toast(text, bad) { pushToast({ text, bad, id: Math.random() }); }
export function Toasts() {
  const [items, setItems] = useState([]);
  pushToast = (t) => {
    setItems((xs) => [...xs, t]);
    setTimeout(() => setItems((xs) => xs.filter((x) => x !== t)), 5000);
  };
  return html`<div class="toasts" role="status" aria-live="polite">
    ${items.map((t) => html`<div key=${t.id} class=${'toast' + (t.bad ? ' bad' : '')}>${t.text}</div>`)}
  </div>`;
}

/** Runs an API call, toasting its outcome; returns the result or undefined on failure. */
export async function act(promise, okText) {
  try {
    const r = await promise;
    if (okText) toast(okText);
    return r ?? true;
  } catch (e) {
    toast(e.message, true);
    return undefined;
  }
}

// ---- small components ----
export function Status({ s }) {
  return html`<span class=${'badge s-' + String(s || '').replace(/[^a-z_]/g, '')}>${s || '—'}</span>`;
}

export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

export function ago(iso) {
  if (!iso) return '—';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const f = (n, u) => (s < 0 ? 'in ' + n + u : n + u + ' ago');
  const a = Math.abs(s);
  if (a < 60) return f(a, 's');
  if (a < 3600) return f(Math.round(a / 60), 'm');
  if (a < 86400) return f(Math.round(a / 3600), 'h');
  return f(Math.round(a / 86400), 'd');
}

export function When({ iso }) {
  return html`<time datetime=${iso || ''} title=${fmtTime(iso)}>${ago(iso)}</time>`;
}

export function Tabs({ base, tabs, active, query }) {
  return html`<div class="tabs" role="tablist">
    ${tabs.map(([id, label]) => html`<a role="tab" href=${href(base + '/' + id, query)}
        aria-selected=${String(id === active)}>${label}</a>`)}
  </div>`;
}

export function Loading({ r, children }) {
  if (r.error) return html`<p class="error" role="alert">${r.error.message}</p>`;
  if (!r.data) return html`<p class="muted">Loading…</p>`;
  return children;
}

export function Pager({ page, onPage }) {
  if (!page || page.total_pages <= 1) return html`<div class="pager muted small">${page ? page.total + ' total' : ''}</div>`;
  return html`<div class="pager">
    <button disabled=${page.page <= 1} onClick=${() => onPage(page.page - 1)}>Previous</button>
    <span class="small">Page ${page.page} of ${page.total_pages} · ${page.total} total</span>
    <button disabled=${page.page >= page.total_pages} onClick=${() => onPage(page.page + 1)}>Next</button>
  </div>`;
}

export function Modal({ title, onClose, children }) {
  useEffect(() => {
    const k = (e) => { if (e.key === 'Escape') onClose(); };
    addEventListener('keydown', k);
    return () => removeEventListener('keydown', k);
  }, [onClose]);
  return html`<div class="modal-back" onClick=${(e) => { if (e.target === e.currentTarget) onClose(); }}>
    <div class="modal" role="dialog" aria-modal="true" aria-label=${title}>
      <div class="topbar"><h2>${title}</h2><button onClick=${onClose} aria-label="Close">✕</button></div>
      ${children}
    </div>
  </div>`;
}

/** A labelled input bound to obj[key]; `set` receives the new object. */
export function Field({ label, value, onInput, type = 'text', placeholder, required, min, max, step, name }) {
  return html`<label class="f"><span>${label}</span>
    <input type=${type} value=${value ?? ''} placeholder=${placeholder || ''} required=${!!required}
      min=${min} max=${max} step=${step} name=${name || label}
      onInput=${(e) => onInput(type === 'number' ? (e.target.value === '' ? null : Number(e.target.value)) : e.target.value)} />
  </label>`;
}

export function Select({ label, value, onChange, options }) {
  return html`<label class="f"><span>${label}</span>
    <select value=${value ?? ''} onChange=${(e) => onChange(e.target.value)}>
      ${options.map((o) => (Array.isArray(o)
        ? html`<option value=${o[0]}>${o[1]}</option>`
        : html`<option value=${o}>${o}</option>`))}
    </select></label>`;
}

export function Check({ label, checked, onChange }) {
  return html`<label class="c"><input type="checkbox" checked=${!!checked}
    onChange=${(e) => onChange(e.target.checked)} />${label}</label>`;
}

/** Plain JSON, pretty, as text. */
export function Json({ value }) {
  return html`<pre class="output mono">${JSON.stringify(value, null, 2)}</pre>`;
}

/** A line diff (longest common subsequence), for outputs and definitions up to a few thousand lines. */
export function diffLines(a, b) {
  const x = String(a ?? '').split('\n').slice(0, 3000);
  const y = String(b ?? '').split('\n').slice(0, 3000);
  const n = x.length; const m = y.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const rows = [];
  let i = 0; let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { rows.push(['same', x[i], y[j]]); i++; j++; }
    else if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) { rows.push(['add', '', y[j]]); j++; }
    else { rows.push(['del', x[i], '']); i++; }
  }
  return rows;
}

export function Diff({ left, right, leftTitle, rightTitle }) {
  const rows = diffLines(left, right);
  const changed = rows.filter((r) => r[0] !== 'same').length;
  return html`<div>
    <p class="small muted">${changed === 0 ? 'No differences.' : changed + ' changed line(s).'}</p>
    <div class="diff">
      <strong class="small">${leftTitle}</strong><strong class="small">${rightTitle}</strong>
      <pre class="output mono">${rows.map((r) => html`<div class=${r[0] === 'del' ? 'del' : ''}>${r[1] || ' '}</div>`)}</pre>
      <pre class="output mono">${rows.map((r) => html`<div class=${r[0] === 'add' ? 'add' : ''}>${r[2] || ' '}</div>`)}</pre>
    </div>
  </div>`;
}

export function scheduleText(s) {
  if (!s) return '—';
  const v = s.value;
  switch (s.type) {
    case 'cron': return 'cron ' + v;
    case 'interval': return 'every ' + (v && v.interval_secs) + ' s';
    case 'one_shot': return 'once at ' + fmtTime(v);
    case 'event': return 'on event ' + (v && v.kind_pattern);
    case 'calendar': return 'calendar ' + (v && v.anchor) + (v && v.offset_days ? ' ' + (v.offset_days > 0 ? '+' : '') + v.offset_days + 'd' : '')
      + ' ' + String(v && v.hour).padStart(2, '0') + ':' + String(v && v.minute).padStart(2, '0');
    default: return s.type.replace('_', ' ');
  }
}
