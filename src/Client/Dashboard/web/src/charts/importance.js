// Parameter importance as horizontal bars, most important on top.
import { num } from '../format.js';
import { accent, draw, emptyTitle } from './echarts.js';

export function drawImportance(chart, importance) {
  const parameters = (importance?.parameters ?? []).filter((p) => num(p.importance) !== null);
  if (!parameters.length) {
    draw(chart, { title: [emptyTitle(importance?.note ?? 'Not enough finished trials yet')], xAxis: [], yAxis: [], series: [] },
      { series: 0, points: 0 });
    return;
  }
  draw(chart, {
    title: [],
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}: <b>${p.value.toFixed(3)}</b>` },
    xAxis: [{ type: 'value', min: 0, max: (v) => Math.max(v.max, 0.0001), splitLine: { lineStyle: { color: '#eef1f4' } } }],
    yAxis: [{ type: 'category', inverse: true, data: parameters.map((p) => p.name), axisLabel: { fontSize: 12 } }],
    series: [{
      type: 'bar', barMaxWidth: 20, color: accent,
      data: parameters.map((p) => p.importance),
      label: { show: true, position: 'right', fontSize: 11, formatter: (p) => p.value.toFixed(3) },
    }],
  }, { series: 1, points: parameters.length, params: parameters.map((p) => p.name).join(',') });
}
