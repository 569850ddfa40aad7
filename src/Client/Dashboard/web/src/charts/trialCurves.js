// One trial's curves in its detail panel: train and validation loss on the left axis, validation accuracy on the right.
import { num } from '../format.js';
import { draw, emptyTitle } from './echarts.js';

export function drawTrialCurves(chart, trial) {
  const history = trial?.history ?? [];
  const column = (index) => history.map((h) => [h[0], num(h[index]) ?? '-']);
  draw(chart, {
    title: history.length ? [] : [emptyTitle('No epochs reported yet')],
    grid: { left: 48, right: 48, top: 36, bottom: 32 },
    legend: { top: 0, itemHeight: 8 },
    tooltip: { trigger: 'axis' },
    xAxis: [{ type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 22, minInterval: 1 }],
    yAxis: [
      { type: 'value', name: 'loss', scale: true, splitLine: { lineStyle: { color: '#eef1f4' } } },
      { type: 'value', name: 'accuracy', scale: true, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: 'train loss', data: column(1), color: '#d99a1e', symbolSize: 4 },
      { type: 'line', name: 'val loss', data: column(2), color: '#d63b3b', symbolSize: 4, lineStyle: { type: 'dashed' } },
      { type: 'line', name: 'val accuracy', data: column(3), color: '#2f6fdf', symbolSize: 4, yAxisIndex: 1 },
    ],
  }, { series: 3, points: history.length, trialId: trial?.trial_id ?? '' });
}
