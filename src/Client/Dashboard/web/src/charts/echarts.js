// ECharts with only the charts and components the dashboard draws (keeps the bundle small).
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent, LegendComponent, ParallelComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, HeatmapChart, LineChart, ParallelChart, ScatterChart,
  GridComponent, LegendComponent, ParallelComponent, TitleComponent, TooltipComponent, VisualMapComponent,
  CanvasRenderer,
]);

export const textColor = '#3e4c59';
export const axisColor = '#cbd2d9';
export const accent = '#2f6fdf';
/** Worse to better metric colours (parallel coordinates, confusion matrix). */
export const ramp = ['#e4ecfb', '#9cbcf0', '#4f86e3', '#1f4fb0', '#0d2a66'];

/** An ECharts instance on container that follows the container's size. */
export function createChart(container) {
  const chart = echarts.init(container, null, { renderer: 'canvas' });
  // When the chart has painted everything drawn so far, progressive chunks included (read by bench/Dashboard).
  chart.on('finished', () => { container.dataset.finishedMs = String(Math.round(performance.now())); });
  new ResizeObserver(() => chart.resize()).observe(container);
  return chart;
}

/** Draws option (series replaced, not merged) and then writes the data attributes the tests read. */
export function draw(chart, option, attributes) {
  const started = performance.now();
  chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit', color: textColor }, ...option },
    { replaceMerge: ['series', 'xAxis', 'yAxis', 'parallelAxis', 'visualMap', 'title'] });
  const container = chart.getDom();
  container.dataset.drawMs = String(Math.round(performance.now() - started));
  container.dataset.drawnAtMs = String(Math.round(performance.now()));
  for (const [name, value] of Object.entries(attributes)) container.dataset[name] = String(value);
}

/** The title an empty chart shows instead of axes. */
export function emptyTitle(text) {
  return { text, left: 'center', top: 'middle', textStyle: { color: '#9aa5b1', fontSize: 13, fontWeight: 'normal' } };
}
