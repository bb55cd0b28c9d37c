// Entry point: sign-in, the shell (sidebar, theme, shortcuts) and the hash router.
import { render } from 'preact';
import { useState, useEffect } from 'preact/hooks';
import { api, onUnauthorized } from './api.js';
import { html, useRoute, setMe, can, Toasts, Modal, href, go, toggleTheme } from './ui.js';
import { DashboardView } from './views/dashboard.js';
import { MonitorView } from './views/monitor.js';
import { JobView } from './views/job.js';
import { RunView } from './views/run.js';
import { PipelinesView } from './views/pipelines.js';
import { BuilderView } from './views/builder.js';
import { ToolboxView } from './views/toolbox.js';
import { SettingsView } from './views/settings.js';
import { AuditView } from './views/audit.js';

function Login({ onSignedIn }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState(false);
  useEffect(() => {
    api.get('/api/auth/oidc/config').then((c) => setSso(!!c.enabled), () => setSso(false));
  }, []);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/session', { api_key: key.trim() });
      setKey('');
      onSignedIn(await api.get('/api/auth/me'));
    } catch (err) {
      setError(err.status === 401 || err.status === 403 ? 'That key was not accepted.' : err.message);
    } finally {
      setBusy(false);
    }
  };
  return html`<main class="login">
    <div class="panel">
      <h1>Kronforce</h1>
      <form onSubmit=${submit}>
        <label class="f"><span>API key</span>
          <input type="password" name="api_key" autocomplete="off" value=${key} placeholder="kf_…"
            onInput=${(e) => setKey(e.target.value)} required /></label>
        <button class="primary" type="submit" disabled=${busy}>Sign in</button>
        ${error && html`<p class="error" role="alert">${error}</p>`}
      </form>
      ${sso && html`<p><a class="button" href="/api/auth/oidc/login">Sign in with SSO</a></p>`}
      <p class="small muted">The key is sent once; the browser then holds only a session cookie it cannot read.</p>
    </div>
  </main>`;
}

const NAV = [
  ['/', 'Dashboard', () => true],
  ['/monitor/jobs', 'Monitor', () => true],
  ['/pipelines', 'Pipelines', () => true],
  ['/builder', 'Builder', () => can.write()],
  ['/toolbox/scripts', 'Toolbox', () => true],
  ['/settings/general', 'Settings', () => true],
  ['/audit', 'Audit log', () => can.admin()],
];

function section(parts) {
  const p = parts[0] || '';
  if (p === '' || p === 'dashboard') return '/';
  if (p === 'jobs' || p === 'runs' || p === 'monitor') return '/monitor/jobs';
  return NAV.find((n) => n[0].split('/')[1] === p)?.[0];
}

function Routed({ route }) {
  const [a, b, c] = route.parts;
  switch (a) {
    case undefined: case 'dashboard': return html`<${DashboardView} tab=${b || 'overview'} />`;
    case 'monitor': return html`<${MonitorView} tab=${b || 'jobs'} query=${route.query} />`;
    case 'jobs': return html`<${JobView} id=${b} tab=${c || 'overview'} query=${route.query} />`;
    case 'runs': return html`<${RunView} id=${b} query=${route.query} />`;
    case 'pipelines': return html`<${PipelinesView} group=${b} tab=${c || 'stages'} />`;
    case 'builder': return html`<${BuilderView} query=${route.query} />`;
    case 'toolbox': return html`<${ToolboxView} tab=${b || 'scripts'} />`;
    case 'settings': return html`<${SettingsView} tab=${b || 'general'} />`;
    case 'audit': return html`<${AuditView} query=${route.query} />`;
    default: return html`<p>No such page. <a href="#/">Back to the dashboard</a></p>`;
  }
}

