import { get, query } from '../api.js';
import { card, empty, error, table, time } from '../ui.js';

const FIELDS = ['component', 'operation', 'algorithm', 'status', 'client_id', 'key_id', 'rule'];
const PAGE = 50;

/** Event search: field filters, a time range, free text; newest first, paged. */
export function events(main, params) {
  const form = main.append('form').attr('class', 'filters').attr('id', 'event-search');
  const inputs = {};
  for (const field of FIELDS) {
    inputs[field] = form.append('label').text(field).append('input').attr('name', field).attr('id', `f-${field}`)
      .property('value', params.get(field) || '');
  }
  inputs.from = form.append('label').text('from (UTC)').append('input').attr('type', 'datetime-local').attr('id', 'f-from');
  inputs.to = form.append('label').text('to (UTC)').append('input').attr('type', 'datetime-local').attr('id', 'f-to');
  inputs.q = form.append('label').text('text').append('input').attr('id', 'f-q').attr('placeholder', 'free text')
    .property('value', params.get('q') || '');
  form.append('button').attr('type', 'submit').attr('id', 'search').text('Search');
  const results = card(main, 'Events', 'event-results');
  let offset = 0;
  form.on('submit', event => { event.preventDefault(); offset = 0; load(); });

  async function load() {
    results.selectAll(':not(h2)').remove();
    const params = { offset, limit: PAGE };
    for (const field of FIELDS) params[field] = inputs[field].property('value').trim();
    params.q = inputs.q.property('value').trim();
    for (const end of ['from', 'to']) {
      const value = inputs[end].property('value');
      if (value) params[end] = new Date(`${value}Z`).toISOString();
    }
    try {
      const page = await get(`/api/audit/events${query(params)}`);
      results.append('div').attr('class', 'muted').attr('id', 'event-total').text(`${page.total} events`);
      if (page.events.length === 0) { empty(results, 'No events match.'); return; }
      table(results, [
        ['time', e => time(e.timestamp)], ['component', e => e.component], ['operation', e => e.operation],
        ['algorithm', e => e.algorithm], ['status', e => e.status], ['client', e => e.client_id],
        ['rules', e => (e.rules || []).join(' ')], ['id', e => e._id],
      ], page.events, 'events-table');
      const pager = results.append('div');
      if (offset > 0) pager.append('button').text('Newer').on('click', () => { offset = Math.max(0, offset - PAGE); load(); });
      if (offset + PAGE < Math.min(page.total, 10000)) pager.append('button').text('Older').on('click', () => { offset += PAGE; load(); });
    } catch (err) {
      error(results, err);
    }
  }

  load();
}
