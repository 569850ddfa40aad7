// A table that keeps only its visible rows in the DOM: a scroll container, fixed-height rows, and two spacer
// rows standing in for everything above and below. Rows are a reused pool, repainted only when the item
// they show, or its version (_v), changed. Sorting and filtering work on the whole data set.
import { el } from '../dom.js';

const OVERSCAN = 8;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export class VirtualTable {
  /**
   * @param {HTMLElement} scroller the scroll container (fixed height, overflow auto)
   * @param {HTMLTableElement} table inside it
   * @param {{columns: Array, key: (item) => string, rowAttributes: (item) => object, filterText: (item) => string,
   *          rowHeight: number, onRowClick: (item) => void, onViewChange: (shown, total) => void}} options
   */
  constructor(scroller, table, options) {
    this.scroller = scroller;
    this.table = table;
    this.options = options;
    this.columns = options.columns;
    this.rowHeight = options.rowHeight;
    this.items = [];
    this.view = [];
    this.filter = '';
    this.sort = null; // {column, direction: 1 | -1}
    this.selectedKey = null;
    this.pool = [];
    this.frame = 0;
    this.viewDirty = true;
    this.build();
  }

  build() {
    const columns = this.columns;
    this.table.append(
      el('colgroup', {}, columns.map((c) => el('col', { style: c.width ? `width:${c.width}px` : null }))),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', {
        dataset: { sort: c.name }, class: c.numeric ? 'num' : null, title: `Sort by ${c.title}`, scope: 'col',
      }, c.title)))),
    );
    this.body = el('tbody');
    this.top = el('tr', { class: 'spacer', 'aria-hidden': 'true' }, el('td', { colspan: columns.length }));
    this.bottom = el('tr', { class: 'spacer', 'aria-hidden': 'true' }, el('td', { colspan: columns.length }));
    this.body.append(this.top, this.bottom);
    this.table.append(this.body);

    this.table.tHead.addEventListener('click', (event) => {
      const th = event.target.closest('th[data-sort]');
      if (th) this.sortBy(th.dataset.sort);
    });
    this.body.addEventListener('click', (event) => {
      const tr = event.target.closest('tr[data-row]');
      if (tr?.item) this.options.onRowClick?.(tr.item);
    });
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  /** The whole data set (the array is kept: items pushed into it later show up on the next refresh). */
  setItems(items) {
    this.items = items;
    this.viewDirty = true;
    this.schedule();
  }

  /** Something in the data changed: rows repaint from their versions; the order is recomputed when it may differ. */
  changed({ reorder = true } = {}) {
    if (reorder) this.viewDirty = true;
    this.schedule();
  }

  setFilter(text) {
    this.filter = text.trim().toLowerCase();
    this.viewDirty = true;
    this.scroller.scrollTop = 0;
    this.schedule();
  }

  sortBy(name) {
    const direction = this.sort?.column === name ? -this.sort.direction : 1;
    this.sort = { column: name, direction };
    for (const th of this.table.tHead.querySelectorAll('th[data-sort]')) {
      const active = th.dataset.sort === name;
      th.classList.toggle('sorted', active);
      th.setAttribute('aria-sort', active ? (direction > 0 ? 'ascending' : 'descending') : 'none');
    }
    this.viewDirty = true;
    this.schedule();
  }

  select(key) {
    this.selectedKey = key;
    for (const tr of this.pool) tr.classList.toggle('selected', tr.dataset.trialId === key);
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  /** Renders now (the first paint of a page measures this). */
  flush() {
    if (this.frame) { cancelAnimationFrame(this.frame); this.frame = 0; }
    this.render();
  }

  computeView() {
    const { filterText } = this.options;
    const query = this.filter;
    let view = query ? this.items.filter((item) => filterText(item).toLowerCase().includes(query)) : this.items.slice();
    if (this.sort) {
      const column = this.columns.find((c) => c.name === this.sort.column);
      const direction = this.sort.direction;
      const keyed = view.map((item, index) => ({ item, index, key: column.sortKey(item) }));
      keyed.sort((a, b) => compareKeys(a.key, b.key, direction) || a.index - b.index);
      view = keyed.map((k) => k.item);
    }
    this.view = view;
    this.viewDirty = false;
    this.options.onViewChange?.(view.length, this.items.length);
  }

  render() {
    if (this.viewDirty) this.computeView();
    const view = this.view;
    const height = this.rowHeight;
    const viewport = this.scroller.clientHeight || 600;
    const scrollTop = this.scroller.scrollTop;
    const first = Math.max(0, Math.floor(scrollTop / height) - OVERSCAN);
    const last = Math.min(view.length, Math.ceil((scrollTop + viewport) / height) + OVERSCAN);
    const count = Math.max(0, last - first);

    this.top.firstChild.style.height = `${first * height}px`;
    this.bottom.firstChild.style.height = `${(view.length - last) * height}px`;
    this.top.hidden = first === 0;
    this.bottom.hidden = last >= view.length;

    while (this.pool.length < count) {
      const tr = el('tr', { dataset: { row: '' } }, this.columns.map((c) => el('td', {
        dataset: { col: c.name }, class: c.numeric ? 'num' : null,
      })));
      this.body.insertBefore(tr, this.bottom);
      this.pool.push(tr);
    }
    while (this.pool.length > count) this.pool.pop().remove();

    for (let k = 0; k < count; k++) {
      const item = view[first + k];
      const tr = this.pool[k];
      if (tr.item === item && tr.version === item._v) continue;
      this.paint(tr, item);
    }
    if (!this.measured && count > 0) this.measure();
  }

  /** CSS decides the real row height (fonts, borders): measured once, so the spacers and the scroll range agree. */
  measure() {
    this.measured = true;
    const real = this.pool[0].getBoundingClientRect().height;
    if (real > 0 && Math.abs(real - this.rowHeight) > 0.5) {
      this.rowHeight = real;
      this.render();
    }
  }

  paint(tr, item) {
    tr.item = item;
    tr.version = item._v;
    const key = this.options.key(item);
    for (const [name, value] of Object.entries(this.options.rowAttributes(item))) tr.dataset[name] = value;
    tr.classList.toggle('selected', key === this.selectedKey);
    const cells = tr.children;
    for (let c = 0; c < this.columns.length; c++) this.columns[c].render(cells[c], item);
  }
}

/** Numbers numerically, text naturally; missing values last in either direction. */
function compareKeys(a, b, direction) {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * direction;
  return collator.compare(String(a), String(b)) * direction;
}
