// The cluster's silos and their devices (slots, busy, free), refreshed every 3 s.
import { api } from '../api.js';
import { el, fill } from '../dom.js';
import { time } from '../format.js';
import { poll } from './poll.js';

const REFRESH_MS = 3000;

export function nodesPage(root) {
  document.title = 'Nodes · SweepGrid';
  root.innerHTML = `
<section class="page-head"><div><h1>Nodes</h1></div><div class="muted" id="nodes-totals"></div></section>
<section class="card">
  <p class="error" id="nodes-error" hidden></p>
  <table id="nodes" class="grid list">
    <thead><tr><th>Silo</th><th>Devices</th><th class="num">Slots</th><th class="num">Busy</th><th class="num">Free</th><th>Started</th><th>Seen</th></tr></thead>
    <tbody></tbody>
  </table>
  <p class="empty" id="nodes-empty" hidden>No silo is connected.</p>
</section>`;
  const body = root.querySelector('#nodes tbody');
  const error = root.querySelector('#nodes-error');
  poll(async () => {
    const { nodes } = await api.nodes();
    error.hidden = true;
    fill(body, nodes.map(row));
    root.querySelector('#nodes-empty').hidden = nodes.length > 0;
    const sum = (f) => nodes.reduce((s, n) => s + n.devices.reduce((d, x) => d + (x[f] ?? 0), 0), 0);
    root.querySelector('#nodes-totals').textContent = `${nodes.length} silos · ${sum('busy')} of ${sum('slots')} slots busy`;
  }, REFRESH_MS, (e) => { error.hidden = false; error.textContent = `Could not load the nodes: ${e.message}`; });
}

function row(node) {
  const devices = node.devices ?? [];
  const total = (f) => devices.reduce((s, d) => s + (d[f] ?? 0), 0);
  return el('tr', { dataset: { silo: node.silo } },
    el('td', { dataset: { col: 'silo' } }, el('strong', {}, node.silo), el('div', { class: 'sub' }, node.address ?? '')),
    el('td', { dataset: { col: 'devices' } }, el('ul', { class: 'devices' }, devices.map((d) => el('li', { dataset: { device: d.device } },
      el('code', {}, d.device),
      el('span', { class: 'slots', title: `${d.busy} of ${d.slots} slots busy` },
        Array.from({ length: d.slots }, (_, i) => el('i', { class: i < d.busy ? 'busy' : 'free' }))),
      el('span', { class: 'muted' }, `${d.busy}/${d.slots}`))))),
    el('td', { dataset: { col: 'slots' }, class: 'num' }, total('slots')),
    el('td', { dataset: { col: 'busy' }, class: 'num' }, total('busy')),
    el('td', { dataset: { col: 'free' }, class: 'num' }, total('free')),
    el('td', { dataset: { col: 'started' } }, time(node.started_at)),
    el('td', { dataset: { col: 'seen' } }, time(node.seen_at)),
  );
}
