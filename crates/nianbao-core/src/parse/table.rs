//! Stages 5–6: a table section's tokens aligned with the template's items, then rows and values.

use super::*;

// ------------------------------------------------------------------------------------------ tables

/// A text token with the value tokens that follow it.
pub(super) struct Obs<'a> {
    tok: &'a Token,
    values: &'a [Token],
}

/// The table of `region`; for a grid, with the tokens it was read from (a table of rows gives its
/// tokens to the row reader).
pub(super) fn read_table(
    reader: &Reader,
    text: &str,
    lines: &[Line],
    region: TextRange,
    tpl: &Template,
    table: &'static template::Table,
) -> (Table, Option<Vec<Token>>) {
    let mut tokens = tokenize(text, region, lines, reader);
    let placed = place_in_columns(text, region, &mut tokens, table);
    let mut out = Table {
        id: table.id.clone(),
        range: region,
        ..Table::default()
    };
    let grid_tokens = match table.shape {
        Shape::Grid => {
            read_grid(text, &tokens, tpl, table, &mut out);
            recover_grid_run(text, &tokens, tpl, table, &mut out);
            if out.confidence == Confidence::High {
                // (a run of digits cut one way: every value placed)
                out.unsure_rows.clear();
            }
            Some(tokens)
        }
        Shape::Rows => {
            let moved = values_moved_to_next_label(text, &tokens);
            read_rows(reader, text, tokens, placed, tpl, table, &mut out);
            if let Some(moved) = moved {
                out = values_before_or_after_labels(reader, text, moved, placed, tpl, table, out);
            }
            None
        }
    };
    distrust_failing_cuts(text, tpl, table, &mut out);
    if let (Some(first), Some(last)) = (out.rows.first(), out.rows.last()) {
        let start = out.markers.first().map_or(first.range.start(), |m| {
            m.range.start().min(first.range.start())
        });
        out.range = TextRange::new(start, last.range.end());
    }
    (out, grid_tokens)
}

pub(super) fn make_cell(src: &str, tok: &Token, column: &'static str) -> Cell {
    let value = match &tok.kind {
        TokKind::Value(v) => v.clone(),
        TokKind::Text => Value::Text,
    };
    // the empty-cell mark of extracted HTML reads as an empty cell
    let text = tok.text(src);
    let raw = if text.starts_with(crate::html::EMPTY_CELL)
        && text.len() == crate::html::EMPTY_CELL.len_utf8()
    {
        String::new()
    } else {
        text.to_string()
    };
    Cell {
        column,
        range: tok.range,
        raw,
        value,
    }
}

