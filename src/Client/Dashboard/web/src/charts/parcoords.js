// Parallel coordinates: one axis per varying parameter (categories for choice-like kinds, logarithmic where the
// contract says so) and the metric last; lines coloured by their metric's rank among the finished trials (best 10 %,
// 25 %, 50 %, the rest), so the best stand out however the values are spread; only the best k% are drawn.
import { num, configValue } from '../format.js';
import { draw, emptyTitle } from './echarts.js';

const categoryKinds = new Set(['choice', 'bool', 'sizes', 'names']);
const rankBands = [
  { lte: 0.1, color: '#d64545', label: 'best 10 %' },
  { gt: 0.1, lte: 0.25, color: '#f0a020', label: '10–25 %' },
  { gt: 0.25, lte: 0.5, color: '#4f86e3', label: '25–50 %' },
  { gt: 0.5, color: '#b8c4d0', label: 'rest' },
];

export function drawParcoords(chart, parameters, trials, sweep, topPercent) {
  const maximize = sweep?.maximize ?? true;
  const finished = trials.filter((t) => num(t.value) !== null);
  finished.sort((a, b) => (maximize ? b.value - a.value : a.value - b.value));
  const kept = finished.slice(0, Math.ceil((finished.length * topPercent) / 100));

  // Axes on their own canvas layer above the lines, so their labels stay readable under thousands of lines.
  const axes = parameters.map((p, dim) => ({ ...axisFor(p, dim, trials), zlevel: 1 }));
  const metricName = sweep?.metric ?? 'value';
  axes.push({
    dim: parameters.length, name: metricName, type: 'value', scale: true, zlevel: 1,
    nameTextStyle: { fontWeight: 'bold' }, axisLabel: { formatter: (v) => String(Number(v.toPrecision(4))) },
  });
  // One hidden dimension past the metric: the trial's rank (0 best .. 1 worst) that picks its colour band.
  // Worst first, so the best lines are drawn last, on top.
  const rankDim = parameters.length + 1;
  const data = [];
  for (let i = kept.length - 1; i >= 0; i--) {
    const t = kept[i];
    data.push([...parameters.map((p, a) => axisValue(t.config?.[p.name], axes[a])), t.value, (i + 1) / finished.length]);
  }
  const logAxes = parameters.filter((p) => p.log).map((p) => p.name);
  const many = data.length > 1000;

  draw(chart, {
    title: data.length ? [] : [emptyTitle('No finished trials yet')],
    parallel: {
      left: 56, right: 132, top: 44, bottom: 28,
      parallelAxisDefault: {
        nameLocation: 'end', nameGap: 14, nameTextStyle: { fontSize: 12, color: '#3e4c59' },
        axisLabel: { fontSize: 11, color: '#323f4b', backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3], borderRadius: 3 },
        axisLine: { lineStyle: { color: '#7b8794' } },
      },
    },
    parallelAxis: axes,
    visualMap: [{
      type: 'piecewise', dimension: rankDim, pieces: rankBands, right: 4, top: 'middle', orient: 'vertical',
      itemWidth: 14, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 11 },
    }],
    series: [{
      type: 'parallel', data, smooth: false,
      lineStyle: { width: 1, opacity: many ? 0.3 : 0.7 },
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
