// The best trial's confusion matrix: true class down, predicted class across, counts in the cells.
import { draw, emptyTitle, ramp } from './echarts.js';

export function drawConfusion(chart, metrics) {
  const names = metrics?.class_names ?? [];
  const matrix = metrics?.confusion_matrix ?? [];
  if (!names.length || !matrix.length) {
    draw(chart, { title: [emptyTitle('No confusion matrix')], xAxis: [], yAxis: [], visualMap: [], series: [] }, { series: 0, points: 0 });
    return;
  }
  const data = [];
  let max = 0;
  matrix.forEach((row, truth) => row.forEach((count, predicted) => {
    data.push([predicted, truth, count]);
    if (typeof count === 'number') max = Math.max(max, count);
  }));
  const small = names.length <= 12;
  draw(chart, {
    title: [],
    grid: { left: 8, right: 12, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => `true <b>${names[p.value[1]]}</b>, predicted <b>${names[p.value[0]]}</b>: ${p.value[2]}`,
    },
    xAxis: [{
      type: 'category', data: names,
      axisLabel: { interval: 0, rotate: names.length > 6 ? 35 : 0, fontSize: 10 }, splitArea: { show: true },
    }],
    yAxis: [{
      type: 'category', data: names, inverse: true,
      axisLabel: { interval: 0, fontSize: 10 }, splitArea: { show: true },
    }],
    visualMap: [{ type: 'continuous', min: 0, max: Math.max(1, max), show: false, inRange: { color: ramp } }],
    series: [{
      type: 'heatmap', data,
      label: { show: small, fontSize: 10, color: '#102a43' },
      emphasis: { itemStyle: { borderColor: '#102a43', borderWidth: 1 } },
    }],
  }, { series: 1, points: data.length, classes: names.length });
}
