// One sweep, live: the first state from /api/sweeps/{id}, then server-sent deltas merged into the trial store.
// The table repaints only changed visible rows (next animation frame); charts redraw at most twice a second,
// importance at most every 5 s, the best trial when its id changes.
import { api } from '../api.js';
import { el } from '../dom.js';
import { createChart } from '../charts/echarts.js';
import { curveModes, drawCurves, MAX_LINES } from '../charts/curves.js';
import { drawAccuracyByConfig } from '../charts/accuracyByConfig.js';
import { drawParcoords } from '../charts/parcoords.js';
import { drawImportance } from '../charts/importance.js';
import { VirtualTable } from '../table/VirtualTable.js';
import { trialColumns, trialFilterText } from '../table/trialColumns.js';
import { TrialStore } from '../sweep/TrialStore.js';
import { LiveStream } from '../sweep/LiveStream.js';
import { renderSummary } from '../sweep/summary.js';
import { BestPanel } from '../sweep/BestPanel.js';
import { TrialDetail } from '../sweep/TrialDetail.js';
import { setConnection } from '../connection.js';

const CHART_INTERVAL_MS = 500;
const IMPORTANCE_INTERVAL_MS = 5000;
const ROW_HEIGHT = 30;
const finishedStates = new Set(['completed', 'cancelled']);

const layout = `
<section class="page-head">
  <div><a class="crumb" href="/">Sweeps</a><span class="crumb-sep">/</span><h1 id="sweep-name">…</h1><code id="sweep-id"></code></div>
  <div class="eta-box">ETA <strong id="eta">—</strong></div>
</section>
<section class="card summary" id="sweep-summary"></section>
<div class="row">
  <section class="card">
    <header><h2>Learning curves</h2>
      <select id="curves-metric" aria-label="Curve metric">
        <option value="val_accuracy">Validation accuracy</option><option value="loss">Train loss</option>
      </select></header>
    <div id="curves" class="chart tall"></div>
    <p id="curves-note" class="note"></p>
  </section>
  <section class="card">
    <header><h2>Parallel coordinates</h2>
      <label class="inline">Best <select id="topk" aria-label="Best share of trials">
        <option value="100">100 %</option><option value="50">50 %</option><option value="25">25 %</option><option value="10">10 %</option>
      </select></label></header>
    <div id="parcoords" class="chart tall"></div>
    <p id="parcoords-note" class="note"></p>
  </section>
</div>
<section class="card trials">
  <header><h2>Trials</h2><span id="trial-count" class="muted"></span>
    <input id="trial-filter" type="search" placeholder="Filter by label, status, silo…" autocomplete="off"></header>
  <div id="trial-scroll" class="table-scroll"><table id="trial-table" class="grid"></table></div>
</section>
<div class="row">
  <section class="card">
    <header><h2 id="accuracy-title">Metric by configuration</h2></header>
    <div id="accuracy-by-config" class="chart"></div>
  </section>
  <section class="card">
    <header><h2>Parameter importance</h2></header>
    <div id="importance" class="chart"></div>
    <p id="importance-note" class="note"></p>
  </section>
</div>
<section class="card" id="best">
  <header><h2>Best trial</h2><a id="best-weights" class="button" hidden>Download weights</a></header>
  <div class="best-grid">
    <div id="best-config"></div>
    <div><h3>Classification report</h3>
      <table id="best-report" class="report"><thead><tr><th>class</th><th>precision</th><th>recall</th><th>f1</th><th>support</th></tr></thead><tbody></tbody></table></div>
    <div><h3>Confusion matrix <span class="hint">rows true, columns predicted</span></h3><div id="confusion" class="chart square"></div></div>
  </div>
</section>
<aside id="trial-detail" class="drawer" hidden aria-label="Trial detail">
  <header><h2 class="detail-title"></h2><button class="close" type="button" aria-label="Close">×</button></header>
  <p class="detail-error error"></p>
  <div class="detail-status"></div>
  <h3>Learning curves</h3><div id="trial-curves" class="chart"></div>
  <h3>Configuration</h3><div class="detail-config"></div>
  <div class="detail-metrics"></div>
</aside>`;

