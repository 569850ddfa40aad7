// The best trial: its configuration, classification report, confusion matrix and a link to its weights.
import { api } from '../api.js';
import { chip, el, fill } from '../dom.js';
import { configValue, metric } from '../format.js';
import { createChart } from '../charts/echarts.js';
import { drawConfusion } from '../charts/confusion.js';

export class BestPanel {
  constructor(root, sweepId) {
    this.sweepId = sweepId;
    this.config = root.querySelector('#best-config');
    this.report = root.querySelector('#best-report');
    this.weights = root.querySelector('#best-weights');
    this.confusion = createChart(root.querySelector('#confusion'));
    this.loadedFor = undefined;
    this.loading = null;
  }

  /** Loads /best when the best trial is another one than the one shown (or force). */
  async refresh(bestTrialId, force = false) {
    if (!force && bestTrialId === this.loadedFor) return;
    this.loadedFor = bestTrialId;
    const request = (this.loading = api.best(this.sweepId));
    let best;
    try { best = await request; } catch { this.loadedFor = undefined; return; }
    if (request !== this.loading) return;
    this.show(best);
  }

  show(best) {
    const trial = best?.trial;
    if (!trial) {
      fill(this.config, el('p', { class: 'empty' }, 'No completed trial yet.'));
      fill(this.report.tBodies[0]);
      this.weights.hidden = true;
      this.weights.removeAttribute('href');
      drawConfusion(this.confusion, null);
      return;
    }
    const m = trial.metrics ?? {};
    fill(this.config,
      el('div', { class: 'best-head' }, chip(trial.status), el('strong', { class: 'best-label' }, trial.label),
        el('span', { class: 'best-value' }, metric(trial.value))),
      el('dl', { class: 'kv' },
        Object.entries(trial.config ?? {}).flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { param: k } }, configValue(v))]),
        ['test_accuracy', 'test_macro_f1', 'val_macro_f1', 'samples_per_second']
          .filter((k) => m[k] !== undefined && m[k] !== null)
          .flatMap((k) => [el('dt', { class: 'metric' }, k), el('dd', {}, metric(m[k]))])),
    );
    fill(this.report.tBodies[0], (m.classification_report ?? []).map((row) => el('tr', { dataset: { class: row.class_name } },
      el('td', {}, row.class_name), el('td', { class: 'num' }, metric(row.precision)), el('td', { class: 'num' }, metric(row.recall)),
      el('td', { class: 'num' }, metric(row.f1)), el('td', { class: 'num' }, row.support ?? '—'))));
    if (best.weights_url) {
      this.weights.href = best.weights_url;
      this.weights.setAttribute('download', `${trial.trial_id}.safetensors`);
      this.weights.hidden = false;
    } else {
      this.weights.hidden = true;
      this.weights.removeAttribute('href');
    }
    this.weights.dataset.trialId = trial.trial_id;
    drawConfusion(this.confusion, m);
  }
}
