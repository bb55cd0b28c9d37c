// The output viewer: ANSI colours as classes, search with highlighted matches, live lines over SSE.
import { useEffect, useState, useRef } from 'preact/hooks';
import { api, enc } from '../api.js';
import { html } from '../ui.js';

const SGR = /\x1b\[([0-9;]*)m/g;

/** Splits text with ANSI SGR codes into [{text, cls}] runs (colours 30–37, 90–97, bold, italic, underline). */
export function ansiRuns(text) {
  const runs = [];
  let fg = null; let bold = false; let italic = false; let under = false;
  let last = 0;
  const push = (t) => { if (t) runs.push({ text: t, cls: [fg && 'ansi-' + fg, bold && 'ansi-b', italic && 'ansi-i', under && 'ansi-u'].filter(Boolean).join(' ') }); };
  String(text || '').replace(SGR, (m, codes, at) => {
    push(text.slice(last, at));
    last = at + m.length;
    (codes === '' ? ['0'] : codes.split(';')).forEach((c) => {
      const n = Number(c);
      if (n === 0) { fg = null; bold = italic = under = false; }
      else if (n === 1) bold = true;
      else if (n === 3) italic = true;
      else if (n === 4) under = true;
      else if (n === 22) bold = false;
      else if (n === 39) fg = null;
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) fg = n;
    });
    return m;
  });
  push(String(text || '').slice(last).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''));
  return runs;
}

function highlight(text, needle) {
  if (!needle) return text;
  const out = [];
  const low = text.toLowerCase(); const n = needle.toLowerCase();
  let i = 0; let at;
  while ((at = low.indexOf(n, i)) >= 0) {
    if (at > i) out.push(text.slice(i, at));
    out.push(html`<mark>${text.slice(at, at + n.length)}</mark>`);
    i = at + n.length;
  }
  if (i < text.length) out.push(text.slice(i));
  return out;
}

export function OutputView({ text, search, label }) {
  const runs = ansiRuns(text);
  return html`<pre class="output mono" aria-label=${label || 'Output'} tabindex="0">${runs.length === 0
    ? html`<span class="muted">(empty)</span>`
    : runs.map((r) => (r.cls ? html`<span class=${r.cls}>${highlight(r.text, search)}</span>` : highlight(r.text, search)))}</pre>`;
}

export function countMatches(text, needle) {
  if (!needle) return 0;
  const t = String(text || '').toLowerCase(); const n = needle.toLowerCase();
  let c = 0; let i = 0;
  while ((i = t.indexOf(n, i)) >= 0) { c++; i += n.length; }
  return c;
}

/**
 * Live output of a running execution: a one-shot stream ticket, then EventSource on the stream.
 * Closes when the server says `done` or the component goes away; pauses while the tab is hidden.
 */
export function LiveOutput({ executionId, onDone }) {
  const [lines, setLines] = useState([]);
  const [state, setState] = useState('connecting');
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let source = null;
    let closed = false;
    const finish = (state) => { setState(state); if (done.current) done.current(); };
    const open = async () => {
      try {
        // Only a run executing on the controller right now has a stream (else 404): wait while it is
        // pending or queued, and stop if it ended or runs on an agent.
        let now = await api.get('/api/executions/' + enc(executionId));
        while (!closed && ['pending', 'queued'].includes(now.status)) {
          await new Promise((r) => setTimeout(r, 1000));
          now = await api.get('/api/executions/' + enc(executionId));
        }
        if (closed) return;
        if (now.status !== 'running') { finish('finished'); return; }
        if (now.agent_id) { setState('runs on an agent: output arrives when it finishes'); return; }
        const t = await api.post('/api/executions/' + enc(executionId) + '/stream-ticket');
        if (closed) return;
        source = new EventSource('/api/executions/' + enc(executionId) + '/stream?ticket=' + enc(t.ticket));
        source.onopen = () => setState('live');
        source.onmessage = (e) => setLines((ls) => (ls.length > 5000 ? [...ls.slice(-4000), e.data] : [...ls, e.data]));
        source.addEventListener('done', () => { source.close(); finish('finished'); });
        source.onerror = () => { source.close(); finish('ended'); };
      } catch (e) {
        setState('unavailable: ' + e.message);
      }
    };
    open();
    return () => { closed = true; if (source) source.close(); };
  }, [executionId]);
  return html`<div>
    <p class="small muted" aria-live="polite">Live output: <span id="live-state">${state}</span></p>
    <${OutputView} text=${lines.join('\n')} label="Live output" />
  </div>`;
}
