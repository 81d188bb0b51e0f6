import { get, query } from '../api.js';
import { dots } from '../charts.js';
import { badge, card, empty, error, rangeSelect, table, time } from '../ui.js';

/** Anomalies: grades over time with each event's explanation (from the anomaly stage's fields). */
export function anomalies(main) {
  withRange(main, '24h', async (body, range) => {
    const data = await get(`/api/audit/anomalies${query({ range })}`);
    const box = card(body, `Anomalies (${data.total})`, 'anomalies');
    if (data.anomalies.length === 0) { empty(box, 'No anomalous events in this range.'); return; }
    dots(box, data.anomalies, 'chart-anomalies');
    table(box, [['time', a => time(a.timestamp)], ['grade', a => a.grade.toFixed(2)], ['score', a => a.score.toFixed(2)],
      ['component', a => a.component], ['client', a => a.client_id], ['explanation', a => a.explanation]], data.anomalies);
  });
}

/** Compliance: each control of the loaded packs, passing or failing, with its rules and evidence. */
export function compliance(main) {
  withRange(main, '24h', async (body, range) => {
    const data = await get(`/api/audit/compliance${query({ range })}`);
    const box = card(body, 'Compliance controls', 'compliance');
    if (data.controls.length === 0) { empty(box, 'No loaded rule carries a compliance tag.'); return; }
    table(box, [
      ['control', c => c.control],
      ['status', (c, td) => { badge(td, c.status, c.status); }],
      ['rules', (c, td) => { for (const r of c.rules) td.append('div').text(`${r.rule_id}: ${r.count} alerts`); }],
      ['evidence', (c, td) => {
        if (c.evidence.length === 0) td.append('span').attr('class', 'muted').text('none');
        for (const e of c.evidence) td.append('div').text(`${e.alert_id} (${e.state}) ${e.summary}`);
      }],
    ], data.controls, 'compliance-table').selectAll('tbody tr').attr('data-control', c => c.control);
  });
}

/** Crypto inventory: algorithms per component and client; quantum-vulnerable ones flagged with NIST IR 8547 dates. */
export function inventory(main) {
  withRange(main, '30d', async (body, range) => {
    const data = await get(`/api/audit/inventory${query({ range })}`);
    const box = card(body, `Crypto inventory (${data.flagged} flagged)`, 'inventory');
    const links = box.append('div');
    links.append('a').attr('href', `/api/audit/cbom${query({ range })}`).text('CycloneDX CBOM');
    links.append('span').text(' · ');
    links.append('a').attr('href', `/api/audit/reports/pdf${query({ range })}`).text('PDF report');
    links.append('span').text(' · ');
    links.append('a').attr('href', `/api/audit/reports/csv${query({ range })}`).text('CSV report');
    if (data.entries.length === 0) { empty(box, 'No cryptographic operations observed in this range.'); return; }
    table(box, [
      ['component', e => e.component], ['algorithm', e => e.name], ['kind', e => e.kind],
      ['status', (e, td) => { badge(td, e.status, e.flagged ? 'flagged' : e.status === 'post-quantum' ? 'safe' : 'neutral'); }],
      ['NIST IR 8547', e => e.nist_ir_8547_deprecated_after
        ? `deprecated after ${e.nist_ir_8547_deprecated_after.slice(0, 4)}, disallowed after ${e.nist_ir_8547_disallowed_after.slice(0, 4)}` : ''],
      ['events', e => e.events], ['clients', e => e.clients.join(', ')], ['keys', e => e.key_ids.join(', ')],
      ['operations', e => e.operations.join(', ')],
    ], data.entries, 'inventory-table');
  });
}

function withRange(main, initial, render) {
  const controls = main.append('div').attr('class', 'stats');
  const body = main.append('div');
  async function load(range) {
    body.selectAll('*').remove();
    try {
      await render(body, range);
    } catch (err) {
      error(body, err);
    }
  }
  rangeSelect(controls, initial, load);
  load(initial);
}