pub(super) fn read_grid(
    src: &str,
    tokens: &[Token],
    tpl: &Template,
    table: &'static template::Table,
    out: &mut Table,
) {
    let values: Vec<&Token> = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Value(_)))
        .collect();
    let rows: Vec<_> = table.rows().collect();
    let expected: usize = rows.iter().map(|r| r.columns.len()).sum();
    for t in tokens.iter().filter(|t| t.kind == TokKind::Text) {
        let text = t.text(src);
        let k: Vec<char> = key(text).chars().collect();
        let bits: Vec<u64> = k.iter().map(|&c| char_bit(c)).collect();
        let best = table
            .header
            .iter()
            .zip(&table.header_patterns)
            // (a header below 0.6 is not taken: no need to know how far below)
            .map(|(h, p)| {
                let bound = p.similarity_bound(&bits);
                (h, if bound < 0.6 { 0.0 } else { p.similarity(&k) })
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((h, s)) = best {
            if s >= 0.6 {
                out.markers.push(Marker {
                    label: text.to_string(),
                    standard: h,
                    range: t.range,
                    exact: text == h,
                    values: 0,
                    kind: ItemKind::Header,
                });
            }
        }
    }
    if values.is_empty() {
        out.confidence = Confidence::None;
        out.notes.push("表中没有找到数值".into());
        return;
    }
    // fewer values than cells in text laid out by columns: blank cells left as spaces, each value
    // placed under its column's header
    if values.len() < expected {
        if let Some(slots) = grid_in_columns(src, out.range, tokens, tpl, table) {
            out.confidence = Confidence::High;
            let mut slots = slots.into_iter();
            let at = values[0].range.start();
            for row in rows {
                let cells: Vec<Cell> = row
                    .columns
                    .iter()
                    .map(|c| match slots.next().flatten() {
                        Some(i) => make_cell(src, &tokens[i], c),
                        None => Cell {
                            column: c,
                            range: TextRange::empty(at),
                            raw: String::new(),
                            value: Value::Blank,
                        },
                    })
                    .collect();
                let range = cells
                    .iter()
                    .map(|c| c.range)
                    .reduce(|a, b| a.cover(b))
                    .unwrap_or(TextRange::empty(at));
                out.rows.push(Row {
                    run_together: None,
                    id: &row.id,
                    label: None,
                    cells,
                    extra_cells: Vec::new(),
                    range,
                });
            }
            return;
        }
    }
    if values.len() != expected {
        out.notes
            .push(format!("应有 {expected} 个数值，找到 {} 个", values.len()));
        out.confidence = Confidence::Low;
        // the values fill the rows in their order, but one more or one less anywhere moves every
        // value after it: no row's values are vouched for, whatever identities they keep (a row
        // of zeros keeps them all)
        out.unsure_rows = rows.iter().map(|r| r.id.as_str()).collect();
    } else {
        out.confidence = Confidence::High;
    }
    let mut it = values.iter();
    for row in rows {
        let cells: Vec<Cell> = row
            .columns
            .iter()
            .filter_map(|c| it.next().map(|t| make_cell(src, t, c)))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let range = TextRange::new(cells[0].range.start(), cells[cells.len() - 1].range.end());
        out.rows.push(Row {
            run_together: None,
            id: &row.id,
            label: None,
            cells,
            extra_cells: Vec::new(),
            range,
        });
    }
    if let Some(last) = out.rows.last_mut() {
        last.extra_cells = it.map(|t| make_cell(src, t, "")).collect();
    }
}

/// Real tables have well under a hundred text cells; beyond this the region is not a table.
pub(super) const MAX_TABLE_TOKENS: usize = 600;

/// The similarities of joins of fragments computed while reading one table (each join's place in
/// `join_sims`, as many as the table has items); the reader's memo holds them between tables.
#[derive(Default)]
pub(super) struct JoinSimilarities {
    joins: rustc_hash::FxHashMap<String, usize>,
    join_sims: Vec<f32>,
    /// The places (in `join_sims`) of the joins whose similarities were computed here, to be
    /// remembered by the reader.
    computed: Vec<usize>,
}

pub(super) const UNKNOWN_SIM: f32 = -1.0;

/// The similarities of one table's fragments with its items, for [`align`]: of single fragments
/// computed beforehand, of joins computed when first asked (and remembered by the reader).
struct FragmentSimilarities<'a> {
    /// `single[fragment * item_count + item]`.
    single: &'a [f32],
    item_count: usize,
    patterns: &'a [&'a [Pattern]],
    /// The fragments' keys, one after the other, and where each is.
    keys: &'a str,
    key_ranges: Vec<(usize, usize)>,
    memo: Option<&'a TableSimilarities>,
    joins: &'a mut JoinSimilarities,
    /// The join asked about last (first fragment, count), where its similarities are in
    /// `joins.join_sims`, and whether its characters are in `joined_chars`.
    current: Option<((usize, usize), usize, bool)>,
    joined_chars: Vec<char>,
    joined_bits: Vec<u64>,
    joined_key: String,
}

impl Similarities for FragmentSimilarities<'_> {
    fn single(&self, fragment: usize, item: usize) -> f32 {
        self.single[fragment * self.item_count + item]
    }

    fn joined(
        &mut self,
        first: usize,
        count: usize,
        item: usize,
        key_length: usize,
    ) -> Option<f32> {
        let patterns = self.patterns[item];
        // a join below 0.8 is not taken: no need to know how far below (the length bound first: it
        // bounds the character-set bound)
        if patterns
            .iter()
            .all(|p| max_similarity(p.len(), key_length) < 0.8)
        {
            return None;
        }
        let m = self.item_count;
        if self
            .current
            .is_none_or(|(join, _, _)| join != (first, count))
        {
            self.joined_key.clear();
            for f in first..first + count {
                let (a, b) = self.key_ranges[f];
                self.joined_key.push_str(&self.keys[a..b]);
            }
            let cache = &mut *self.joins;
            let at = match cache.joins.get(self.joined_key.as_str()) {
                Some(&at) => at,
                None => {
                    let at = cache.join_sims.len();
                    match self.memo.and_then(|c| c.joins.get(&self.joined_key)) {
                        Some(known) => cache.join_sims.extend_from_slice(&known),
                        None => cache.join_sims.resize(at + m, UNKNOWN_SIM),
                    }
                    cache.joins.insert(self.joined_key.clone(), at);
                    at
                }
            };
            self.current = Some(((first, count), at, false));
        }
        let Some((_, at, built)) = &mut self.current else {
            return None;
        };
        let known = &mut self.joins.join_sims[*at..*at + m];
        if known[item] == UNKNOWN_SIM {
            if !*built {
                self.joined_chars.clear();
                self.joined_chars.extend(self.joined_key.chars());
                self.joined_bits.clear();
                self.joined_bits
                    .extend(self.joined_chars.iter().map(|&c| char_bit(c)));
                *built = true;
            }
            if self.joins.computed.last() != Some(at) {
                self.joins.computed.push(*at);
            }
            // (0 where the character-set bound is below 0.8: such a join is not taken)
            known[item] = if patterns.iter().all(|p| {
                max_similarity(p.len(), key_length) < 0.8
                    || p.similarity_bound(&self.joined_bits) < 0.8
            }) {
                0.0
            } else {
                best_similarity(patterns, &self.joined_chars)
            };
        }
        Some(known[item])
    }
}