export async function sweepPage(root, sweepId) {
  root.innerHTML = layout;
  const $ = (selector) => root.querySelector(selector);
  $('#sweep-id').textContent = sweepId;

  let detail;
  const requested = performance.now();
  try {
    detail = await api.sweep(sweepId);
  } catch (error) {
    root.replaceChildren(el('section', { class: 'card error' }, `Could not load sweep ${sweepId}: ${error.message}`));
    return;
  }

  const store = new TrialStore();
  store.reset(detail);
  const curves = createChart($('#curves'));
  const parcoords = createChart($('#parcoords'));
  const byConfig = createChart($('#accuracy-by-config'));
  const importanceChart = createChart($('#importance'));
  const best = new BestPanel(root, sweepId);
  const trialDetail = new TrialDetail($('#trial-detail'), sweepId, store);

  const table = new VirtualTable($('#trial-scroll'), $('#trial-table'), {
    columns: trialColumns(() => store.bestTrialId),
    rowHeight: ROW_HEIGHT,
    key: (trial) => trial.trial_id,
    rowAttributes: (trial) => ({ trialId: trial.trial_id, status: trial.status }),
    filterText: trialFilterText,
    onRowClick: (trial) => { table.select(trial.trial_id); trialDetail.open(trial.trial_id); },
    onViewChange: (shown, total) => { $('#trial-count').textContent = `${shown} of ${total} trials`; },
  });
  trialDetail.onClose = () => table.select(null);
  $('#trial-filter').addEventListener('input', debounce((event) => table.setFilter(event.target.value), 120));

  const drawCurveChart = () => {
    const mode = $('#curves-metric').value;
    const shown = drawCurves(curves, store.list, mode);
    $('#curves-note').textContent = shown.total > shown.drawn
      ? `Showing the best ${shown.drawn.toLocaleString()} of ${shown.total.toLocaleString()} trials by ${curveModes[mode].title.toLowerCase()} (at most ${MAX_LINES.toLocaleString()} lines).`
      : `${shown.drawn.toLocaleString()} trials. Pruned dashed, diverged red.`;
  };
  const drawResultCharts = () => { drawParcoordsChart(); drawByConfigChart(); };
  const drawParcoordsChart = () => {
    const topk = Number($('#topk').value);
    const lines = drawParcoords(parcoords, store.parameters, store.list, store.sweep, topk);
    $('#parcoords-note').textContent = lines.finished
      ? `${lines.drawn.toLocaleString()} of ${lines.finished.toLocaleString()} finished trials${topk < 100 ? ` (best ${topk} %)` : ''}; drag along an axis to select.`
      : '';
  };
  const drawByConfigChart = () => {
    $('#accuracy-title').textContent = `${store.sweep?.metric ?? 'Metric'} by configuration`;
    drawAccuracyByConfig(byConfig, store.list, store.sweep);
  };
  const drawSummary = () => renderSummary($('#sweep-summary'), $('#eta'), store.sweep, store.etaSeconds);
  const heading = () => {
    $('#sweep-name').textContent = store.sweep?.name ?? sweepId;
    document.title = `${store.sweep?.name ?? sweepId} · SweepGrid`;
    const valueHeader = $('#trial-table th[data-sort=value]');
    if (valueHeader && store.sweep?.metric) valueHeader.textContent = store.sweep.metric;
  };

  let importanceAt = 0;
  let importanceTimer = 0;
  const loadImportance = async () => {
    importanceAt = performance.now();
    try {
      const importance = await api.importance(sweepId);
      drawImportance(importanceChart, importance);
      $('#importance-note').textContent = [
        importance.method ? `${importance.method}, ${importance.trials} trials` : '', importance.note ?? '',
      ].filter(Boolean).join('. ');
    } catch (error) {
      $('#importance-note').textContent = `Importance unavailable: ${error.message}`;
    }
  };
  const scheduleImportance = () => {
    if (importanceTimer) return;
    const wait = Math.max(0, importanceAt + IMPORTANCE_INTERVAL_MS - performance.now());
    importanceTimer = setTimeout(() => { importanceTimer = 0; loadImportance(); }, wait);
  };

  // What the next throttled redraw draws: the curves follow epochs, the other charts only finished trials' values.
  const due = { curves: false, results: false, detail: false };
  let chartsAt = 0;
  let chartsTimer = 0;
  const scheduleCharts = ({ curves: c = true, results = true, detail = false } = {}) => {
    due.curves ||= c;
    due.results ||= results;
    due.detail ||= detail;
    if (chartsTimer) return;
    const wait = Math.max(0, chartsAt + CHART_INTERVAL_MS - performance.now());
    chartsTimer = setTimeout(() => requestAnimationFrame(() => {
      chartsTimer = 0;
      chartsAt = performance.now();
      if (due.curves) drawCurveChart();
      if (due.results) drawResultCharts();
      if (due.detail && trialDetail.trialId) trialDetail.render();
      due.curves = due.results = due.detail = false;
    }), wait);
  };
  $('#curves-metric').addEventListener('change', drawCurveChart);
  $('#topk').addEventListener('change', drawResultCharts);

  // First full render, measured (body[data-rendered-ms]).
  const loaded = performance.now();
  heading();
  drawSummary();
  table.setItems(store.list);
  table.flush();
  // The table and the parallel coordinates first; the other charts, the best trial and the importance once those are
  // painted, so a large sweep's first view does not wait for its thousands of learning curves.
  let restDrawn = false;
  const drawTheRest = () => {
    if (restDrawn) return;
    restDrawn = true;
    parcoords.off('finished', afterParcoords);
    drawCurveChart();
    drawByConfigChart();
    best.refresh(store.bestTrialId, true);
    loadImportance();
  };
  const afterParcoords = () => setTimeout(drawTheRest, 0);
  parcoords.on('finished', afterParcoords);
  setTimeout(drawTheRest, 3000);
  drawParcoordsChart();
  document.body.dataset.renderedMs = String(Math.round(performance.now()));
  // The start of the frame after the first one painted, table included (read by bench/Dashboard).
  requestAnimationFrame(() => requestAnimationFrame(() => { document.body.dataset.firstFrameMs = String(Math.round(performance.now())); }));
  document.body.dataset.sequence = String(store.sequence);
  console.info(`sweepgrid: ${store.list.length} trials loaded in ${Math.round(loaded - requested)} ms, drawn in ${Math.round(performance.now() - loaded)} ms`);

  const markSequence = () => requestAnimationFrame(() => { document.body.dataset.sequence = String(store.sequence); });
  const bumpBest = (previous) => {
    for (const id of [previous, store.bestTrialId]) { const t = store.byId.get(id); if (t) t._v++; }
  };

  const stream = new LiveStream(sweepId, {
    state: setConnection,
    update: (update) => {
      const previousBest = store.bestTrialId;
      const change = store.applyUpdate(update);
      if (change.bestChanged) { bumpBest(previousBest); best.refresh(store.bestTrialId); }
      if (change.finished) scheduleImportance();
      table.changed({ reorder: change.added || table.sort !== null || table.filter !== '' });
      drawSummary();
      const detail = trialDetail.trialId !== null && change.changed.has(trialDetail.trialId);
      if (change.curvesChanged || change.valuesChanged || detail) {
        scheduleCharts({ curves: change.curvesChanged, results: change.valuesChanged, detail });
      }
      markSequence();
    },
    reset: (next) => {
      store.reset(next);
      heading();
      drawSummary();
      table.setItems(store.list);
      scheduleCharts({ detail: true });
      best.refresh(store.bestTrialId, true);
      scheduleImportance();
      markSequence();
    },
    end: (end) => {
      if (end.sweep) store.sweep = end.sweep;
      if (typeof end.sequence === 'number') store.sequence = end.sequence;
      store.etaSeconds = null;
      drawSummary();
      scheduleCharts({ detail: true });
      best.refresh(store.bestTrialId, true);
      loadImportance();
      markSequence();
    },
  });
  if (finishedStates.has(store.sweep?.state)) setConnection('finished');
  else stream.start(store.sequence);
  window.addEventListener('pagehide', () => stream.stop());
}

function debounce(fn, ms) {
  let timer = 0;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
