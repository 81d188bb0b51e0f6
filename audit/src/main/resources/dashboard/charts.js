// Charts drawn with D3 into SVG. Every mark carries data-* attributes with its value, so the
// browser tests (and a person with the inspector) can read the numbers behind the picture.
const d3 = window.d3;
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const COLORS = { critical: '#7f1d1d', high: '#dc2626', medium: '#f59e0b', low: '#2563eb', info: '#6b7280' };

/** Horizontal bars: rows of {label, value, severity}. */
export function bars(parent, rows, id) {
  const width = 520, barHeight = 22, labelWidth = 220;
  const max = d3.max(rows, r => r.value) || 1;
  const x = d3.scaleLinear().domain([0, max]).range([0, width - labelWidth - 50]);
  const svg = frame(parent, id, width, rows.length * barHeight + 6).attr('role', 'img');
  const row = svg.selectAll('g').data(rows).join('g').attr('class', 'bar')
    .attr('data-rule', r => r.label).attr('data-count', r => r.value)
    .attr('transform', (r, i) => `translate(0, ${i * barHeight + 3})`);
  row.append('text').attr('x', 0).attr('y', 14).text(r => r.label.length > 34 ? r.label.slice(0, 33) + '…' : r.label)
    .append('title').text(r => r.label);
  row.append('rect').attr('x', labelWidth).attr('height', barHeight - 6).attr('width', r => Math.max(1, x(r.value)))
    .attr('fill', r => COLORS[r.severity] || COLORS.info);
  row.append('text').attr('class', 'count').attr('x', r => labelWidth + x(r.value) + 4).attr('y', 14).text(r => r.value);
  return svg;
}

/** Stacked columns over time: points of {start, critical, high, ...}. */
export function stacked(parent, points, id) {
  const width = 520, height = 160, margin = { top: 6, right: 8, bottom: 22, left: 34 };
  const svg = frame(parent, id, width, height);
  const x = d3.scaleBand().domain(points.map(p => p.start)).range([margin.left, width - margin.right]).padding(0.1);
  const totals = points.map(p => SEVERITIES.reduce((sum, s) => sum + p[s], 0));
  const y = d3.scaleLinear().domain([0, d3.max(totals) || 1]).nice().range([height - margin.bottom, margin.top]);
  const series = d3.stack().keys([...SEVERITIES].reverse())(points);
  svg.append('g').selectAll('g').data(series).join('g').attr('fill', s => COLORS[s.key]).attr('data-severity', s => s.key)
    .selectAll('rect').data(s => s).join('rect')
    .attr('x', d => x(d.data.start)).attr('width', x.bandwidth())
    .attr('y', d => y(d[1])).attr('height', d => y(d[0]) - y(d[1]))
    .attr('data-count', d => d[1] - d[0]);
  axes(svg, x, y, points, width, height, margin);
  return svg;
}

/** A line over time: points of {start, value}. */
export function line(parent, points, id) {
  const width = 520, height = 160, margin = { top: 6, right: 8, bottom: 22, left: 44 };
  const svg = frame(parent, id, width, height);
  const x = d3.scaleBand().domain(points.map(p => p.start)).range([margin.left, width - margin.right]);
  const y = d3.scaleLinear().domain([0, d3.max(points, p => p.value) || 1]).nice().range([height - margin.bottom, margin.top]);
  svg.append('path').datum(points).attr('fill', 'none').attr('stroke', '#1d4ed8').attr('stroke-width', 1.5)
    .attr('d', d3.line().x(p => x(p.start) + x.bandwidth() / 2).y(p => y(p.value)));
  axes(svg, x, y, points, width, height, margin);
  return svg;
}

/** Dots over time: points of {timestamp, grade, explanation}. */
export function dots(parent, points, id) {
  const width = 720, height = 180, margin = { top: 8, right: 8, bottom: 22, left: 34 };
  const svg = frame(parent, id, width, height);
  const times = points.map(p => new Date(p.timestamp));
  const x = d3.scaleTime().domain(d3.extent(times)).nice().range([margin.left, width - margin.right]);
  const y = d3.scaleLinear().domain([0, 1]).range([height - margin.bottom, margin.top]);
  svg.append('g').selectAll('circle').data(points).join('circle')
    .attr('cx', p => x(new Date(p.timestamp))).attr('cy', p => y(p.grade)).attr('r', 4)
    .attr('fill', p => p.grade > 0.7 ? COLORS.high : COLORS.medium).attr('data-grade', p => p.grade)
    .append('title').text(p => `${p.timestamp} grade ${p.grade.toFixed(2)}: ${p.explanation}`);
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(6));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(4));
  return svg;
}

/** Drawing coordinates are fixed; the viewBox scales them to the card's width. */
function frame(parent, id, width, height) {
  return parent.append('svg').attr('id', id).attr('viewBox', `0 0 ${width} ${height}`)
    .attr('preserveAspectRatio', 'xMinYMin meet').attr('class', 'chart');
}

function axes(svg, x, y, points, width, height, margin) {
  const every = Math.max(1, Math.ceil(points.length / 6));
  const format = d3.utcFormat('%H:%M');
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).tickValues(points.filter((p, i) => i % every === 0).map(p => p.start))
      .tickFormat(t => format(new Date(t))));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(4));
}
