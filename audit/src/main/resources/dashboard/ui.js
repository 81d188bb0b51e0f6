// Small DOM helpers over D3 selections: text is always set with .text(), never as HTML,
// because event fields come from producers and must not become markup.
const d3 = window.d3;

export function card(parent, title, id) {
  const section = parent.append('section').attr('class', 'card');
  if (id) section.attr('id', id);
  section.append('h2').text(title);
  return section;
}

export function empty(parent, message) {
  parent.append('div').attr('class', 'empty').text(message);
}

export function error(parent, err) {
  parent.append('div').attr('class', 'error').attr('role', 'alert').text(`Could not load: ${err.message}`);
}

export function badge(parent, text, cls) {
  return parent.append('span').attr('class', `badge ${cls}`).text(text);
}

/** A table from rows; columns are [header, (row, td) => void | string]. */
export function table(parent, columns, rows, cls) {
  const tableEl = parent.append('table');
  if (cls) tableEl.attr('class', cls);
  tableEl.append('thead').append('tr').selectAll('th').data(columns).join('th').text(c => c[0]);
  const tr = tableEl.append('tbody').selectAll('tr').data(rows).join('tr');
  columns.forEach(([, render]) => {
    tr.append('td').each(function (row) {
      const value = render(row, d3.select(this));
      if (value !== undefined) d3.select(this).text(value);
    });
  });
  return tableEl;
}

export function rangeSelect(parent, current, onChange) {
  const label = parent.append('label').text('Range ');
  const select = label.append('select').attr('id', 'range');
  select.selectAll('option').data(['15m', '1h', '24h', '7d', '30d']).join('option')
    .attr('value', d => d).property('selected', d => d === current).text(d => d);
  select.on('change', event => onChange(event.target.value));
  return label;
}

export function time(text) {
  if (!text || text === 'null') return '';
  return text.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
