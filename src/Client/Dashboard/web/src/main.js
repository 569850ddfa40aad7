// The dashboard's one page: the path says which view it is.
import '../app.css';
import { sweepsPage } from './pages/sweepsPage.js';
import { sweepPage } from './pages/sweepPage.js';
import { nodesPage } from './pages/nodesPage.js';
import { el } from './dom.js';

function route() {
  const root = document.getElementById('app');
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const sweep = /^\/sweeps\/([^/]+)$/.exec(path);
  const nav = path === '/nodes' ? 'nodes' : 'sweeps';
  for (const link of document.querySelectorAll('[data-nav]')) link.classList.toggle('active', link.dataset.nav === nav);
  if (path === '/' || path === '/sweeps') sweepsPage(root);
  else if (sweep) sweepPage(root, decodeURIComponent(sweep[1]));
  else if (path === '/nodes') nodesPage(root);
  else root.replaceChildren(el('section', { class: 'card error' }, `No page at ${path}.`));
}

route();