pub(super) fn best_similarity(patterns: &[Pattern], k: &[char]) -> f32 {
    patterns
        .iter()
        .filter(|p| max_similarity(p.len(), k.len()) >= 0.45)
        .map(|p| p.similarity(k))
        .fold(0.0, f32::max)
}

pub(super) fn read_rows(
    reader: &Reader,
    src: &str,
    tokens: Vec<Token>,
    placed: bool,
    tpl: &Template,
    table: &'static template::Table,
    out: &mut Table,
) {
    // group tokens: each text token with the values that follow it
    let texts: Vec<usize> = (0..tokens.len())
        .filter(|&i| matches!(tokens[i].kind, TokKind::Text))
        .collect();
    let leading: Vec<Token> = tokens[..texts.first().map_or(tokens.len(), |&i| i)].to_vec();
    let mut obs: Vec<Obs> = texts
        .iter()
        .enumerate()
        .map(|(x, &i)| Obs {
            tok: &tokens[i],
            values: &tokens[i + 1..texts.get(x + 1).map_or(tokens.len(), |&j| j)],
        })
        .collect();
    let items = &table.items;
    if obs.len() > MAX_TABLE_TOKENS {
        out.notes.push(format!(
            "表格区域有 {} 段文字，只读取前 {MAX_TABLE_TOKENS} 段",
            obs.len()
        ));
        obs.truncate(MAX_TABLE_TOKENS);
    }
    let (n, m) = (obs.len(), items.len());
    if n == 0 {
        out.confidence = Confidence::None;
        out.notes.push("没有找到表格内容".into());
        return;
    }
    // keys of fragments, and of joined fragments obs[i..i+k] (the key of a concatenation is the
    // concatenation of the keys, built only where a join is worth comparing): key_len[i][k-1] is the
    // length of that key, `None` where a fragment in between carries values or the joined text is
    // longer than any label
    // Per fragment: the number of characters of its key and of its text, and where its key is in
    // `keys` (all of them in one string); the key's characters are split out only where a similarity
    // has to be computed.
    let mut keys = String::new();
    let own: Vec<(usize, usize, (usize, usize))> = obs
        .iter()
        .map(|o| {
            let t = o.tok.text(src);
            let start = keys.len();
            crate::norm::push_key(&mut keys, t);
            let k = &keys[start..];
            (k.chars().count(), t.chars().count(), (start, keys.len()))
        })
        .collect();
    let key_of = |i: usize| &keys[own[i].2 .0..own[i].2 .1];
    let key_len: Vec<[Option<usize>; MAX_JOIN]> = (0..n)
        .map(|i| {
            std::array::from_fn(|k0| {
                let k = k0 + 1;
                // (a label wrapped over lines carries its values after one of its fragments: the
                // last, or the first or one in the middle in text out of PDFs, FORMAT.md §7.2/§7.3)
                if i + k > n
                    || obs[i..i + k]
                        .iter()
                        .filter(|o| !o.values.is_empty())
                        .count()
                        > 1
                {
                    return None;
                }
                let chars: usize = own[i..i + k].iter().map(|o| o.1).sum();
                (chars <= 120).then(|| own[i..i + k].iter().map(|o| o.0).sum())
            })
        })
        .collect();
    let joined = |i: usize, k: usize, buf: &mut Vec<char>| {
        buf.clear();
        for f in i..i + k {
            buf.extend(key_of(f).chars());
        }
    };
    let mut jbuf: Vec<char> = Vec::new();
    let memo = reader.similarities(table);
    let mut cache = JoinSimilarities::default();
    let patterns: Vec<&[Pattern]> = items.iter().map(|it| it.patterns.as_slice()).collect();
    let item_keys_len: Vec<usize> = patterns.iter().map(|p| p[0].len()).collect();
    // similarity of each single fragment with each item, computed once: single[i * m + j]
    let mut single = vec![0.0f32; n * m];
    // and, per fragment, the items it resembles (similarity ≥ 0.45, the only ones a single fragment
    // is matched with), in item order: resembling[resembles[i]..resembles[i + 1]]
    let mut resembling: Vec<usize> = Vec::new();
    let mut resembles: Vec<usize> = Vec::with_capacity(n + 1);
    let mut bits: Vec<u64> = Vec::new();
    for i in 0..n {
        resembles.push(resembling.len());
        if key_len[i][0].is_none() {
            continue;
        }
        let row = &mut single[i * m..(i + 1) * m];
        // a fragment whose key is exactly an item's key is that item (labels differing only in
        // punctuation, width and spacing — the common case): no need to compare it with the others
        if let Some(exact) = table.by_key.get(key_of(i)) {
            for &j in exact {
                row[j] = 1.0;
            }
        } else if let Some(known) = memo.and_then(|c| c.singles.get(key_of(i))) {
            row.copy_from_slice(&known);
        } else {
            let k: &[char] = &key_of(i).chars().collect::<Vec<char>>();
            // below 0.45 a fragment is as unlike an item as 0 (no transition uses such a value): the
            // character-set bound skips most comparisons
            bits.clear();
            bits.extend(k.iter().map(|&c| char_bit(c)));
            for (j, v) in row.iter_mut().enumerate() {
                if patterns[j].iter().any(|p| {
                    max_similarity(p.len(), k.len()) >= 0.45 && p.similarity_bound(&bits) >= 0.45
                }) {
                    *v = best_similarity(patterns[j], k);
                }
            }
            if let Some(memo) = memo {
                memo.singles.insert(key_of(i), (&*row).into());
            }
        }
        resembling.extend((0..m).filter(|&j| row[j] >= 0.45));
    }
    resembles.push(resembling.len());
    let single_of = |i: usize, j: usize| single[i * m + j];
    // what the alignment needs, read once: per fragment its number of values, the lengths of the
    // joins from it and the items it resembles; per item the cost of skipping it, the number of
    // values a row takes (`None` for a non-row line) and the length of its key
    let fragments: Vec<Fragment> = (0..n)
        .map(|i| Fragment {
            values: obs[i].values.len(),
            joined_key_lengths: key_len[i],
            resembling_items: &resembling[resembles[i]..resembles[i + 1]],
        })
        .collect();
    let align_items: Vec<AlignItem> = items
        .iter()
        .zip(&item_keys_len)
        .map(|(it, &key_length)| AlignItem {
            skip_cost: match it.kind {
                ItemKind::Header => 0.15,
                ItemKind::Block | ItemKind::Group => 0.35,
                ItemKind::Row => 1.0,
            },
            row_values: (it.kind == ItemKind::Row).then_some(it.columns.len()),
            key_length,
        })
        .collect();
    let mut similarities = FragmentSimilarities {
        single: &single,
        item_count: m,
        patterns: &patterns,
        keys: &keys,
        key_ranges: own.iter().map(|o| o.2).collect(),
        memo,
        joins: &mut cache,
        current: None,
        joined_chars: Vec::new(),
        joined_bits: Vec::new(),
        joined_key: String::new(),
    };
    let path = align(&fragments, &align_items, &mut similarities);
    if let Some(memo) = memo {
        if !cache.computed.is_empty() {
            cache.computed.sort_unstable();
            cache.computed.dedup();
            for (join, &at) in &cache.joins {
                if cache.computed.binary_search(&at).is_ok() {
                    memo.joins.insert(join, cache.join_sims[at..at + m].into());
                }
            }
        }
    }
    let (matched, skipped_obs) = matches(&path, m);
    let single = single_of;

    // orphan values: values attached to a matched non-row token, available to the next unmatched row
    let mut pending_orphans: Vec<Token> = leading;
    let first_row_obs = matched
        .iter()
        .enumerate()
        .filter(|(j, _)| items[*j].kind == ItemKind::Row)
        .find_map(|(_, m)| m.map(|(i, _)| i))
        .unwrap_or(n);
    for (j, item) in items.iter().enumerate() {
        match (item.kind, matched[j]) {
            (ItemKind::Row, Some((oi, k))) => {
                let parts: Vec<TextRange> = obs[oi..oi + k].iter().map(|o| o.tok.range).collect();
                let text_joined: String = obs[oi..oi + k]
                    .iter()
                    .map(|o| trim(o.tok.text(src)))
                    .collect();
                // (a single fragment was matched with at least 0.45, so `single` holds its exact
                // similarity)
                let sim = if k == 1 && single(oi, j) >= 0.45 {
                    single(oi, j)
                } else if key_len[oi][k - 1].is_some() {
                    joined(oi, k, &mut jbuf);
                    best_similarity(patterns[j], &jbuf)
                } else {
                    0.0
                };
                let values = joined_values(&obs[oi..oi + k]);
                let label_range = TextRange::new(parts[0].start(), parts[parts.len() - 1].end());
                let run =
                    (values.len() == 1 && values[0].run && item.columns.len() > 1).then(|| {
                        RunTogether {
                            digits: values[0].text(src).to_string(),
                            range: values[0].range,
                            candidates: Vec::new(),
                            too_many: false,
                        }
                    });
                let (cells, extra) = if run.is_some() {
                    (Vec::new(), Vec::new())
                } else if placed && values.is_empty() {
                    // values placed in their columns by position: a row whose lines hold none is
                    // blank in the source
                    let blank = Token {
                        range: TextRange::empty(label_range.end()),
                        empty: true,
                        kind: TokKind::Value(Value::Blank),
                        run: false,
                    };
                    let blanks = vec![blank; item.columns.len()];
                    assign(src, &blanks, &item.columns)
                } else {
                    assign(src, values, &item.columns)
                };
                let end = values.last().map_or(label_range.end(), |v| v.range.end());
                out.rows.push(Row {
                    run_together: run,
                    id: &item.id,
                    label: Some(Label {
                        exact: written_as(&text_joined, &item.label),
                        text: text_joined,
                        range: label_range,
                        parts,
                        similarity: sim,
                    }),
                    cells,
                    extra_cells: extra,
                    // (values moved to the label after them stand before it: [`values_moved_to_next_label`])
                    range: values
                        .first()
                        .map_or(label_range, |v| label_range.cover(v.range))
                        .cover(TextRange::empty(end)),
                });
                pending_orphans.clear();
            }
            (ItemKind::Row, None) => {
                if !pending_orphans.is_empty() && pending_orphans.len() == item.columns.len() {
                    let toks = std::mem::take(&mut pending_orphans);
                    let (cells, extra) = assign(src, &toks, &item.columns);
                    let range =
                        TextRange::new(toks[0].range.start(), toks[toks.len() - 1].range.end());
                    out.rows.push(Row {
                        run_together: None,
                        id: &item.id,
                        label: None,
                        cells,
                        extra_cells: extra,
                        range,
                    });
                }
            }
            (_, Some((oi, k))) => {
                let text_joined: String = obs[oi..oi + k]
                    .iter()
                    .map(|o| trim(o.tok.text(src)))
                    .collect();
                let range =
                    TextRange::new(obs[oi].tok.range.start(), obs[oi + k - 1].tok.range.end());
                let values = joined_values(&obs[oi..oi + k]);
                // (the empty cells of a page's line with no values are no values)
                let values = if values.iter().all(|v| is_empty_cell(src, v)) {
                    &[]
                } else {
                    values
                };
                out.markers.push(Marker {
                    exact: written_as(&text_joined, &item.label),
                    label: text_joined,
                    standard: &item.label,
                    range,
                    values: values.len(),
                    kind: item.kind,
                });
                // values after a header stand for the next row when its label is missing;
                // values on a group line belong to the group line itself (2019 style)
                pending_orphans = if item.kind == ItemKind::Group {
                    Vec::new()
                } else {
                    values.to_vec()
                };
                // a group line read as the row another template has in its place (the 2019-style
                // single （六）其他处理 row in a 2021 table, FORMAT.md §7.6): its values are that
                // row's (NB108 reports the mix)
                let as_row = (item.kind == ItemKind::Group && !values.is_empty())
                    .then(|| row_of_other_template(tpl, table, item, values.len()))
                    .flatten();
                if let Some(row) = as_row {
                    let (cells, extra) = assign(src, values, &row.columns);
                    let end = values.last().map_or(range.end(), |v| v.range.end());
                    out.rows.push(Row {
                        run_together: None,
                        id: &row.id,
                        label: Some(Label {
                            exact: out.markers.last().is_some_and(|m| m.exact),
                            text: out
                                .markers
                                .last()
                                .map_or(String::new(), |m| m.label.clone()),
                            range,
                            parts: obs[oi..oi + k].iter().map(|o| o.tok.range).collect(),
                            similarity: 1.0,
                        }),
                        cells,
                        extra_cells: extra,
                        range: values
                            .first()
                            .map_or(range, |v| range.cover(v.range))
                            .cover(TextRange::empty(end)),
                    });
                } else if item.kind == ItemKind::Group && !values.is_empty() {
                    out.notes.push(format!(
                        "「{}」一行带有 {} 个数值，但模板中它没有自己的数值",
                        item.label,
                        values.len()
                    ));
                }
            }
            (_, None) => {}
        }
    }
    // unknown lines carrying values
    for &si in &skipped_obs {
        let o = &obs[si];
        if !o.values.is_empty() && !o.values.iter().all(|v| is_empty_cell(src, v)) {
            let end = o.values.last().map_or(o.tok.range.end(), |v| v.range.end());
            out.unknown.push(Unknown {
                text: o.tok.text(src).to_string(),
                range: o
                    .values
                    .first()
                    .map_or(o.tok.range, |v| o.tok.range.cover(v.range))
                    .cover(TextRange::empty(end)),
                values: o.values.len(),
            });
        }
    }
    let _ = first_row_obs;
    recover_run_together(tpl, table, out);
    rows_confidence(table, out);
    missing_at_page_cut(src, table, out);
    glued_table_confidence(table, out);
}

