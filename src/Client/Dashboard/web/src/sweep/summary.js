// The sweep's header card: state, progress (finished/total, by outcome), best metric, times, and the ETA.
import { chip, el, fill } from '../dom.js';
import { duration, metric, statusColors, time } from '../format.js';

const outcomeOrder = ['completed', 'pruned', 'diverged', 'failed', 'cancelled', 'running', 'paused'];
const runningStates = new Set(['running', 'not_launched']);

export function renderSummary(container, eta, sweep, etaSeconds) {
  if (!sweep) return;
  const total = sweep.total || 0;
  const bar = el('div', { class: 'progress', title: `${sweep.finished} of ${total} finished` },
    outcomeOrder.filter((s) => sweep[s] > 0).map((s) => el('span', {
      style: `width:${(100 * sweep[s]) / Math.max(1, total)}%;background:${statusColors[s]}`, title: `${s}: ${sweep[s]}`,
    })));
  const counts = el('div', { class: 'counts' },
    ['running', 'pending', 'paused', 'completed', 'pruned', 'diverged', 'failed', 'cancelled']
      .filter((s) => sweep[s] > 0)
      .map((s) => el('span', { class: 'count', dataset: { status: s } }, el('i', { style: `background:${statusColors[s]}` }), `${sweep[s]} ${s}`)));
  fill(container,
    stat('State', chip(sweep.state), 'state'),
    stat('Progress', el('div', { class: 'progress-cell' }, bar,
      el('span', { dataset: { field: 'progress' }, class: 'progress-text' }, `${sweep.finished}/${total}`)), 'progress-stat'),
    stat(`Best ${sweep.metric ?? ''} ${sweep.maximize ? '↑' : '↓'}`, el('strong', { dataset: { field: 'best' } }, metric(sweep.best)), 'best-stat'),
    stat('Started', time(sweep.launched_at), 'started'),
    stat('Finished', time(sweep.finished_at), 'finished'),
    el('div', { class: 'stat wide' }, counts),
  );
  eta.textContent = runningStates.has(sweep.state) ? duration(etaSeconds) : '—';
}

function stat(label, value, field) {
  return el('div', { class: 'stat', dataset: { stat: field } }, el('span', { class: 'stat-label' }, label), el('span', { class: 'stat-value' }, value));
}
