// The trial table's columns: how each cell paints and what it sorts by (numbers numerically, missing last).
import { metric, num } from '../format.js';

const text = (name) => (td, trial) => {
  const value = trial[name];
  td.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
  td.title = td.textContent;
};
const number = (name) => (td, trial) => { td.textContent = metric(trial[name]); };
const stringKey = (name) => (trial) => trial[name] ?? null;
const numberKey = (name) => (trial) => num(trial[name]);

export function trialColumns(bestTrialId) {
  return [
    {
      name: 'status', title: 'Status', width: 104, sortKey: stringKey('status'),
      render: (td, trial) => {
        let chip = td.firstChild;
        if (!chip) td.append((chip = document.createElement('span')));
        chip.className = `chip s-${trial.status}`;
        chip.textContent = trial.status;
        td.title = trial.reason ?? '';
      },
    },
    {
      name: 'label', title: 'Configuration', sortKey: stringKey('label'),
      render: (td, trial) => {
        td.textContent = trial.label ?? trial.trial_id;
        td.title = td.textContent;
        td.classList.toggle('best', trial.trial_id === bestTrialId());
      },
    },
    {
      name: 'epoch', title: 'Epoch', width: 128, numeric: true, sortKey: numberKey('epoch'),
      render: (td, trial) => {
        let bar = td.firstChild;
        if (!bar) {
          bar = document.createElement('span');
          bar.className = 'ebar';
          bar.append(document.createElement('span'));
          const label = document.createElement('span');
          label.className = 'elabel';
          td.append(bar, label);
        }
        const epoch = num(trial.epoch) ?? 0;
        const epochs = num(trial.epochs);
        bar.firstChild.style.width = `${epochs ? Math.min(100, (100 * epoch) / epochs) : 0}%`;
        bar.firstChild.className = `s-${trial.status}`;
        td.lastChild.textContent = epochs ? `${epoch}/${epochs}` : String(epoch);
      },
    },
    { name: 'loss', title: 'Loss', width: 84, numeric: true, sortKey: numberKey('loss'), render: number('loss') },
    { name: 'val_accuracy', title: 'Val acc', width: 84, numeric: true, sortKey: numberKey('val_accuracy'), render: number('val_accuracy') },
    { name: 'value', title: 'Metric', width: 100, numeric: true, sortKey: numberKey('value'), render: number('value') },
    { name: 'silo', title: 'Silo', width: 120, sortKey: stringKey('silo'), render: text('silo') },
    { name: 'device', title: 'Device', width: 84, sortKey: stringKey('device'), render: text('device') },
    { name: 'bundle', title: 'Bundle', width: 96, sortKey: stringKey('bundle'), render: text('bundle') },
    { name: 'attempt', title: 'Att.', width: 52, numeric: true, sortKey: numberKey('attempt'), render: (td, t) => { td.textContent = t.attempt ?? '—'; } },
  ];
}

export function trialFilterText(trial) {
  return `${trial.label ?? ''} ${trial.status ?? ''} ${trial.silo ?? ''}`;
}
