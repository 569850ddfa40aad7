// Parallel coordinates: one axis per varying parameter (categories for choice-like kinds, logarithmic where the
// contract says so) and the metric last; lines coloured by the metric; only the best k% of finished trials.
import { num, configValue } from '../format.js';
import { draw, emptyTitle, ramp } from './echarts.js';

const categoryKinds = new Set(['choice', 'bool', 'sizes', 'names']);

export function drawParcoords(chart, parameters, trials, sweep, topPercent) {
  const maximize = sweep?.maximize ?? true;
  const finished = trials.filter((t) => num(t.value) !== null);
  finished.sort((a, b) => (maximize ? b.value - a.value : a.value - b.value));
  const kept = finished.slice(0, Math.ceil((finished.length * topPercent) / 100));

  const axes = parameters.map((p, dim) => axisFor(p, dim, trials));
  const metricName = sweep?.metric ?? 'value';
  axes.push({
    dim: parameters.length, name: metricName, type: 'value', scale: true,
    nameTextStyle: { fontWeight: 'bold' }, axisLabel: { formatter: (v) => String(Number(v.toPrecision(4))) },
  });
  const data = kept.map((t) => [...parameters.map((p, i) => axisValue(t.config?.[p.name], axes[i])), t.value]);
  const values = kept.map((t) => t.value);
  const low = values.length ? Math.min(...values) : 0;
  const high = values.length ? Math.max(...values) : 1;
  const logAxes = parameters.filter((p) => p.log).map((p) => p.name);
  const many = data.length > 1000;

  draw(chart, {
    title: data.length ? [] : [emptyTitle('No finished trials yet')],
    parallel: {
      left: 56, right: 132, top: 44, bottom: 28,
      parallelAxisDefault: {
        nameLocation: 'end', nameGap: 14, nameTextStyle: { fontSize: 12, color: '#3e4c59' },
        axisLabel: { fontSize: 11, color: '#52606d' }, axisLine: { lineStyle: { color: '#9aa5b1' } },
      },
    },
    parallelAxis: axes,
    visualMap: [{
      type: 'continuous', dimension: parameters.length, min: low, max: high === low ? low + 1e-9 : high,
      inRange: { color: maximize ? ramp : [...ramp].reverse() }, right: 6, top: 'middle', itemHeight: 160, itemWidth: 12,
      text: [maximize ? 'best' : 'worst', maximize ? 'worst' : 'best'], textStyle: { fontSize: 11 },
      calculable: true, precision: 4,
    }],
    series: [{
      type: 'parallel', data, smooth: false,
      lineStyle: { width: 1, opacity: many ? 0.25 : 0.6 },
      emphasis: { disabled: many },
      progressive: 2000, progressiveThreshold: 4000,
    }],
  }, { series: data.length ? 1 : 0, lines: data.length, logAxes: logAxes.join(',') });
  return { drawn: data.length, finished: finished.length };
}

function axisFor(parameter, dim, trials) {
  const base = { dim, name: parameter.name };
  const numeric = parameter.kind === 'real' || parameter.kind === 'integer';
  if (!numeric || categoryKinds.has(parameter.kind)) {
    let values = parameter.values;
    if (!values?.length) values = [...new Set(trials.map((t) => t.config?.[parameter.name]).filter((v) => v !== undefined && v !== null))];
    return { ...base, type: 'category', data: values.map(categoryName), axisLabel: { interval: 0 } };
  }
  const axis = { ...base, type: parameter.log ? 'log' : 'value' };
  if (num(parameter.min) !== null) axis.min = parameter.min;
  if (num(parameter.max) !== null) axis.max = parameter.max;
  if (parameter.log) axis.axisLabel = { formatter: (v) => configValue(v) };
  if (!parameter.log && axis.min === undefined) axis.scale = true;
  return axis;
}

function axisValue(value, axis) {
  if (value === undefined || value === null) return null;
  return axis.type === 'category' ? categoryName(value) : num(value);
}

function categoryName(value) {
  return typeof value === 'number' ? configValue(value) : String(value);
}