// ------------------------------------------------------------------------------------------ value lines

/// Converters that lay a PDF's table out again (markitdown and old pymupdf4llm on LibreOffice's PDFs,
/// FORMAT.md §7.4) write a row whose label wraps over several lines as the label's lines and, on a
/// line of its own, the row's values: an empty-label row 「|  | 0 | 0 |」 or a line of bare numbers.
/// Where that line stands depends on where the values sat in the cell's height: some converters put
/// it after the label's first lines (the row reader joins the label's fragments around it), others
/// before all of them — then the values read after a label belong to the next one, and every row
/// below is shifted by one.
///
/// The tokens with each such line (a line of values only, at least two) moved after the first text
/// that follows it: the reading as if every value line stood before its label. `None` when the table
/// has no such line.
fn values_moved_to_next_label(src: &str, tokens: &[Token]) -> Option<Vec<Token>> {
    let bytes = src.as_bytes();
    let line_of = |t: &Token| {
        let a = usize::from(t.range.start());
        memchr::memrchr(b'\n', &bytes[..a]).map_or(0, |i| i + 1)
    };
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut waiting: Vec<Token> = Vec::new();
    let mut moved = false;
    let mut i = 0;
    while i < tokens.len() {
        let line = line_of(&tokens[i]);
        let mut j = i + 1;
        while j < tokens.len() && line_of(&tokens[j]) == line {
            j += 1;
        }
        let group = &tokens[i..j];
        let values_only = group.iter().all(|t| t.kind != TokKind::Text);
        if values_only && group.len() >= 2 && group.iter().any(|t| !t.empty) {
            waiting.extend_from_slice(group);
        } else if waiting.is_empty() {
            out.extend_from_slice(group);
        } else {
            match group.iter().position(|t| t.kind == TokKind::Text) {
                Some(at) => {
                    out.extend_from_slice(&group[..=at]);
                    out.append(&mut waiting);
                    out.extend_from_slice(&group[at + 1..]);
                    moved = true;
                }
                None => {
                    out.append(&mut waiting);
                    out.extend_from_slice(group);
                }
            }
        }
        i = j;
    }
    out.append(&mut waiting);
    moved.then_some(out)
}

