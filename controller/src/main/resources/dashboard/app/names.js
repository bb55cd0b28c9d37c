// Job names for rows that carry only a job id (execution records, events): fetched once per id.
import { useEffect, useState } from 'preact/hooks';
import { api, enc } from './api.js';
import { html, href } from './ui.js';

const cache = new Map();

function lookup(id) {
  if (!cache.has(id)) {
    cache.set(id, api.get('/api/jobs/' + enc(id)).then((j) => j.name, () => null));
  }
  return cache.get(id);
}

export function remember(jobs) {
  (jobs || []).forEach((j) => cache.set(j.id, Promise.resolve(j.name)));
}

export function JobLink({ id }) {
  const [name, setName] = useState(undefined);
  useEffect(() => {
    let live = true;
    if (id) lookup(id).then((n) => live && setName(n));
    return () => { live = false; };
  }, [id]);
  if (!id) return html`<span class="muted">—</span>`;
  return html`<a href=${href('/jobs/' + id)}>${name === undefined ? '…' : name === null ? id.slice(0, 8) + ' (deleted)' : name}</a>`;
}
