// Each finished trial's metric by its configuration, best first: labelled bars for a few trials, a dense
// scatter by rank (large mode) for many.
import { num, metric, statusColors } from '../format.js';
import { accent, axisColor, draw, emptyTitle } from './echarts.js';
import { escapeHtml } from './curves.js';

const BARS_UP_TO = 24;

export function drawAccuracyByConfig(chart, trials, sweep) {
  const maximize = sweep?.maximize ?? true;
  const finished = trials.filter((t) => num(t.value) !== null);
  finished.sort((a, b) => (maximize ? b.value - a.value : a.value - b.value));
  const metricName = sweep?.metric ?? 'value';
  const tooltip = {
    trigger: 'item',
    formatter: (p) => {
      const trial = finished[p.dataIndex];
      return trial ? `#${p.dataIndex + 1} ${escapeHtml(trial.label)}<br>${metricName}: <b>${metric(trial.value)}</b> (${trial.status})` : '';
    },
  };
  if (!finished.length) {
    draw(chart, { title: [emptyTitle('No finished trials yet')], xAxis: [], yAxis: [], series: [] }, { series: 0, points: 0 });
    return;
  }
  const values = finished.map((t) => t.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 0.01;
  const valueAxis = {
    type: 'value', min: nice(low - pad, Math.floor), max: nice(high + pad, Math.ceil),
    splitLine: { lineStyle: { color: '#eef1f4' } },
  };

  if (finished.length <= BARS_UP_TO) {
    draw(chart, {
      title: [],
      grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
      tooltip,
      xAxis: [valueAxis],
      yAxis: [{
        type: 'category', inverse: true, data: finished.map((t) => t.label),
        axisLabel: { width: 260, overflow: 'truncate', fontSize: 11 }, axisLine: { lineStyle: { color: axisColor } },
      }],
      series: [{
        type: 'bar', barMaxWidth: 18,
        data: finished.map((t) => ({ value: t.value, itemStyle: { color: statusColors[t.status] ?? accent } })),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p) => metric(p.value) },
      }],
    }, { series: 1, points: finished.length });
    return;
  }

  draw(chart, {
    title: [],
    grid: { left: 56, right: 24, top: 16, bottom: 40 },
    tooltip,
    xAxis: [{ type: 'value', name: 'rank (best first)', nameLocation: 'middle', nameGap: 26, min: 1, max: finished.length, minInterval: 1 }],
    yAxis: [valueAxis],
    series: [{
      type: 'scatter', symbolSize: finished.length > 2000 ? 3 : 5,
      large: finished.length > 2000, largeThreshold: 2000,
      data: finished.map((t, i) => ({ value: [i + 1, t.value], itemStyle: { color: statusColors[t.status] ?? accent } })),
    }],
  }, { series: 1, points: finished.length });
}

/** Rounds an axis end to two significant decimals of the data's span, so the end labels read like the others. */
function nice(x, round) {
  const digits = Math.max(0, 1 - Math.floor(Math.log10(Math.abs(x) || 1)));
  const step = 10 ** -digits;
  return Number((round(x / step) * step).toFixed(digits));
}