/// Signs that values were given to the wrong lines: a template row read without any value, or with
/// a number of values other than its columns', a row missing, a group, block or header line
/// carrying values, a line of values matching no row.
fn misplaced_values(table: &template::Table, out: &Table) -> usize {
    let valueless = out
        .rows
        .iter()
        .filter(|r| {
            table.row(r.id).is_some()
                && r.run_together.is_none()
                && r.cells.iter().all(|c| c.raw.trim().is_empty())
        })
        .count();
    let wrong_counts = super::confidence::rows_with_wrong_counts(table, out);
    let missing = table.rows().filter(|i| out.row(&i.id).is_none()).count();
    // (values after a header line are those of the next row when its label is missing: taken by
    // a row without label, they are in place)
    let on_other_lines = out
        .markers
        .iter()
        .filter(|m| m.kind != ItemKind::Row && m.values > 0)
        .count()
        .saturating_sub(out.rows.iter().filter(|r| r.label.is_none()).count());
    valueless + wrong_counts + missing + on_other_lines + out.unknown.len()
}

/// The rows of the template whose values differ between two readings of one table.
fn differing_rows(table: &'static template::Table, a: &Table, b: &Table) -> Vec<&'static str> {
    let values = |t: &Table, id: &str| -> Option<Vec<Value>> {
        let row = t.row(id)?;
        Some(
            row.cells
                .iter()
                .chain(&row.extra_cells)
                .map(|c| c.value.clone())
                .collect(),
        )
    };
    table
        .rows()
        .filter(|item| values(a, &item.id) != values(b, &item.id))
        .map(|item| item.id.as_str())
        .collect()
}

/// `read`, the table read with each value line after the label it follows, against the reading with
/// each value line before the label after it ([`values_moved_to_next_label`]), decided per table:
/// where both give the same values, or the first shows no sign of misplaced values
/// ([`misplaced_values`]), `read`; where only the second shows none, the second; where both show
/// some and they differ, neither order is certain: `read`, not read with confidence, the rows that
/// differ never vouched for (`unsure_rows`).
fn values_before_or_after_labels(
    reader: &Reader,
    src: &str,
    moved: Vec<Token>,
    placed: bool,
    tpl: &Template,
    table: &'static template::Table,
    mut read: Table,
) -> Table {
    if misplaced_values(table, &read) == 0 {
        return read;
    }
    let mut before = Table {
        id: read.id.clone(),
        range: read.range,
        ..Table::default()
    };
    read_rows(reader, src, moved, placed, tpl, table, &mut before);
    let differing = differing_rows(table, &read, &before);
    if differing.is_empty() {
        return read;
    }
    if misplaced_values(table, &before) == 0 {
        return before;
    }
    read.notes.push(format!(
        "{} 行的数值单独成行，无法确定属于其上还是其下的标签",
        differing.len()
    ));
    read.confidence = read.confidence.min(Confidence::Low);
    read.unsure_rows = differing;
    read
}

/// Is the label written `written` the standard label `standard`, as a converter's Markdown shows it?
/// Emphasis marks inside a label (pymupdf4llm's bold boundary within a cell: 「（一）**予以公开」, 「规
/// **章」, the space it put at the boundary with them) and HTML line breaks (「三、本年度<br>办理结果」) are
/// markup, not the label's words (FORMAT.md §7.4).
fn written_as(written: &str, standard: &str) -> bool {
    if written == standard {
        return true;
    }
    if !written.contains("**") && !written.contains("__") && !written.contains("<br") {
        return false;
    }
    let bare = tokens::without_line_break_tags(written);
    let mut out = String::with_capacity(bare.len());
    for (i, piece) in bare.split("**").flat_map(|p| p.split("__")).enumerate() {
        // (the converter's space at a boundary of emphasis goes with the mark)
        if i == 0 {
            out.push_str(piece.trim_end());
        } else {
            out = out.trim_end().to_string();
            out.push_str(piece.trim_start());
        }
    }
    out == standard
}

/// An empty cell of a web page's table (written by `html::extract`).
fn is_empty_cell(src: &str, token: &Token) -> bool {
    let mut mark = [0u8; 4];
    token.text(src) == crate::html::EMPTY_CELL.encode_utf8(&mut mark)
}

/// The row of another template's table that stands where `group` stands in this one, with as many
/// columns as the values found on the group line.
fn row_of_other_template(
    tpl: &Template,
    table: &template::Table,
    group: &template::Item,
    values: usize,
) -> Option<&'static template::Item> {
    template::all()
        .iter()
        .filter(|t| t.id != tpl.id)
        .filter_map(|t| t.table(&table.id))
        .flat_map(|t| t.rows())
        .find(|row| {
            row.columns.len() == values
                && std::iter::once(&row.label)
                    .chain(&row.variants)
                    .any(|l| key(l) == key(&group.label))
        })
}

