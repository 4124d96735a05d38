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
    cut_values_glued_before_labels(text, &mut tokens, table);
    join_change_words_to_their_numbers(text, &mut tokens, table);
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
            // a table not placed by cell index without the columns a converter added
            // (`blank_columns`), taken unless it is read with confidence and a row lacks values:
            // then the empty cells were the report's or the row's values stand apart from it, and
            // the table keeps them with the signs they give
            let fewer = if placed {
                None
            } else {
                without_blank_columns(text, region, &tokens)
            };
            // (text laid out by columns on pages nothing marks, each at its own scale)
            let unplaced = (!placed).then(|| tokens.clone());
            read_rows_in_order(reader, text, tokens, placed, tpl, table, &mut out);
            if let Some(fewer) = fewer {
                let mut other = Table {
                    id: table.id.clone(),
                    range: region,
                    ..Table::default()
                };
                read_rows_in_order(reader, text, fewer, placed, tpl, table, &mut other);
                if other.confidence != Confidence::High
                    || super::confidence::rows_with_wrong_counts(table, &other) == 0
                {
                    out = other;
                }
            }
            if out.confidence != Confidence::High {
                if let Some(other) = unplaced.and_then(|tokens| {
                    placed_on_unmarked_pages(reader, text, region, &tokens, tpl, table)
                }) {
                    out = other;
                }
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

/// A change word written as a cell of its own right before its number on the next line (a page's
/// text with every text node on a line: 「减少」「11项」, FORMAT.md §7.1) joined to that number: one
/// cell, 「本年增/减」's value as the author wrote it. Only in a table with a column of changes, only
/// a word that is exactly a change word, only before a number written without a sign.
fn join_change_words_to_their_numbers(
    text: &str,
    tokens: &mut Vec<Token>,
    table: &template::Table,
) {
    if !table.columns.iter().any(|c| c.kind == ValueKind::Delta) {
        return;
    }
    let change_word = |t: &Token| {
        t.kind == TokKind::Text
            && !t.empty
            && super::values::change_words().any(|w| trim(t.text(text)) == w)
    };
    let unsigned_number = |t: &Token| {
        !t.empty
            && !t.run
            && matches!(t.kind, TokKind::Value(Value::Number { .. }))
            && trim(t.text(text)).starts_with(|c: char| c.is_ascii_digit())
    };
    let mut i = 0;
    while i + 1 < tokens.len() {
        let (a, b) = (&tokens[i], &tokens[i + 1]);
        let between = &text[usize::from(a.range.end())..usize::from(b.range.start())];
        if change_word(a)
            && unsigned_number(b)
            && between.contains('\n')
            && trim(between).is_empty()
        {
            let range = TextRange::new(a.range.start(), b.range.end());
            if let Some(value @ Value::Number { .. }) = parse_value(&text[range]) {
                tokens[i] = Token {
                    range,
                    empty: false,
                    kind: TokKind::Value(value),
                    run: false,
                };
                tokens.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// The rows of a table of rows read from `tokens` as written and, where lines of values only stand
/// apart from their labels, also with each moved to the label after it (`values_before_or_after_labels`).
#[allow(clippy::too_many_arguments)]
fn read_rows_in_order(
    reader: &Reader,
    text: &str,
    tokens: Vec<Token>,
    placed: bool,
    tpl: &Template,
    table: &'static template::Table,
    out: &mut Table,
) {
    let moved = values_moved_to_next_label(text, &tokens);
    // (the tokens as written, for a reading that matches value lines with rows one by one)
    let original = moved.as_ref().map(|_| tokens.clone());
    read_rows(reader, text, tokens, placed, tpl, table, out);
    if let (Some(moved), Some(original)) = (moved, original) {
        *out = values_before_or_after_labels(
            reader,
            text,
            &original,
            moved,
            placed,
            tpl,
            table,
            std::mem::take(out),
        );
    }
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
    glued_table_confidence(src, table, out);
    out.markdown_rows = rows_on_markdown_lines(src, table, out, placed);
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
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut waiting: Vec<Token> = Vec::new();
    let mut moved = false;
    for line in token_lines(src, tokens) {
        let group = &tokens[line];
        if is_value_line(group) {
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
    }
    out.append(&mut waiting);
    moved.then_some(out)
}

/// A line of values only, at least two, one of them not an empty cell: a row's values a converter
/// wrote apart from its label.
fn is_value_line(line: &[Token]) -> bool {
    line.len() >= 2 && line.iter().all(|t| t.kind != TokKind::Text) && line.iter().any(|t| !t.empty)
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
#[allow(clippy::too_many_arguments)]
fn values_before_or_after_labels(
    reader: &Reader,
    src: &str,
    original: &[Token],
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
    if let Some(matched) = values_matched_to_rows(reader, src, original, placed, tpl, table, &read)
    {
        return matched;
    }
    read.notes.push(format!(
        "{} 行的数值单独成行，无法确定属于其上还是其下的标签",
        differing.len()
    ));
    read.confidence = read.confidence.min(Confidence::Low);
    read.unsure_rows = differing;
    read
}

/// Where a row of the template stands in a table read without its value lines
/// ([`values_matched_to_rows`]).
#[derive(Clone, Copy, PartialEq, Debug)]
enum RowPlace {
    /// Not found.
    Missing,
    /// Found with values of its own (on a line of its label), the line of those values starting at
    /// this offset.
    Filled(TextSize),
    /// Found without values, its label starting at this offset.
    Open(TextSize),
}

/// Which value line is which row's, decided line by line ([`values_matched_to_rows`]).
#[derive(Debug, Default, PartialEq)]
struct ValueLineMatching {
    /// (value line, row): the lines whose row the text forces.
    placed: Vec<(usize, &'static str)>,
    /// The rows without values whose value line the text does not tell.
    unsure: Vec<&'static str>,
}

/// The value lines (each the offset where it starts, its number of values and how many of them are
/// not empty cells) matched with the rows of the template (in template order, each with its number
/// of columns and its place).
///
/// A converter writes the lines of a table from top to bottom: a row's values, wherever they stand
/// beside its wrapped label, come after the rows above it and before the rows below it (a line of
/// values only after a row's label or before it, FORMAT.md §7.4). The rows that carry their values
/// on a line of their label cut the table into stretches; in a stretch, the value lines are those of
/// the rows found there without values, in order. That is forced where the stretch has as many value
/// lines as such rows, each line with as many values as its row has columns ([`fits_row`]), and no
/// row of the template is missing from it (a lost label whose value line is there would shift every
/// line after it). Elsewhere the rows of the stretch stay without values, unsure.
fn match_value_lines(
    lines: &[(TextSize, usize, usize)],
    rows: &[(&'static str, usize, RowPlace)],
) -> ValueLineMatching {
    let mut out = ValueLineMatching::default();
    let mut stretch_start = 0;
    let mut from = TextSize::from(0);
    for at in 0..=rows.len() {
        let until = match rows.get(at) {
            Some((_, _, RowPlace::Filled(offset))) => Some(*offset),
            Some(_) => continue,
            None => None,
        };
        let stretch = &rows[stretch_start..at];
        let open: Vec<(&'static str, usize)> = stretch
            .iter()
            .filter(|(_, _, place)| matches!(place, RowPlace::Open(_)))
            .map(|&(id, columns, _)| (id, columns))
            .collect();
        let missing = stretch.iter().any(|(_, _, p)| *p == RowPlace::Missing);
        let inside: Vec<usize> = (0..lines.len())
            .filter(|&l| lines[l].0 > from && until.is_none_or(|u| lines[l].0 < u))
            .collect();
        let forced = !missing
            && inside.len() == open.len()
            && inside
                .iter()
                .zip(&open)
                .all(|(&l, &(_, columns))| fits_row(lines[l].1, lines[l].2, columns));
        if forced {
            out.placed
                .extend(inside.iter().zip(&open).map(|(&l, &(id, _))| (l, id)));
        } else if !inside.is_empty() {
            out.unsure.extend(open.iter().map(|&(id, _)| id));
        }
        if let Some(until) = until {
            from = until;
        }
        stretch_start = at + 1;
    }
    out
}

/// Does a line of `values` values, `filled` of them not empty cells, hold the values of a row of
/// `columns` columns? Where it has as many values, and where exactly `columns` of them are filled:
/// a row has no more cells than its columns, so its empty ones are no cells of it but of the empty
/// columns a converter wrote beside the real ones, kept where the line is a Markdown table of its
/// own (「|  |  | 11 |  | 11 |  | 26 |  |」, `blank_columns`, FORMAT.md §7.4).
fn fits_row(values: usize, filled: usize, columns: usize) -> bool {
    values == columns || (filled == columns && values > columns)
}

/// The table read with each line of values only ([`is_value_line`]) given to its row one by one
/// ([`match_value_lines`]): the table is read without those lines to find where each row's label
/// is and which rows carry values of their own, then again with each line placed right after the
/// first line of its row's label. The rows whose line is not forced are `unsure_rows` (never
/// exported), and the table then is not read with confidence. `None` where there is no such line,
/// where the labels found are not in template order, or where no line is placed.
fn values_matched_to_rows(
    reader: &Reader,
    src: &str,
    tokens: &[Token],
    placed: bool,
    tpl: &Template,
    table: &'static template::Table,
    read: &Table,
) -> Option<Table> {
    let lines: Vec<std::ops::Range<usize>> = token_lines(src, tokens)
        .into_iter()
        .filter(|l| is_value_line(&tokens[l.clone()]))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let mut on_value_line = vec![false; tokens.len()];
    for l in &lines {
        on_value_line[l.clone()].fill(true);
    }
    let bare: Vec<Token> = tokens
        .iter()
        .zip(&on_value_line)
        .filter(|(_, on)| !**on)
        .map(|(t, _)| t.clone())
        .collect();
    // the texts followed by values of their own
    let carrying: Vec<TextSize> = bare
        .windows(2)
        .filter(|w| w[0].kind == TokKind::Text && w[1].kind != TokKind::Text)
        .map(|w| w[0].range.start())
        .collect();
    let mut labels = Table {
        id: read.id.clone(),
        range: read.range,
        ..Table::default()
    };
    read_rows(reader, src, bare.clone(), placed, tpl, table, &mut labels);
    if labels.rows.iter().any(|r| table.row(r.id).is_none()) {
        return None;
    }
    let mut rows: Vec<(&'static str, usize, RowPlace)> = Vec::new();
    for item in table.rows() {
        let place = match labels.row(&item.id) {
            None => RowPlace::Missing,
            Some(Row { label: None, .. }) => return None,
            Some(Row {
                label: Some(label), ..
            }) => match label
                .parts
                .iter()
                .find(|p| carrying.binary_search(&p.start()).is_ok())
            {
                Some(part) => RowPlace::Filled(part.start()),
                None => RowPlace::Open(label.range.start()),
            },
        };
        rows.push((item.id.as_str(), item.columns.len(), place));
    }
    // (the labels in template order)
    let starts: Vec<TextSize> = rows
        .iter()
        .filter_map(|(_, _, p)| match p {
            RowPlace::Filled(at) | RowPlace::Open(at) => Some(*at),
            RowPlace::Missing => None,
        })
        .collect();
    if starts.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let line_places: Vec<(TextSize, usize, usize)> = lines
        .iter()
        .map(|l| {
            let filled = tokens[l.clone()].iter().filter(|t| !t.empty).count();
            (tokens[l.start].range.start(), l.len(), filled)
        })
        .collect();
    let matching = match_value_lines(&line_places, &rows);
    if matching.placed.is_empty() {
        return None;
    }
    // a placed line's values for its row: all, or its filled ones where only those fit (`fits_row`)
    let columns_of = |id: &str| rows.iter().find(|r| r.0 == id).map_or(0, |r| r.1);
    let values_of = |line: usize, id: &str| -> Vec<Token> {
        let all = &tokens[lines[line].clone()];
        if all.len() == columns_of(id) {
            all.to_vec()
        } else {
            all.iter().filter(|t| !t.empty).cloned().collect()
        }
    };
    // each placed line right after the first line of its row's label
    let mut after: Vec<(TextSize, usize, &'static str)> = matching
        .placed
        .iter()
        .filter_map(|&(line, id)| {
            let label = labels.row(id)?.label.as_ref()?;
            Some((label.parts.first()?.start(), line, id))
        })
        .collect();
    after.sort_unstable();
    let mut moved: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in &bare {
        moved.push(t.clone());
        if t.kind != TokKind::Text {
            continue;
        }
        if let Ok(at) = after.binary_search_by_key(&t.range.start(), |&(s, _, _)| s) {
            let (_, line, id) = after[at];
            moved.extend(values_of(line, id));
        }
    }
    let mut out = Table {
        id: read.id.clone(),
        range: read.range,
        ..Table::default()
    };
    read_rows(reader, src, moved, placed, tpl, table, &mut out);
    // read again as matched: each placed line's values its row's, every other row as without the lines
    let ranges = |row: Option<&Row>| -> Option<Vec<TextRange>> {
        let row = row?;
        Some(
            row.cells
                .iter()
                .chain(&row.extra_cells)
                .map(|c| c.range)
                .collect(),
        )
    };
    let as_matched = matching.placed.iter().all(|&(line, id)| {
        ranges(out.row(id)) == Some(values_of(line, id).iter().map(|t| t.range).collect())
    }) && rows.iter().all(|&(id, _, place)| {
        !matches!(place, RowPlace::Filled(_)) || ranges(out.row(id)) == ranges(labels.row(id))
    });
    if !as_matched {
        return None;
    }
    if !matching.unsure.is_empty() {
        out.notes.push(format!(
            "{} 行的数值单独成行，无法确定属于其上还是其下的标签",
            matching.unsure.len()
        ));
        out.confidence = out.confidence.min(Confidence::Low);
        out.unsure_rows = matching.unsure;
    } else if misplaced_values(table, &out) > 0 {
        // (the reason given once, as every table read without confidence has one)
        if out.notes.is_empty() {
            out.notes.push(format!(
                "{} 处数值与模板行对不上",
                misplaced_values(table, &out)
            ));
        }
        out.confidence = out.confidence.min(Confidence::Low);
    }
    Some(out)
}

/// Is the label written `written` the standard label `standard`, as a converter's Markdown shows it?
/// Emphasis marks inside a label (pymupdf4llm's bold boundary within a cell: 「（一）**予以公开」, 「规
/// **章」, the space it put at the boundary with them) and HTML line breaks (「三、本年度<br>办理结果」) are
/// markup, not the label's words (FORMAT.md §7.4).
fn written_as(written: &str, standard: &str) -> bool {
    if written == standard {
        return true;
    }
    // quotation marks a converter straightened (pandoc's Markdown writes 「“三安全一稳定”」 as
    // 「"三安全一稳定"」)
    if written.contains(['"', '\'']) && written.len() < standard.len() {
        let curly = |c: char| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            c => c,
        };
        if written.chars().eq(standard.chars().map(curly)) {
            return true;
        }
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

/// The row's values in its columns, and those beyond its last column. Empty cells after the last
/// column are no values: a web page's table pads a short row of a wide grid with them (table 二's
/// 「行政事业性收费 | 38 | 减少11项 | 」 under blocks of three columns; pandoc writes every row of a
/// table as wide as its widest).
pub(super) fn assign(
    src: &str,
    values: &[Token],
    columns: &'static [String],
) -> (Vec<Cell>, Vec<Cell>) {
    let padding = values
        .iter()
        .skip(columns.len())
        .rev()
        .take_while(|t| {
            t.kind == TokKind::Value(Value::Blank)
                && (trim(t.text(src)).is_empty() || is_empty_cell(src, t))
        })
        .count();
    let values = &values[..values.len() - padding];
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
            ("3.危及\"三安全一稳定\"", "3.危及“三安全一稳定”"),
        ] {
            assert!(written_as(written, standard), "{written}");
        }
        // a word or a space of the author's is not markup
        for (written, standard) in [
            ("（一）予以公", "（一）予以公开"),
            ("规 章", "规章"),
            ("**规章**x", "规章"),
            ("3.危及\"三安全一稳定", "3.危及“三安全一稳定”"),
            ("3.危及“三安全一稳定\"", "3.危及\"三安全一稳定\""),
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
        /// On an empty-label row written after the lines of the rows below it, up to the next row
        /// written `Inline` (or the table's end): several such rows' values one after the other.
        Late,
        /// Only the values, on an empty-label row: the label's lines lost.
        LabelLost,
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
        // the values of rows written `Late`, waiting for the next row written `Inline`
        let mut late = String::new();
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
                    let place = place(at);
                    if !matches!(place, Place::LabelLost) {
                        expected.push((item.id.as_str(), values.clone()));
                    }
                    match place {
                        Place::Inline => {
                            text.push_str(&std::mem::take(&mut late));
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
                        Place::Late => {
                            for w in &wrapped {
                                text.push_str(&format!("{w}\n"));
                            }
                            late.push_str(&pipe_row("", &values));
                        }
                        Place::LabelLost => {
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
        text.push_str(&late);
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

    /// Rows 0, 3, 6, … inline; 1 and 2, 7 and 8, … each written after the next rows' labels; 4,
    /// 10, … before their labels, 5, 11, … after them: in one table, each line is its row's.
    fn mixed(at: usize) -> Place {
        match at % 6 {
            0 | 3 => Place::Inline,
            1 | 2 => Place::Late,
            4 => Place::Before,
            _ => Place::After,
        }
    }

    #[test]
    fn value_rows_before_and_after_their_labels_in_one_table_are_matched_row_by_row() {
        let (text, expected) = seed_with_table(mixed, &[]);
        let (confidence, json) = exported(&text);
        assert_eq!(confidence, Confidence::High);
        assert!(as_written(&json, &expected), "{json}");
        let a = crate::analyze(&text, &crate::Config::default());
        let codes: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("NB2") || d.code.starts_with("NB3"))
            .map(|d| d.code)
            .collect();
        assert!(codes.is_empty(), "{codes:?}");
    }

    #[test]
    fn value_rows_near_a_lost_label_are_not_vouched_for() {
        // row 13's label lost, its values kept: the value lines of rows 13 and 14 (between the
        // inline rows 12 and 15) could be either's; the other rows' lines are forced
        let place = |at: usize| {
            if at == 13 {
                Place::LabelLost
            } else {
                mixed(at)
            }
        };
        let (text, expected) = seed_with_table(place, &[]);
        let a = crate::analyze(&text, &crate::Config::default());
        let read = a.report.table("applications").unwrap();
        assert_eq!(read.confidence, Confidence::Low);
        assert_eq!(read.unsure_rows, ["unavailable.unclear"]);
        let json = crate::export::to_json(&a.report, &text, "x");
        let json = &json["tables"]["applications"];
        assert!(json["unavailable.unclear"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| v.is_null()));
        let others: Vec<_> = expected
            .into_iter()
            .filter(|(row, _)| *row != "unavailable.unclear")
            .collect();
        assert!(as_written(json, &others), "{json}");
        assert_eq!(crate::table_codes_in(&a, "applications"), ["NB201"]);
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
        assert_eq!(crate::table_codes_in(&a, "applications"), ["NB201"]);
    }
}

#[cfg(test)]
mod value_line_matching_tests {
    use super::{match_value_lines, RowPlace, ValueLineMatching};
    use text_size::TextSize;

    /// Rows of table 三 (template 2021) from `first` on, `places[i]` the place of the i-th: 'F' with
    /// values of its own, 'O' without, '-' missing; the i-th row's label (or values) at offset 100·(i+1).
    fn rows(first: usize, places: &str) -> Vec<(&'static str, usize, RowPlace)> {
        let table = crate::template::by_id("2021")
            .unwrap()
            .table("applications")
            .unwrap();
        table
            .rows()
            .skip(first)
            .zip(places.chars())
            .enumerate()
            .map(|(i, (item, p))| {
                let at = TextSize::from(100 * (i as u32 + 1));
                let place = match p {
                    'F' => RowPlace::Filled(at),
                    'O' => RowPlace::Open(at),
                    _ => RowPlace::Missing,
                };
                (item.id.as_str(), item.columns.len(), place)
            })
            .collect()
    }

    /// Value lines of seven values at these offsets.
    fn lines(at: &[u32]) -> Vec<(TextSize, usize, usize)> {
        at.iter().map(|&a| (TextSize::from(a), 7, 7)).collect()
    }

    #[test]
    fn lines_as_many_as_the_rows_without_values_between_two_filled_rows_are_theirs_in_order() {
        // received, carried_in without values, then granted with its own: both lines before
        // granted, wherever they stand beside the labels (here both after carried_in's)
        let m = match_value_lines(&lines(&[250, 260]), &rows(0, "OOF"));
        assert_eq!(
            m,
            ValueLineMatching {
                placed: vec![(0, "received"), (1, "carried_in")],
                unsure: vec![],
            }
        );
        // one before its label, one after
        let m = match_value_lines(&lines(&[50, 250]), &rows(0, "OOF"));
        assert_eq!(m.placed, [(0, "received"), (1, "carried_in")]);
        // stretches apart: each line in its own
        let m = match_value_lines(&lines(&[150, 450]), &rows(0, "FOFOF"));
        assert_eq!(m.placed, [(0, "carried_in"), (1, "partly_granted")]);
        assert!(m.unsure.is_empty());
    }

    #[test]
    fn lines_not_forced_leave_their_rows_unsure() {
        // a line more than rows without values: one of them is a lost row's
        let m = match_value_lines(&lines(&[150, 250, 260]), &rows(0, "FOOF"));
        assert!(m.placed.is_empty());
        assert_eq!(m.unsure, ["carried_in", "granted"]);
        // a row missing in the stretch: its line may be there and another lost
        let m = match_value_lines(&lines(&[150, 350]), &rows(0, "FO-OF"));
        assert!(m.placed.is_empty());
        assert_eq!(m.unsure, ["carried_in", "partly_granted"]);
        // a line with another number of values than its row's columns
        let mut short = lines(&[150]);
        short[0] = (short[0].0, 6, 6);
        let m = match_value_lines(&short, &rows(0, "FOF"));
        assert!(m.placed.is_empty());
        assert_eq!(m.unsure, ["carried_in"]);
        // the other stretches are still forced
        let m = match_value_lines(&lines(&[150, 250, 260, 450]), &rows(0, "FOOFOF"));
        assert_eq!(m.placed, [(3, "denied.state_secret")]);
        assert_eq!(m.unsure, ["carried_in", "granted"]);
        // a stretch without lines says nothing (its rows are simply without values)
        let m = match_value_lines(&lines(&[450]), &rows(0, "FOFOF"));
        assert_eq!(m.placed, [(0, "partly_granted")]);
        assert!(m.unsure.is_empty());
        // a line with empty cells beside its values: forced only where exactly as many are filled
        // as its row has columns
        let mut spaced = lines(&[150]);
        spaced[0] = (spaced[0].0, 13, 7);
        let m = match_value_lines(&spaced, &rows(0, "FOF"));
        assert_eq!(m.placed, [(0, "carried_in")]);
        spaced[0] = (spaced[0].0, 13, 6);
        let m = match_value_lines(&spaced, &rows(0, "FOF"));
        assert!(m.placed.is_empty());
        assert_eq!(m.unsure, ["carried_in"]);
    }

    #[test]
    fn a_line_fits_a_row_with_its_columns_values_or_as_many_filled_among_empty_cells() {
        use super::fits_row;
        assert!(fits_row(3, 3, 3));
        // (blank values of the row itself)
        assert!(fits_row(3, 1, 3));
        // the empty columns a converter wrote between the values
        assert!(fits_row(5, 3, 3));
        // too few, or more filled than columns, or fewer filled among more values
        assert!(!fits_row(2, 2, 3));
        assert!(!fits_row(5, 4, 3));
        assert!(!fits_row(5, 2, 3));
    }
}

#[cfg(test)]
mod change_word_tests {
    use super::*;

    fn table_2019(id: &str) -> (&'static Template, &'static template::Table) {
        let tpl = template::all()
            .iter()
            .find(|t| t.id == "2019")
            .expect("template");
        (tpl, tpl.table(id).expect("table"))
    }

    /// The tokens of `text` after the change words are joined to their numbers, as read in `table`:
    /// 「=」 and the value for a number, the text otherwise.
    fn joined(text: &str, table: &template::Table) -> Vec<String> {
        let mut tokens = tokenize(
            text,
            r(0, text.len()),
            &lines(text),
            &Reader::without_memo(),
        );
        join_change_words_to_their_numbers(text, &mut tokens, table);
        tokens
            .iter()
            .map(|t| match &t.kind {
                TokKind::Value(Value::Number { value, .. }) => format!("={value}"),
                _ => t.text(text).to_string(),
            })
            .collect()
    }

    #[test]
    fn a_change_word_on_a_line_before_its_number_is_that_numbers_sign() {
        let (tpl, table) = table_2019("active");
        // the row of changes with two columns (last year's items, the change)
        let row = table
            .rows()
            .find(|r| {
                r.columns.len() == 2
                    && r.columns
                        .iter()
                        .any(|c| column_kind(table, c) == ValueKind::Delta)
            })
            .expect("a row of changes");
        // (the change words of two characters the values are written with, by their sign)
        let word = |sign: f64| {
            super::super::values::SIGNS
                .iter()
                .find(|(w, s)| *s == sign && w.chars().count() == 2 && w.chars().all(is_han))
                .expect("a change word")
                .0
        };
        let (word_down, word_up) = (word(-1.0), word(1.0));
        let text = format!("{}\n38\n{word_down}\n11项\n", row.label);
        assert_eq!(joined(&text, table), [row.label.as_str(), "=38", "=-11"]);
        let text = format!("{}\n38\n{word_up}\n\n11\n", row.label);
        assert_eq!(joined(&text, table), [row.label.as_str(), "=38", "=11"]);
        // and the row reads so
        let text = format!("{}\n38\n{word_down}\n11项\n", row.label);
        let (out, _) = read_table(
            &Reader::without_memo(),
            &text,
            &lines(&text),
            r(0, text.len()),
            tpl,
            table,
        );
        let delta = row
            .columns
            .iter()
            .find(|c| column_kind(table, c) == ValueKind::Delta)
            .unwrap();
        assert_eq!(out.value(&row.id, delta), Some(-11.0));
        // not joined: a number that has its own sign, a word before a number on its line, a
        // table without a column of changes
        let text = format!("{}\n38\n{word_down}\n-11项\n", row.label);
        assert_eq!(joined(&text, table)[2], word_down);
        let text = format!("{}\n38\n{word_down}其他\n11项\n", row.label);
        assert_eq!(joined(&text, table)[3], "=11");
        let (_, applications) = table_2019("applications");
        let text = format!("{}\n38\n{word_down}\n11\n", row.label);
        assert_eq!(joined(&text, applications)[2], word_down);
    }
}
