import { get, post, query } from '../api.js';
import { badge, card, empty, error, table, time } from '../ui.js';

/** Alerts: filter by state and rule, acknowledge or close, see the event behind an alert. */
export function alerts(main, params) {
  const form = main.append('form').attr('class', 'filters').on('submit', event => { event.preventDefault(); load(); });
  const state = form.append('label').text('State').append('select').attr('id', 'alert-state');
  state.selectAll('option').data(['', 'open', 'acknowledged', 'closed']).join('option').attr('value', d => d).text(d => d || 'any');
  const rule = form.append('label').text('Rule').append('input').attr('id', 'alert-rule').attr('placeholder', 'rule id contains');
  form.append('button').attr('type', 'submit').text('Filter');
  const list = card(main, 'Alerts', 'alert-list');
  const detail = main.append('div').attr('id', 'alert-detail');

  async function load() {
    list.selectAll(':not(h2)').remove();
    try {
      const items = await get(`/api/audit/alerts/items${query({ state: state.property('value'), limit: 500 })}`);
      const needle = rule.property('value').trim();
      const shown = needle ? items.filter(a => a.rule_id.includes(needle)) : items;
      if (shown.length === 0) { empty(list, 'No alerts match.'); return; }
      table(list, [
        ['time', a => time(a.event_time)],
        ['rule', a => a.rule_id],
        ['severity', (a, td) => { badge(td, a.severity, `sev-${a.severity}`); }],
        ['state', (a, td) => { td.attr('class', 'alert-state'); return a.state; }],
        ['key', a => a.key || ''],
        ['', (a, td) => actions(td, a)],
      ], shown, 'alerts-table').selectAll('tbody tr').attr('data-alert-id', a => a.id);
    } catch (err) {
      error(list, err);
    }
  }

  function actions(td, alert) {
    if (alert.state === 'open') td.append('button').attr('class', 'ack').text('Acknowledge').on('click', () => act(alert, 'acknowledge'));
    if (alert.state !== 'closed') td.append('button').attr('class', 'close').text('Close').on('click', () => act(alert, 'close'));
    td.append('button').attr('class', 'show').text('Event').on('click', () => show(alert));
  }

  async function act(alert, action) {
    try {
      await post(`/api/audit/alerts/items/${encodeURIComponent(alert.id)}/${action}`);
      await load();
    } catch (err) {
      error(list, err);
    }
  }

  function show(alert) {
    detail.selectAll('*').remove();
    const box = card(detail, `Event behind ${alert.id}`, 'alert-event');
    box.append('pre').text(JSON.stringify(alert.event, null, 2));
    box.append('a').attr('href', `#events?rule=${encodeURIComponent(alert.rule_id)}`).text(`All events that hit ${alert.rule_id}`);
  }

  if (params.get('state')) state.property('value', params.get('state'));
  load();
}