/// The values of fragments joined into one label: those of the one fragment that has values (the
/// last one's, none, when none has).
fn joined_values<'a>(fragments: &[Obs<'a>]) -> &'a [Token] {
    fragments
        .iter()
        .find(|o| !o.values.is_empty())
        .or(fragments.last())
        .map_or(&[], |o| o.values)
}

pub(super) fn assign(
    src: &str,
    values: &[Token],
    columns: &'static [String],
) -> (Vec<Cell>, Vec<Cell>) {
    let cells = values
        .iter()
        .zip(columns)
        .map(|(t, c)| make_cell(src, t, c))
        .collect();
    let extra = values
        .iter()
        .skip(columns.len())
        .map(|t| make_cell(src, t, ""))
        .collect();
    (cells, extra)
}

#[cfg(test)]
mod tests {
    use super::written_as;

    #[test]
    fn emphasis_and_line_breaks_in_a_label_are_markup() {
        for (written, standard) in [
            ("（一）**予以公开", "（一）予以公开"),
            ("规 **章", "规章"),
            ("行政规 **范性文件", "行政规范性文件"),
            ("（七**）总计", "（七）总计"),
            ("三、本年度<br>办理结果", "三、本年度办理结果"),
            ("规章", "规章"),
        ] {
            assert!(written_as(written, standard), "{written}");
        }
        // a word or a space of the author's is not markup
        for (written, standard) in [
            ("（一）予以公", "（一）予以公开"),
            ("规 章", "规章"),
            ("**规章**x", "规章"),
        ] {
            assert!(!written_as(written, standard), "{written}");
        }
    }
}

