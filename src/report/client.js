// The report page's behaviour: charts (vega-embed), searchable and sortable tables, and the
// provenance panel. Inlined into report.html by src/report/html.ts; it reads the data the page
// carries in <script type="application/json"> elements and never touches the network.
/* global vegaEmbed */
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('report-data').textContent);
  const specs = JSON.parse(document.getElementById('report-specs').textContent);
  const PAGE = 200;

  // ------------------------------------------------------------------ lookups
  const entityById = new Map(data.entities.map((e) => [e.id, e]));
  const mentionById = new Map(data.mentions.map((m) => [m.id, m]));
  const records = new Map();
  for (const r of data.commitments) records.set(r.id, { kind: 'commitment', r });
  for (const r of data.dates) records.set(r.id, { kind: 'date', r });
  for (const r of data.mentions) records.set(r.id, { kind: 'mention', r });
  for (const r of data.entities) records.set(r.id, { kind: 'entity', r });
  const docOf = (r) => data.documents[r.doc] || { title: '', source: '?', published: '', publisher: '', url: '', id: '' };
  const docLabel = (d) => d.title || d.source;
  const entityName = (id) => (entityById.get(id) || {}).name || id;

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const chip = (text, cls) => el('span', { class: `chip ${cls || ''}` }, text);
  const modalityChip = (m, negated) => (negated ? chip(`not ${m}`, 'neg') : chip(m, m));

  // ------------------------------------------------------------------ passages
  /** The record's passage as [before, span, after], exact when the source file was read. */
  function passageParts(r) {
    if (r.p) {
      const text = data.passages[r.p[0]];
      return { exact: true, before: text.slice(0, r.p[1]), span: text.slice(r.p[1], r.p[2]), after: text.slice(r.p[2]) };
    }
    // No source file: the sentence from the table, with the first place the text occurs in it.
    const sentence = r.sentence || '';
    const needle = r.text.replace(/\s+/g, ' ');
    const at = sentence.indexOf(needle);
    if (at < 0) return { exact: false, before: sentence, span: '', after: '' };
    return { exact: false, before: sentence.slice(0, at), span: needle, after: sentence.slice(at + needle.length) };
  }

  function passageBlock(r) {
    const p = passageParts(r);
    const block = el('blockquote', { class: `passage${p.exact ? '' : ' approx'}`, 'data-testid': 'passage' }, p.before, p.span ? el('mark', {}, p.span) : null, p.after);
    const warn = p.exact ? null : el('div', { class: 'warn' }, 'Source file not available: this is the sentence as the table records it, with the first occurrence of the text marked.');
    return [block, warn];
  }

  /** A short piece of the passage around the span, for lists. */
  function snippet(r, reach) {
    const p = passageParts(r);
    const before = p.before.length > reach ? `…${p.before.slice(p.before.length - reach).replace(/^\S*\s/, '')}` : p.before;
    const after = p.after.length > reach ? `${p.after.slice(0, reach).replace(/\s\S*$/, '')}…` : p.after;
    return [before.replace(/\s+/g, ' '), el('mark', {}, p.span), after.replace(/\s+/g, ' ')];
  }

  // ------------------------------------------------------------------ provenance panel
  const panel = document.getElementById('provenance');
  const KIND_LABEL = { commitment: 'Commitment', date: 'Date', mention: 'Mention', entity: 'Entity' };

  function ruleBlock(id, entry) {
    const info = data.rules[id] || { id };
    const why = info.reason || info.note || '';
    const where = info.reason
      ? `Defined in ${info.file}`
      : info.module
        ? `Code rule, produced by ${info.module}`
        : 'Not found in rules/ or the source code (the rules may have changed since this run).';
    return el(
      'div',
      { class: 'rule', 'data-testid': 'rule' },
      el('code', {}, id),
      why ? el('div', {}, why) : null,
      el('div', { class: 'where' }, where),
      entry ? el('div', { class: 'where' }, `Matched the entry ${entry}`) : null,
    );
  }

  function sourceFields(r) {
    const d = docOf(r);
    return el(
      'dl',
      { class: 'fields' },
      el('dt', {}, 'document'),
      el('dd', {}, d.title || el('span', { class: 'hint' }, '(no title)')),
      el('dt', {}, 'source file'),
      el('dd', { class: 'mono' }, d.source),
      d.published ? [el('dt', {}, 'published'), el('dd', {}, d.published)] : null,
      d.publisher ? [el('dt', {}, 'publisher'), el('dd', {}, d.publisher)] : null,
      d.url ? [el('dt', {}, 'url'), el('dd', {}, el('a', { href: d.url, target: '_blank', rel: 'noopener noreferrer' }, d.url))] : null,
      el('dt', {}, 'span'),
      el('dd', { class: 'mono' }, `code points ${r.start}–${r.end}`),
    );
  }

  function fieldList(pairs) {
    const dl = el('dl', { class: 'fields' });
    for (const [k, v] of pairs) {
      if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length)) continue;
      dl.append(el('dt', {}, k), el('dd', {}, v instanceof Node || Array.isArray(v) ? v : String(v)));
    }
    return dl;
  }

  const entityChip = (id, label) =>
    entityById.has(id)
      ? el('span', { class: 'chip link', role: 'button', tabindex: 0, onclick: () => select(id), onkeydown: (e) => e.key === 'Enter' && select(id) }, label)
      : chip(label);

  function renderSpanRecord(kind, r) {
    const parts = [];
    if (kind === 'commitment') {
      parts.push(el('div', { class: 'headline' }, `${r.actorNames.join(', ') || '(no actor found)'} — ${r.trigger} ${r.action}`));
    } else if (kind === 'date') {
      parts.push(el('div', { class: 'headline' }, `“${r.text}” → ${r.value || '(no value)'}`));
    } else {
      parts.push(el('div', { class: 'headline' }, `“${r.text}” → `, entityChip(r.entity, entityName(r.entity))));
    }
    parts.push(el('section', {}, el('h3', {}, 'Source passage'), passageBlock(r)));
    parts.push(el('section', {}, el('h3', {}, 'Where it comes from'), sourceFields(r)));
    parts.push(el('section', {}, el('h3', {}, 'Rule'), ruleBlock(r.rule, r.entry)));
    let fields;
    if (kind === 'commitment') {
      fields = [
        ['modality', modalityChip(r.modality, r.negated)],
        ['actors', r.actors.map((id, i) => [entityChip(id, r.actorNames[i] || id), ' '])],
        ['trigger', r.trigger],
        ['action', r.action],
        ['object', r.object],
        ['amount', r.amount],
        ['due', r.due],
        ['timeline date', r.when ? `${r.when} (${r.basis === 'due' ? 'due date' : 'publication date'})` : ''],
        ['CAMEO code', r.code],
        ['negated', r.negated ? 'yes: not a commitment' : ''],
      ];
    } else if (kind === 'date') {
      fields = [
        ['value', r.value],
        ['granularity', r.granularity],
        ['inferred', r.inferred ? 'yes: part of the value was not stated' : 'no'],
      ];
    } else {
      fields = [
        ['type', chip(r.type, r.type)],
        ['entity', entityChip(r.entity, entityName(r.entity))],
        ['roles', r.roles.join(', ')],
      ];
    }
    parts.push(el('section', {}, el('h3', {}, 'Record'), fieldList(fields)));
    return parts;
  }

  function renderEntity(e) {
    const parts = [el('div', { class: 'headline' }, e.name, ' ', chip(e.type, e.type))];
    parts.push(
      el(
        'section',
        {},
        el('h3', {}, 'Record'),
        fieldList([
          ['aliases', e.aliases.join(', ')],
          ['roles', e.roles.join(', ')],
          ['country', e.country],
          ['mentions', `${e.mentions} in ${e.docs} document${e.docs === 1 ? '' : 's'}`],
        ]),
      ),
    );
    parts.push(
      el(
        'section',
        {},
        el('h3', {}, 'Merge rules that joined its mentions'),
        e.mergeRules.length ? e.mergeRules.map((id) => ruleBlock(id)) : el('div', { class: 'hint' }, 'None: every mention had the same form.'),
      ),
    );
    const list = el('ul', { class: 'mentions-list' });
    const mentions = e.mentionIds.map((id) => mentionById.get(id)).filter(Boolean);
    const show = (n) => {
      list.replaceChildren(
        ...mentions.slice(0, n).map((m) =>
          el(
            'li',
            { tabindex: 0, 'data-id': m.id, onclick: () => select(m.id), onkeydown: (ev) => ev.key === 'Enter' && select(m.id) },
            el('div', {}, snippet(m, 90)),
            el('div', { class: 'src' }, `${docLabel(docOf(m))} · ${m.rule}`),
          ),
        ),
      );
    };
    show(20);
    const heading = mentions.length < e.mentions ? `Mentions (${mentions.length} of ${e.mentions} in this report)` : `Mentions (${e.mentions})`;
    const more = mentions.length > 20 ? el('button', { class: 'plain more', onclick: (ev) => { show(mentions.length); ev.target.remove(); } }, `Show all ${mentions.length}`) : null;
    parts.push(el('section', {}, el('h3', {}, heading), list, more));
    return parts;
  }

  let selectedId = null;
  function select(id, fromHash) {
    const found = records.get(id);
    if (!found) return;
    selectedId = id;
    const { kind, r } = found;
    const body = kind === 'entity' ? renderEntity(r) : renderSpanRecord(kind, r);
    panel.replaceChildren(
      el('div', { class: 'kind' }, el('h2', {}, KIND_LABEL[kind]), el('code', { 'data-testid': 'selected-id' }, id)),
      ...body,
      el('div', { class: 'cli' }, 'In a terminal: ', el('code', {}, `npm start -- explain ${id}`)),
    );
    panel.scrollTop = 0;
    // A long passage scrolls inside its box so the highlighted span is in view.
    const quote = panel.querySelector('blockquote.passage');
    const mark = quote && quote.querySelector('mark');
    if (mark && quote.scrollHeight > quote.clientHeight) quote.scrollTop = Math.max(0, mark.offsetTop - 48);
    panel.dataset.selected = id;
    for (const t of Object.values(tables)) t.markSelected(id);
    if (!fromHash) history.replaceState(null, '', `#${id}`);
  }

  // ------------------------------------------------------------------ tables
  /** Search ignores case and accents: "ha noi" finds "Hà Nội". */
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const num = (v) => (typeof v === 'number' ? v : Number.NaN);
  const tables = {};

  function makeTable(name, rows, columns) {
    const root = document.getElementById(`table-${name}`);
    const search = el('input', { type: 'search', id: `${name}-search`, placeholder: `Search ${name}…`, 'aria-label': `Search ${name}`, autocomplete: 'off' });
    const shown = el('span', { class: 'shown', 'data-testid': `${name}-shown` });
    const filterSlot = el('span');
    const thead = el('thead');
    const tbody = el('tbody');
    const more = el('div', { class: 'more' });
    root.append(el('div', { class: 'toolbar' }, search, filterSlot, shown), el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: `${name}-table` }, thead, tbody)), more);
    const texts = rows.map((r) => fold(columns.map((c) => String(c.get(r) ?? '')).join(' \u0001 ')));
    let sort = null; // { col, dir }
    let filter = null; // { label, test }
    let limit = PAGE;
    const ths = columns.map((c, i) =>
      el('th', { scope: 'col', title: c.title || `Sort by ${c.label}`, onclick: () => { sort = sort && sort.col === i ? { col: i, dir: -sort.dir } : { col: i, dir: c.num ? -1 : 1 }; render(); } }, c.label),
    );
    thead.append(el('tr', {}, ths));

    function visible() {
      const terms = fold(search.value).split(/\s+/).filter(Boolean);
      let idx = rows.map((_, i) => i).filter((i) => terms.every((t) => texts[i].includes(t)) && (!filter || filter.test(rows[i])));
      if (sort) {
        const c = columns[sort.col];
        const key = c.sortKey || c.get;
        idx = idx.sort((a, b) => {
          const x = key(rows[a]);
          const y = key(rows[b]);
          const cmp = c.num ? num(x) - num(y) : String(x ?? '').localeCompare(String(y ?? ''), 'en', { numeric: true, sensitivity: 'base' });
          return cmp * sort.dir || a - b;
        });
      }
      return idx;
    }

    function render() {
      const idx = visible();
      ths.forEach((th, i) => th.setAttribute('aria-sort', sort && sort.col === i ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none'));
      tbody.replaceChildren(
        ...idx.slice(0, limit).map((i) => {
          const r = rows[i];
          const id = r.id;
          return el(
            'tr',
            { 'data-id': id, tabindex: 0, class: id === selectedId ? 'selected' : null, onclick: () => select(id), onkeydown: (e) => e.key === 'Enter' && select(id) },
            columns.map((c) => el('td', { class: c.cls }, c.render ? c.render(r) : String(c.get(r) ?? ''))),
          );
        }),
      );
      shown.textContent = idx.length === rows.length ? `${rows.length} rows` : `${idx.length} of ${rows.length} rows`;
      more.replaceChildren(idx.length > limit ? el('button', { class: 'plain', onclick: () => { limit = Infinity; render(); } }, `Show all ${idx.length} rows (${idx.length - limit} more)`) : '');
    }

    search.addEventListener('input', () => {
      limit = PAGE;
      render();
    });
    render();
    return {
      setFilter(label, test) {
        filter = label ? { label, test } : null;
        filterSlot.replaceChildren(filter ? el('span', { class: 'filter', 'data-testid': `${name}-filter` }, label, el('button', { title: 'Clear this filter', 'aria-label': 'Clear filter', onclick: () => this.setFilter(null) }, '×')) : '');
        limit = PAGE;
        render();
      },
      markSelected(id) {
        for (const tr of tbody.querySelectorAll('tr')) tr.classList.toggle('selected', tr.dataset.id === id);
      },
    };
  }

  const linkCell = (text) => el('span', {}, text);
  const docCell = (r) => {
    const d = docOf(r);
    return el('div', { class: 'ellipsis', title: `${docLabel(d)}\n${d.source}` }, docLabel(d));
  };
  tables.commitments = makeTable('commitments', data.commitments, [
    { label: 'Date', get: (r) => r.when, cls: 'nowrap', title: 'Due date when stated, else the publication date' },
    { label: 'Actors', get: (r) => r.actorNames.join(', '), cls: 'clip' },
    { label: 'Modality', get: (r) => (r.negated ? `not ${r.modality}` : r.modality), render: (r) => modalityChip(r.modality, r.negated) },
    {
      label: 'Commitment',
      get: (r) => [r.trigger, r.action, r.amount, r.due && `due ${r.due}`].filter(Boolean).join(' '),
      cls: 'wide',
      render: (r) =>
        el(
          'span',
          {},
          el('b', {}, r.trigger),
          ' ',
          r.action,
          r.amount && r.amount !== r.action ? [' ', el('span', { class: 'tag' }, r.amount)] : null,
          r.due ? [' ', el('span', { class: 'tag' }, `due ${r.due}`)] : null,
        ),
    },
    { label: 'Document', get: (r) => docLabel(docOf(r)), cls: 'doc', render: docCell },
    { label: 'Rule', get: (r) => r.rule, cls: 'mono nowrap' },
  ]);
  tables.entities = makeTable('entities', data.entities, [
    { label: 'Name', get: (r) => r.name, render: (r) => el('b', {}, r.name) },
    { label: 'Type', get: (r) => r.type, render: (r) => chip(r.type, r.type) },
    { label: 'Mentions', get: (r) => r.mentions, num: true, cls: 'num' },
    { label: 'Documents', get: (r) => r.docs, num: true, cls: 'num' },
    { label: 'Aliases', get: (r) => r.aliases.join(', '), cls: 'clip' },
    { label: 'Roles', get: (r) => r.roles.join(', '), cls: 'clip' },
    { label: 'Country', get: (r) => r.country },
    { label: 'Merge rules', get: (r) => r.mergeRules.join(', '), cls: 'mono' },
  ]);
  tables.dates = makeTable('dates', data.dates, [
    { label: 'Text', get: (r) => r.text, render: (r) => el('b', {}, r.text) },
    { label: 'Value', get: (r) => r.value, cls: 'mono nowrap' },
    { label: 'Granularity', get: (r) => r.granularity },
    { label: 'Inferred', get: (r) => (r.inferred ? 'inferred' : '') },
    { label: 'Document', get: (r) => docLabel(docOf(r)), cls: 'doc', render: docCell },
    { label: 'Rule', get: (r) => r.rule, cls: 'mono nowrap' },
  ]);
  tables.mentions = makeTable('mentions', data.mentions, [
    { label: 'Text', get: (r) => r.text, render: (r) => el('b', {}, r.text) },
    { label: 'Type', get: (r) => r.type, render: (r) => chip(r.type, r.type) },
    { label: 'Entity', get: (r) => entityName(r.entity), render: (r) => linkCell(entityName(r.entity)) },
    { label: 'Roles', get: (r) => r.roles.join(', ') },
    { label: 'Document', get: (r) => docLabel(docOf(r)), cls: 'doc', render: docCell },
    { label: 'Rule', get: (r) => r.rule, cls: 'mono nowrap' },
  ]);

  // Tabs
  const tabButtons = document.querySelectorAll('.tabs button');
  function showTab(name) {
    for (const b of tabButtons) {
      const on = b.dataset.tab === name;
      b.setAttribute('aria-selected', String(on));
      document.getElementById(b.getAttribute('aria-controls')).hidden = !on;
    }
  }
  for (const b of tabButtons) b.addEventListener('click', () => showTab(b.dataset.tab));

  function focusTable(name) {
    showTab(name);
    document.getElementById('tables').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  // ------------------------------------------------------------------ charts
  const onClick = {
    timeline: (d) => {
      if (!d.day) return;
      const basis = d.basis === 'due' ? 'due' : 'published';
      const label = `${d.modality} on ${d.day} (${d.basisLabel})`;
      const rows = data.commitments.filter((r) => !r.negated && r.when === d.day && r.modality === d.modality && r.basis === basis);
      tables.commitments.setFilter(label, (r) => rows.includes(r));
      if (rows.length === 1) select(rows[0].id);
      else focusTable('commitments');
    },
    perActor: (d) => {
      if (d.actor === undefined) return;
      const label = d.actor ? `actor: ${d.label}` : 'no actor found';
      tables.commitments.setFilter(label, (r) => (d.actor ? r.actors.includes(d.actor) : !r.actors.length));
      focusTable('commitments');
      if (d.actor) select(d.actor);
    },
    cooccurrence: (d) => {
      if (!d.a) return;
      tables.commitments.setFilter(`actors: ${d.aLabel} + ${d.bLabel}`, (r) => r.actors.includes(d.a) && r.actors.includes(d.b));
      focusTable('commitments');
    },
    people: (d) => d.entity && select(d.entity),
    organizations: (d) => d.entity && select(d.entity),
  };

  const rendered = [];
  for (const [name, spec] of Object.entries(specs)) {
    const host = document.querySelector(`[data-chart="${name}"]`);
    if (!host) continue;
    if (!spec) {
      host.replaceChildren(el('div', { class: 'empty' }, host.dataset.empty || 'Nothing to show.'));
      host.dataset.rendered = 'empty';
      continue;
    }
    rendered.push(
      vegaEmbed(host, spec, { actions: false, renderer: 'svg', tooltip: { theme: 'light' } })
        .then((res) => {
          res.view.addEventListener('click', (_event, item) => {
            if (item && item.datum && onClick[name]) onClick[name](item.datum);
          });
          host.dataset.rendered = 'true';
        })
        .catch((err) => {
          host.replaceChildren(el('div', { class: 'empty' }, `Chart failed: ${err.message}`));
          host.dataset.rendered = 'error';
        }),
    );
  }
  Promise.all(rendered).then(() => {
    document.body.dataset.ready = 'true';
  });

  // Deep link: report.html#C70be4f598e06 opens that record.
  const openFromHash = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id && records.has(id) && id !== selectedId) select(id, true);
  };
  window.addEventListener('hashchange', openFromHash);
  openFromHash();
})();
