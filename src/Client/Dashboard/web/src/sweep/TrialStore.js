// Every trial of one sweep in memory: replaced by a SWEEPDETAIL (first load, `reset`), merged with `update` deltas.
import { finishedStatuses } from '../format.js';

export class TrialStore {
  constructor() {
    this.sweep = null;
    this.parameters = [];
    /** Every trial in the server's order; each carries _v, bumped on every change, so views repaint only what changed. */
    this.list = [];
    this.byId = new Map();
    this.bestTrialId = null;
    this.etaSeconds = null;
    this.sequence = 0;
  }

  reset(detail) {
    this.sweep = detail.sweep;
    this.parameters = detail.parameters ?? [];
    this.bestTrialId = detail.best_trial_id ?? null;
    this.etaSeconds = detail.eta_seconds ?? null;
    this.sequence = detail.sequence ?? 0;
    this.list = (detail.trials ?? []).map((trial) => ({ ...trial, history: trial.history ?? [], _v: 0 }));
    this.byId = new Map(this.list.map((trial) => [trial.trial_id, trial]));
  }

  /** Merges one `update` message; says what changed so the page redraws only that (curves: curvesChanged,
   *  charts of finished trials: valuesChanged). */
  applyUpdate(update) {
    const changed = new Set();
    let added = false;
    let finished = false;
    let valuesChanged = false;
    let curvesChanged = false;
    if (update.sweep) this.sweep = update.sweep;
    if ('eta_seconds' in update) this.etaSeconds = update.eta_seconds;
    const bestChanged = 'best_trial_id' in update && (update.best_trial_id ?? null) !== this.bestTrialId;
    if (bestChanged) this.bestTrialId = update.best_trial_id ?? null;
    for (const delta of update.trials ?? []) {
      const { new_epochs: newEpochs, history, ...fields } = delta;
      let trial = this.byId.get(fields.trial_id);
      if (!trial) {
        trial = { ...fields, history: history ?? [], _v: 0 };
        this.list.push(trial);
        this.byId.set(trial.trial_id, trial);
        added = true;
        valuesChanged = true;
      } else {
        if (fields.status && fields.status !== trial.status && finishedStatuses.has(fields.status)) finished = true;
        if ('value' in fields && fields.value !== trial.value) valuesChanged = true;
        if (fields.status && fields.status !== trial.status) curvesChanged = true; // the curves colour lines by status
        Object.assign(trial, fields);
        if (history) trial.history = history;
      }
      if (newEpochs?.length) { mergeEpochs(trial.history, newEpochs); curvesChanged = true; }
      trial._v++;
      changed.add(trial.trial_id);
    }
    if (typeof update.sequence === 'number') this.sequence = update.sequence;
    return { changed, added, finished, bestChanged, valuesChanged, curvesChanged };
  }
}

/** Appends epochs in order; an epoch already present is replaced (a resumed attempt repeats epochs). */
export function mergeEpochs(history, epochs) {
  for (const entry of epochs) {
    const epoch = entry[0];
    const last = history.length ? history[history.length - 1][0] : -Infinity;
    if (epoch > last) { history.push(entry); continue; }
    const at = history.findIndex((h) => h[0] >= epoch);
    if (history[at][0] === epoch) history[at] = entry;
    else history.splice(at, 0, entry);
  }
}