#[cfg(test)]
mod value_line_tests {
    use crate::model::Confidence;
    use crate::template::{self, ItemKind};

    /// Where a converter wrote a row's values, as in its Markdown of a PDF's table.
    #[derive(Clone, Copy)]
    enum Place {
        /// On the label's first line: 「| 1.属于国 | 0 | … |」, the label's other lines after it.
        Inline,
        /// On an empty-label row before all the label's lines.
        Before,
        /// On an empty-label row after all the label's lines.
        After,
    }

    /// Seed 003 (2021) with its table 三 written as a converter's Markdown: each label wrapped every
    /// four characters, each row's values placed by `place` (by the row's place among the rows);
    /// `drop` rows left out, as a converter loses a line. Returns the text and the seed's own values
    /// of table 三 (row id → cells as written).
    fn seed_with_table(
        place: impl Fn(usize) -> Place,
        drop: &[usize],
    ) -> (String, Vec<(&'static str, Vec<String>)>) {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/003_1b7c73a738c3b718.txt"
        );
        let seed = std::fs::read_to_string(path).unwrap();
        let report = crate::parse::parse(&seed, None);
        let read = report.table("applications").unwrap();
        assert_eq!(read.confidence, Confidence::High);
        let table = template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        let lines: Vec<&str> = seed.lines().collect();
        assert!(lines[61].starts_with("三、"));
        assert!(lines[348].starts_with("四、"));
        let mut text: String = lines[..62].iter().map(|l| format!("{l}\n")).collect();
        let cells = |row: &str| -> Vec<String> {
            read.row(row)
                .unwrap()
                .cells
                .iter()
                .map(|c| c.raw.clone())
                .collect()
        };
        let pipe_row =
            |first: &str, values: &[String]| format!("| {first} | {} |\n", values.join(" | "));
        let headers: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
        text.push_str(&pipe_row("", &headers));
        text.push_str(&format!("|{}\n", " --- |".repeat(8)));
        let mut expected = Vec::new();
        let mut row_index = 0;
        for item in &table.items {
            let chars: Vec<char> = item.label.chars().collect();
            let wrapped: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
            match item.kind {
                ItemKind::Row => {
                    let values = cells(&item.id);
                    let at = row_index;
                    row_index += 1;
                    if drop.contains(&at) {
                        continue;
                    }
                    expected.push((item.id.as_str(), values.clone()));
                    match place(at) {
                        Place::Inline => {
                            text.push_str(&pipe_row(&wrapped[0], &values));
                            for w in &wrapped[1..] {
                                text.push_str(&format!("{w}\n"));
                            }
                        }
                        Place::Before => {
                            text.push_str(&pipe_row("", &values));
                            for w in &wrapped {
                                text.push_str(&format!("{w}\n"));
                            }
                        }
                        Place::After => {
                            for w in &wrapped {
                                text.push_str(&format!("{w}\n"));
                            }
                            text.push_str(&pipe_row("", &values));
                        }
                    }
                }
                ItemKind::Group => {
                    text.push_str(&format!("{}\n", item.label));
                }
                _ => {}
            }
        }
        for l in &lines[348..] {
            text.push_str(l);
            text.push('\n');
        }
        (text, expected)
    }

