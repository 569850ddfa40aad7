// The dashboard's JSON API (see the contract next to the server): one function per resource.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(path, started) {
  const response = await (started ?? fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' }));
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = (await response.json()).error ?? message; } catch { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, message);
  }
  return response.json();
}

// index.html starts the request for a sweep page's state before this script has loaded; it is used once.
function takePrefetched(path) {
  const prefetched = window.sweepgridPrefetch;
  if (!prefetched || prefetched.path !== path) return null;
  window.sweepgridPrefetch = null;
  return getJson(path, prefetched.response);
}

const sweepPath = (id) => `/api/sweeps/${encodeURIComponent(id)}`;

export const api = {
  sweeps: () => getJson('/api/sweeps'),
  sweep: (id) => takePrefetched(sweepPath(id)) ?? getJson(sweepPath(id)),
  trial: (id, trialId) => getJson(`${sweepPath(id)}/trials/${encodeURIComponent(trialId)}`),
  importance: (id) => getJson(`${sweepPath(id)}/importance`),
  best: (id) => getJson(`${sweepPath(id)}/best`),
  nodes: () => getJson('/api/nodes'),
  eventsUrl: (id, after) => `${sweepPath(id)}/events${after === null || after === undefined ? '' : `?after=${after}`}`,
};
