// The REST client. The browser holds no key: after sign-in the HttpOnly session cookie rides along
// (same origin only), and writes carry the page's Origin, which the server checks.
let unauthorized = () => {};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function onUnauthorized(fn) {
  unauthorized = fn;
}

export async function request(method, path, body) {
  const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const text = await res.text();
  let data = null;
  if (text && (res.headers.get('content-type') || '').includes('json')) {
    data = JSON.parse(text);
  } else if (text) {
    data = text;
  }
  if (res.status === 401 && path !== '/api/auth/session') {
    unauthorized();
  }
  if (!res.ok) {
    const msg = (data && (data.error || data.detail || data.title)) || res.statusText || ('HTTP ' + res.status);
    throw new ApiError(res.status, msg);
  }
  return data;
}

export const api = {
  get: (p) => request('GET', p),
  post: (p, b) => request('POST', p, b === undefined ? {} : b),
  put: (p, b) => request('PUT', p, b),
  del: (p) => request('DELETE', p),
};

/** Builds "path?a=1&b=2" from an object, leaving out empty values. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  });
  const s = q.toString();
  return s ? path + '?' + s : path;
}

export const enc = encodeURIComponent;