    /// The values of table 三 as exported (`null` where not vouched for).
    fn exported(text: &str) -> (Confidence, serde_json::Value) {
        let report = crate::parse::parse(text, None);
        let confidence = report.table("applications").unwrap().confidence;
        let json = crate::export::to_json(&report, text, "x");
        (confidence, json["tables"]["applications"].clone())
    }

    fn as_written(json: &serde_json::Value, expected: &[(&str, Vec<String>)]) -> bool {
        let table = template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        expected.iter().all(|(row, values)| {
            let item = table.row(row).unwrap();
            item.columns
                .iter()
                .zip(values)
                .all(|(c, v)| json[*row][c.as_str()].as_f64() == Some(v.parse::<f64>().unwrap()))
        })
    }

    #[test]
    fn value_rows_before_their_wrapped_labels_are_read_as_theirs() {
        // long labels' values before the label, short ones' on the label's first line (as markitdown
        // writes LibreOffice's PDFs)
        let place = |at: usize| {
            if at % 3 == 1 {
                Place::Inline
            } else {
                Place::Before
            }
        };
        let (text, expected) = seed_with_table(place, &[]);
        let (confidence, json) = exported(&text);
        assert_eq!(confidence, Confidence::High);
        assert!(as_written(&json, &expected), "{json}");
        // every row's values before its label
        let (text, expected) = seed_with_table(|_| Place::Before, &[]);
        let (confidence, json) = exported(&text);
        assert_eq!(confidence, Confidence::High);
        assert!(as_written(&json, &expected), "{json}");
    }

    #[test]
    fn value_rows_after_their_wrapped_labels_are_read_as_theirs() {
        let place = |at: usize| {
            if at % 3 == 1 {
                Place::Inline
            } else {
                Place::After
            }
        };
        let (text, expected) = seed_with_table(place, &[]);
        let (confidence, json) = exported(&text);
        assert_eq!(confidence, Confidence::High);
        assert!(as_written(&json, &expected), "{json}");
    }

    #[test]
    fn value_rows_that_fit_neither_order_are_not_vouched_for() {
        // values before their labels, but a row lost (its label and values): read each way, the
        // rows around it show misplaced values; nothing shifted is exported as a number
        let (text, expected) = seed_with_table(|_| Place::Before, &[10]);
        let (confidence, json) = exported(&text);
        assert_eq!(confidence, Confidence::Low);
        let table = template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        for (row, values) in &expected {
            let item = table.row(row).unwrap();
            for (c, v) in item.columns.iter().zip(values) {
                let got = &json[*row][c.as_str()];
                assert!(
                    got.is_null() || got.as_f64() == Some(v.parse::<f64>().unwrap()),
                    "{row}.{c}: {got} for {v}"
                );
            }
        }
        let a = crate::analyze(&text, &crate::Config::default());
        let section = a.report.section("applications").unwrap();
        let area = section.line_range.cover(section.body);
        let about: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|d| area.contains_range(d.range))
            .filter(|d| d.code.starts_with("NB2") || d.code.starts_with("NB3"))
            .map(|d| d.code)
            .collect();
        assert_eq!(about, ["NB201"]);
    }
}
