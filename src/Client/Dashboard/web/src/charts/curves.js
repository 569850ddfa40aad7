// Learning curves of every trial, one line each. Lines are grouped into one series per status (gaps between
// trials), so thousands of trials draw as a handful of series; past MAX_LINES only the best trials are drawn.
import { num, statusColors, metric } from '../format.js';
import { axisColor, draw, emptyTitle } from './echarts.js';

export const MAX_LINES = 2000;
const SYMBOLS_UP_TO = 4000;
const GAP = '-';

export const curveModes = {
  val_accuracy: { column: 3, title: 'Validation accuracy', higherIsBetter: true },
  loss: { column: 1, title: 'Train loss', higherIsBetter: false },
};
const statusOrder = ['completed', 'running', 'paused', 'pending', 'pruned', 'diverged', 'failed', 'cancelled'];

/** Returns what the caller shows beside the chart: {drawn, total}. */
export function drawCurves(chart, trials, modeName) {
  const mode = curveModes[modeName];
  const ranked = [];
  for (const trial of trials) {
    let best = null;
    for (const entry of trial.history) {
      const v = num(entry[mode.column]);
      if (v !== null && (best === null || (mode.higherIsBetter ? v > best : v < best))) best = v;
    }
    if (best !== null) ranked.push({ trial, best });
  }
  const total = ranked.length;
  if (ranked.length > MAX_LINES) {
    ranked.sort((a, b) => (mode.higherIsBetter ? b.best - a.best : a.best - b.best));
    ranked.length = MAX_LINES;
  }

  const groups = new Map();
  let points = 0;
  let low = Infinity;
  let high = -Infinity;
  for (const { trial } of ranked) {
    let group = groups.get(trial.status);
    if (!group) groups.set(trial.status, (group = { data: [], owners: [], lines: 0 }));
    if (group.data.length) { group.data.push(GAP); group.owners.push(null); }
    for (const entry of trial.history) {
      const v = num(entry[mode.column]);
      if (v === null) continue;
      group.data.push([entry[0], v]);
      group.owners.push(trial);
      points++;
      if (v > 0) { low = Math.min(low, v); high = Math.max(high, v); }
    }
    group.lines++;
  }

  const many = ranked.length > 300;
  const series = [...groups.entries()]
    .sort(([a], [b]) => statusOrder.indexOf(a) - statusOrder.indexOf(b))
    .map(([status, group]) => ({
      type: 'line',
      name: `${status} (${group.lines})`,
      data: group.data,
      owners: group.owners,
      connectNulls: false,
      showSymbol: points <= SYMBOLS_UP_TO,
      symbolSize: 3,
      color: statusColors[status] ?? '#888',
      lineStyle: {
        width: many ? 1 : 1.5,
        opacity: many ? 0.35 : 0.8,
        type: status === 'pruned' ? 'dashed' : 'solid',
      },
      emphasis: { disabled: many },
      progressive: 0,
      z: status === 'running' ? 3 : 2,
    }));

  const logLoss = modeName === 'loss' && high / low > 100;
  draw(chart, {
    title: ranked.length ? [] : [emptyTitle('No epochs reported yet')],
    grid: { left: 56, right: 16, top: 36, bottom: 36 },
    legend: { top: 0, type: 'scroll', icon: 'roundRect', itemHeight: 8 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const trial = series[p.seriesIndex]?.owners[p.dataIndex];
        if (!trial) return '';
        return `${escapeHtml(trial.label)}<br>epoch ${p.value[0]}: <b>${metric(p.value[1])}</b> (${trial.status})`;
      },
    },
    xAxis: [{ type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1, axisLine: { lineStyle: { color: axisColor } } }],
    yAxis: [{
      type: logLoss ? 'log' : 'value', scale: true, name: mode.title, nameTextStyle: { align: 'left' },
      splitLine: { lineStyle: { color: '#eef1f4' } },
    }],
    series: series.map(({ owners, ...s }) => s),
  }, { series: ranked.length, lines: ranked.length, points });
  return { drawn: ranked.length, total };
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}