function Help({ onClose }) {
  return html`<${Modal} title="Keyboard shortcuts" onClose=${onClose}>
    <table><tbody>
      <tr><td><span class="kbd">/</span></td><td>Search jobs</td></tr>
      <tr><td><span class="kbd">g</span> <span class="kbd">j</span></td><td>Jobs</td></tr>
      <tr><td><span class="kbd">g</span> <span class="kbd">r</span></td><td>Runs</td></tr>
      <tr><td><span class="kbd">g</span> <span class="kbd">d</span></td><td>Dashboard</td></tr>
      <tr><td><span class="kbd">g</span> <span class="kbd">p</span></td><td>Pipelines</td></tr>
      <tr><td><span class="kbd">t</span></td><td>Switch light / dark</td></tr>
      <tr><td><span class="kbd">?</span></td><td>This help</td></tr>
    </tbody></table>
  <//>`;
}

function useShortcuts(setHelp) {
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e) => {
      const t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'))) return;
      if (pendingG && Date.now() - pendingG < 1200) {
        pendingG = 0;
        const to = { j: '/monitor/jobs', r: '/monitor/runs', d: '/', p: '/pipelines', e: '/monitor/events' }[e.key];
        if (to) { e.preventDefault(); go(to); }
        return;
      }
      if (e.key === 'g') { pendingG = Date.now(); return; }
      if (e.key === '?') { e.preventDefault(); setHelp(true); return; }
      if (e.key === 't') { toggleTheme(); return; }
      if (e.key === '/') {
        e.preventDefault();
        if (!location.hash.startsWith('#/monitor/jobs')) go('/monitor/jobs', { focus: 1 });
        setTimeout(() => document.getElementById('job-search')?.focus(), 50);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

function Shell({ me, onSignOut }) {
  const route = useRoute();
  const [help, setHelp] = useState(false);
  const [health, setHealth] = useState(null);
  const [config, setConfig] = useState({});
  useShortcuts(setHelp);
  useEffect(() => { api.get('/api/health').then(setHealth, () => setHealth({ status: 'down' })); }, []);
  useEffect(() => { api.get('/api/config').then(setConfig, () => setConfig({})); }, []);
  const demo = me.auth_type === 'demo';
  const current = section(route.parts);
  const signOut = async () => {
    try { await api.post('/api/auth/logout'); } finally { onSignOut(); }
  };
  return html`<div class="shell">
    <nav class="side" aria-label="Main">
      <div class="brand"><span class="dot ${health && health.status === 'ok' ? 'ok' : 'bad'}"
        title=${health ? 'health: ' + health.status : ''}></span>Kronforce</div>
      ${NAV.filter((n) => n[2]()).map(([path, label]) => html`<a href=${href(path)}
          aria-current=${current === path ? 'page' : undefined}>${label}</a>`)}
      <div class="foot">${health ? 'v' + (health.version || '?') : ''}<br />
        <a href="#" onClick=${(e) => { e.preventDefault(); setHelp(true); }}>Shortcuts (?)</a></div>
    </nav>
    <main>
      ${config.demo_mode && html`<div class="demo-banner" role="status">Demo mode: a public, read-only view.
        ${demo ? 'Sign in with an API key to make changes.' : 'You are signed in; your key\'s role applies.'}</div>`}
      <div class="topbar">
        <div></div>
        <div class="who">Signed in as <strong>${me.name || me.key_prefix}</strong> (<span id="role">${me.role}</span>)
          <button onClick=${toggleTheme} aria-label="Switch light or dark theme">Theme</button>
          ${demo ? html`<button onClick=${onSignOut}>Sign in</button>` : html`<button onClick=${signOut}>Sign out</button>`}</div>
      </div>
      <${Routed} route=${route} />
    </main>
    ${help && html`<${Help} onClose=${() => setHelp(false)} />`}
  </div>`;
}

function App() {
  const [me, setMeState] = useState(undefined);
  const signedIn = (m) => { setMe(m); setMeState(m); };
  const signedOut = () => { setMe(null); setMeState(null); };
  useEffect(() => {
    onUnauthorized(signedOut);
    api.get('/api/auth/me').then((m) => (m && m.authenticated !== false ? signedIn(m) : signedOut()), signedOut);
  }, []);
  if (me === undefined) return html`<p class="muted">Loading…</p>`;
  return html`${me ? html`<${Shell} me=${me} onSignOut=${signedOut} />` : html`<${Login} onSignedIn=${signedIn} />`}<${Toasts} />`;
}

render(html`<${App} />`, document.getElementById('app'));
