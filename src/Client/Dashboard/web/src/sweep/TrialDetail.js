// The panel a click on a trial row opens: the trial's configuration, status, reason and its own curves.
import { api } from '../api.js';
import { chip, el, fill } from '../dom.js';
import { configValue, metric, time } from '../format.js';
import { createChart } from '../charts/echarts.js';
import { drawTrialCurves } from '../charts/trialCurves.js';

export class TrialDetail {
  constructor(panel, sweepId, store) {
    this.panel = panel;
    this.sweepId = sweepId;
    this.store = store;
    this.trialId = null;
    this.metrics = null;
    this.chart = null;
    this.onClose = null;
    panel.querySelector('.close').addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && this.trialId) this.close(); });
  }

  async open(trialId) {
    this.trialId = trialId;
    this.metrics = null;
    this.panel.hidden = false;
    this.chart ??= createChart(this.panel.querySelector('#trial-curves'));
    this.render();
    try {
      const full = await api.trial(this.sweepId, trialId);
      if (this.trialId !== trialId) return;
      this.metrics = full.metrics ?? null;
      const known = this.store.byId.get(trialId);
      // The store follows the live stream; the fetched history fills in what it lacks (a trial added by an update).
      if (known && full.history && full.history.length > known.history.length) known.history = full.history;
      this.render(known ?? { ...full, _v: 0 });
    } catch (error) {
      if (this.trialId === trialId) this.panel.querySelector('.detail-error').textContent = `Could not load the trial: ${error.message}`;
    }
  }

  close() {
    this.trialId = null;
    this.panel.hidden = true;
    this.onClose?.();
  }

  /** Redraws from the store (called when the live stream changed this trial). */
  render(trial = this.store.byId.get(this.trialId)) {
    if (!trial) return;
    this.panel.dataset.trialId = trial.trial_id;
    this.panel.querySelector('.detail-title').textContent = trial.label ?? trial.trial_id;
    const facts = [
      ['status', chip(trial.status)], ['trial', trial.trial_id], ['epoch', `${trial.epoch ?? 0}/${trial.epochs ?? '?'}`],
      ['attempt', trial.attempt], ['loss', metric(trial.loss)], ['val accuracy', metric(trial.val_accuracy)],
      ['metric', metric(trial.value)], ['silo', trial.silo ?? '—'], ['device', trial.device ?? '—'],
      ['bundle', trial.bundle ?? '—'], ['started', time(trial.started_at)], ['finished', time(trial.finished_at)],
    ];
    fill(this.panel.querySelector('.detail-status'),
      trial.reason ? el('p', { class: 'reason', dataset: { field: 'reason' } }, trial.reason) : null,
      el('dl', { class: 'kv' }, facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { field: k } }, v)])));
    fill(this.panel.querySelector('.detail-config'),
      el('dl', { class: 'kv' }, Object.entries(trial.config ?? {}).flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { param: k } }, configValue(v))])));
    const m = this.metrics;
    fill(this.panel.querySelector('.detail-metrics'), m ? [
      el('dl', { class: 'kv' }, ['val_loss', 'val_accuracy', 'val_macro_f1', 'test_loss', 'test_accuracy', 'test_macro_f1', 'samples_per_second']
        .filter((k) => m[k] !== undefined && m[k] !== null).flatMap((k) => [el('dt', {}, k), el('dd', {}, metric(m[k]))])),
      m.classification_report?.length ? el('table', { class: 'report' },
        el('thead', {}, el('tr', {}, ['class', 'precision', 'recall', 'f1', 'support'].map((h) => el('th', {}, h)))),
        el('tbody', {}, m.classification_report.map((r) => el('tr', {}, el('td', {}, r.class_name), el('td', { class: 'num' }, metric(r.precision)),
          el('td', { class: 'num' }, metric(r.recall)), el('td', { class: 'num' }, metric(r.f1)), el('td', { class: 'num' }, r.support ?? '—'))))) : null,
    ] : []);
    this.panel.querySelector('.detail-error').textContent = '';
    drawTrialCurves(this.chart, trial);
  }
}
