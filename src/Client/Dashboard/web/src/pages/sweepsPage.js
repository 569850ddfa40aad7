// The sweeps list, newest first, refreshed every 5 s.
import { api } from '../api.js';
import { chip, el, fill } from '../dom.js';
import { metric, statusColors, time } from '../format.js';
import { poll } from './poll.js';

const REFRESH_MS = 5000;
const outcomes = ['completed', 'pruned', 'diverged', 'failed', 'cancelled', 'running', 'paused'];

export function sweepsPage(root) {
  document.title = 'Sweeps · SweepGrid';
  root.innerHTML = `
<section class="page-head"><div><h1>Sweeps</h1></div><div class="muted" id="sweeps-updated"></div></section>
<section class="card">
  <p class="error" id="sweeps-error" hidden></p>
  <table id="sweeps" class="grid list">
    <thead><tr><th>Sweep</th><th>State</th><th class="progress-col">Progress</th><th class="num">Best</th><th>Metric</th><th>Started</th><th>Finished</th></tr></thead>
    <tbody></tbody>
  </table>
  <p class="empty" id="sweeps-empty" hidden>No sweeps yet. Launch one with <code>sweepgrid run spec.yaml --dashboard</code>.</p>
</section>`;
  const body = root.querySelector('#sweeps tbody');
  const error = root.querySelector('#sweeps-error');
  body.addEventListener('click', (event) => {
    const tr = event.target.closest('tr[data-sweep-id]');
    if (tr && !event.target.closest('a')) location.href = tr.dataset.href;
  });
  poll(async () => {
    const { sweeps } = await api.sweeps();
    error.hidden = true;
    fill(body, sweeps.map(row));
    root.querySelector('#sweeps-empty').hidden = sweeps.length > 0;
    root.querySelector('#sweeps-updated').textContent = `updated ${time(new Date().toISOString())}`;
  }, REFRESH_MS, (e) => { error.hidden = false; error.textContent = `Could not load the sweeps: ${e.message}`; });
}

function row(sweep) {
  const href = `/sweeps/${encodeURIComponent(sweep.sweep_id)}`;
  const total = Math.max(1, sweep.total);
  return el('tr', { dataset: { sweepId: sweep.sweep_id, state: sweep.state, href }, class: 'link-row' },
    el('td', { dataset: { col: 'name' } }, el('a', { href }, sweep.name || sweep.sweep_id), el('div', { class: 'sub' }, sweep.sweep_id)),
    el('td', { dataset: { col: 'state' } }, chip(sweep.state)),
    el('td', { dataset: { col: 'progress' } }, el('div', { class: 'progress-cell' },
      el('div', { class: 'progress' }, outcomes.filter((s) => sweep[s] > 0).map((s) => el('span', {
        style: `width:${(100 * sweep[s]) / total}%;background:${statusColors[s]}`, title: `${s}: ${sweep[s]}`,
      }))),
      el('span', { class: 'progress-text' }, `${sweep.finished}/${sweep.total}`))),
    el('td', { dataset: { col: 'best' }, class: 'num' }, metric(sweep.best)),
    el('td', { dataset: { col: 'metric' } }, `${sweep.metric ?? '—'} ${sweep.maximize ? '↑' : '↓'}`),
    el('td', { dataset: { col: 'started' } }, time(sweep.launched_at)),
    el('td', { dataset: { col: 'finished' } }, time(sweep.finished_at)),
  );
}
