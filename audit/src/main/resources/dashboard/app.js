// The dashboard: one page, a view per hash (#overview, #alerts, ...). Each view renders into
// <main> and may return a stop function (the overview's refresh timer) called when leaving it.
import { overview } from './views/overview.js';
import { alerts } from './views/alerts.js';
import { events } from './views/events.js';
import { anomalies, compliance, inventory } from './views/tables.js';

const d3 = window.d3;
const VIEWS = { overview, alerts, events, anomalies, compliance, inventory };
let stop = null;

function show() {
  const [name, search] = (location.hash.slice(1) || 'overview').split('?');
  const view = VIEWS[name] || overview;
  if (stop) stop();
  stop = null;
  d3.selectAll('#nav a').classed('active', function () { return this.dataset.view === name; });
  const main = d3.select('#view');
  main.selectAll('*').remove();
  main.attr('data-view', name);
  document.getElementById('status').textContent = '';
  stop = view(main, new URLSearchParams(search || '')) || null;
}

if (!window.d3) {
  document.getElementById('view').textContent = 'D3 did not load (vendor/d3.min.js); the dashboard cannot draw charts.';
} else {
  window.addEventListener('hashchange', show);
  show();
}
