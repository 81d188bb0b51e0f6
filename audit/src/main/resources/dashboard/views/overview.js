import { get, query } from '../api.js';
import { bars, line, stacked } from '../charts.js';
import { card, empty, error, rangeSelect, table } from '../ui.js';

const REFRESH_MS = 5000;
let range = '24h';

/** Overview: live rate, alerts by rule, alerts over time by severity, events over time, top clients/components. */
export function overview(main) {
  const controls = main.append('div').attr('class', 'stats');
  rangeSelect(controls, range, value => { range = value; refresh(); });
  const body = main.append('div').attr('id', 'overview-body');
  let lastHealth = null;
  let rate = null;

  async function refresh() {
    try {
      const [data, health] = await Promise.all([get(`/api/audit/overview${query({ range })}`), get('/health')]);
      const now = performance.now();
      // Events per second right now: the processed counter's change since the previous refresh.
      if (lastHealth) rate = (health.processed_events - lastHealth.count) * 1000 / (now - lastHealth.at);
      lastHealth = { count: health.processed_events, at: now };
      render(body, data, health, rate);
      document.getElementById('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
    } catch (err) {
      body.selectAll('*').remove();
      error(body, err);
    }
  }

  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}

function render(body, data, health, rate) {
  body.selectAll('*').remove();
  const stats = body.append('div').attr('class', 'stats');
  stat(stats, 'events/s (live)', rate === null ? '…' : rate.toFixed(1), 'stat-rate');
  stat(stats, 'events processed', health.processed_events, 'stat-processed');
  const alertTotal = data.alerts_by_rule.reduce((sum, r) => sum + r.count, 0);
  stat(stats, `alerts (${range})`, alertTotal, 'stat-alerts');
  stat(stats, 'pending', health.pending_events, 'stat-pending');

  const grid = body.append('div').attr('class', 'grid');
  const byRule = card(grid, `Alerts by rule (${range})`, 'alerts-by-rule');
  if (data.alerts_by_rule.length === 0) empty(byRule, 'No alerts in this range.');
  else bars(byRule, data.alerts_by_rule.map(r => ({ label: r.rule_id, value: r.count, severity: r.severity })), 'chart-alerts-by-rule');

  const overTime = card(grid, 'Alerts over time by severity', 'alerts-over-time');
  if (alertTotal === 0) empty(overTime, 'No alerts in this range.');
  else stacked(overTime, data.alerts_over_time, 'chart-alerts-over-time');

  const eventsCard = card(grid, `Events per second (${data.bucket_seconds}s buckets)`, 'events-over-time');
  if (data.sample.events === 0) empty(eventsCard, 'No events in this range.');
  else {
    line(eventsCard, data.events_over_time.map(p => ({ start: p.start, value: p.per_second })), 'chart-events');
    if (data.sample.truncated) eventsCard.append('div').attr('class', 'muted').text(`From the newest ${data.sample.events} events.`);
  }

  const tops = card(grid, 'Top clients and components', 'tops');
  if (data.top_clients.length === 0) empty(tops, 'No events in this range.');
  else {
    table(tops, [['client', r => r.name], ['events', r => r.count]], data.top_clients, 'top-clients');
    table(tops, [['component', r => r.name], ['events', r => r.count]], data.top_components, 'top-components');
  }
}

function stat(parent, label, value, id) {
  const box = parent.append('div').attr('class', 'stat').attr('id', id);
  box.append('div').attr('class', 'value').text(value);
  box.append('div').attr('class', 'muted').text(label);
}
