//! Stage 5: alignment of a table's text fragments with the template's items — a pure function.
//!
//! The fragments are the text tokens of a table region in order (each followed by some values); the
//! items are the template table's lines in order (block lines, headers, groups, rows). Dynamic
//! programming finds the cheapest path through three kinds of step: a fragment matched with nothing
//! (`SkipFragment`), an item met by no fragment (`SkipItem`), and one item met by one to
//! [`MAX_JOIN`] consecutive fragments joined (`Match`: a label broken over lines). A match costs
//! `(1 − similarity) × 1.2`, plus a little per joined fragment, plus a penalty when the values that
//! follow do not fit the item.

/// Most fragments joined into one label.
pub(super) const MAX_JOIN: usize = 8;

/// One step of an alignment path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The next fragment belongs to no item.
    SkipFragment,
    /// The next item has no fragment.
    SkipItem,
    /// The next item is the next `n` fragments joined (at most [`MAX_JOIN`]: a step is two bytes).
    Match(u8),
}

/// What the alignment knows of one fragment.
pub(super) struct Fragment<'a> {
    /// Number of value tokens following the fragment.
    pub(super) values: usize,
    /// Length (in characters) of the key of this fragment joined with the next `count − 1`, at
    /// `[count − 1]`; `None` where that join is impossible (more than one of the fragments carries
    /// values, or the joined text is longer than any label), and then for every longer join too.
    pub(super) joined_key_lengths: [Option<usize>; MAX_JOIN],
    /// The items this fragment alone resembles (similarity ≥ 0.45), in item order.
    pub(super) resembling_items: &'a [usize],
}

/// What the alignment knows of one item.
pub(super) struct AlignItem {
    /// The cost of leaving the item without a fragment.
    pub(super) skip_cost: f32,
    /// The number of values a row takes; `None` for a line that is not a row.
    pub(super) row_values: Option<usize>,
    /// Length of the item's key, in characters.
    pub(super) key_length: usize,
}

/// The similarities of fragments with items.
pub(super) trait Similarities {
    /// Of fragment `fragment` alone with item `item` (0 below 0.45).
    fn single(&self, fragment: usize, item: usize) -> f32;
    /// Of fragments `first..first + count` joined (`count ≥ 2`, key of `key_length` characters) with
    /// `item`; `None` when no pattern of the item is long enough to reach 0.8 with that key (such
    /// a join is never taken), 0 when the join is below 0.8 for another reason.
    fn joined(&mut self, first: usize, count: usize, item: usize, key_length: usize)
        -> Option<f32>;
}

/// The cheapest alignment path of `fragments` with `items`, from the first of each to the end of both.
pub(super) fn align(
    fragments: &[Fragment],
    items: &[AlignItem],
    similarities: &mut dyn Similarities,
) -> Vec<Step> {
    let (fragment_count, item_count) = (fragments.len(), items.len());
    let joins: Vec<usize> = fragments
        .iter()
        .map(|f| {
            f.joined_key_lengths
                .iter()
                .take_while(|x| x.is_some())
                .count()
        })
        .collect();
    let infinity = f32::INFINITY;
    let width = item_count + 1;
    let mut cost = vec![infinity; (fragment_count + 1) * width];
    let mut back = vec![Step::SkipFragment; (fragment_count + 1) * width];
    cost[0] = 0.0;
    // Row by row. A cell (i, j) is relaxed, in this order, by Match(3), Match(2) and Match(1) from rows
    // i−3…i−1, SkipFragment from (i−1, j) and SkipItem from (i, j−1); the first minimum is kept (`<`),
    // so that order decides ties, and each row is processed so as to keep it: (a) the SkipItem sweep
    // along row i (everything from earlier rows is in by then), (b) the matches out of row i, which
    // only reach later rows, and only from the few (i, j) whose fragment resembles item j, (c)
    // SkipFragment into row i+1, after the Match(1) relaxations of that row.
    // The items, longest key first: a join of fragments is compared only with the items whose key
    // is at most one character shorter than the join's (below), a prefix of this list. (The order
    // of the items within a row does not matter: each item relaxes its own cell of row i + count.)
    let mut longest_first: Vec<usize> = (0..item_count).collect();
    longest_first.sort_by_key(|&j| std::cmp::Reverse(items[j].key_length));
    for i in 0..=fragment_count {
        let row = i * width;
        // (a) (the value of the previous cell carried in a register)
        let mut previous = cost[row];
        for j in 0..item_count {
            let candidate = previous + items[j].skip_cost;
            previous = cost[row + j + 1];
            if candidate < previous {
                cost[row + j + 1] = candidate;
                back[row + j + 1] = Step::SkipItem;
                previous = candidate;
            }
        }
        if i == fragment_count {
            break;
        }
        // (b)
        for count in 1..=joins[i] {
            let Some(key_length) = fragments[i].joined_key_lengths[count - 1] else {
                continue;
            };
            let candidates = if count == 1 {
                // (the common case: a fragment unlike every item but one or two)
                fragments[i].resembling_items
            } else {
                let long_enough =
                    longest_first.partition_point(|&j| items[j].key_length + 1 >= key_length);
                &longest_first[..long_enough]
            };
            for &j in candidates {
                let current = cost[row + j];
                if current == infinity {
                    continue;
                }
                // joined text much longer than the label is not that label
                let item_key = items[j].key_length;
                if key_length > item_key * 2 + 4 || (count > 1 && key_length > item_key + 1) {
                    continue;
                }
                // joining fragments must explain the label better than any fragment alone: a
                // fragment that is (almost) the label already rules the join out
                if count > 1 && (i..i + count).any(|f| similarities.single(f, j) + 0.04 >= 1.0) {
                    continue;
                }
                let similarity = if count == 1 {
                    similarities.single(i, j)
                } else {
                    match similarities.joined(i, count, j, key_length) {
                        Some(s) => s,
                        None => continue,
                    }
                };
                if similarity < 0.45 {
                    continue;
                }
                if count > 1
                    && (similarity < 0.8
                        || (i..i + count).any(|f| similarities.single(f, j) + 0.04 >= similarity))
                {
                    continue;
                }
                // (at most one of the joined fragments carries values: [`Fragment`])
                let values_after: usize = fragments[i..i + count].iter().map(|f| f.values).sum();
                let mut step_cost = current + (1.0 - similarity) * 1.2 + 0.03 * (count - 1) as f32;
                match items[j].row_values {
                    Some(columns) => {
                        if values_after != columns && values_after != 0 {
                            step_cost += 0.2;
                        }
                    }
                    None => {
                        if values_after != 0 {
                            step_cost += 0.25;
                        }
                    }
                }
                let target = (i + count) * width + j + 1;
                if step_cost < cost[target] {
                    cost[target] = step_cost;
                    back[target] = Step::Match(count as u8);
                }
            }
        }
        // (c)
        let skip = if fragments[i].values == 0 { 0.3 } else { 1.2 };
        let (this, next) = cost[row..].split_at_mut(width);
        for ((c, d), b) in this
            .iter()
            .zip(&mut next[..width])
            .zip(&mut back[row + width..row + 2 * width])
        {
            let c = c + skip;
            if c < *d {
                *d = c;
                *b = Step::SkipFragment;
            }
        }
    }
    // the path, read backwards from the end
    let mut path = Vec::new();
    let (mut i, mut j) = (fragment_count, item_count);
    while i > 0 || j > 0 {
        let step = back[i * width + j];
        match step {
            Step::SkipFragment => i -= 1,
            Step::SkipItem => j -= 1,
            Step::Match(count) => {
                i -= usize::from(count);
                j -= 1;
            }
        }
        path.push(step);
    }
    path.reverse();
    path
}

/// The path as matches: per item, the first fragment and the number joined; and the fragments
/// matched with no item, in order.
pub(super) fn matches(
    path: &[Step],
    item_count: usize,
) -> (Vec<Option<(usize, usize)>>, Vec<usize>) {
    let mut matched = vec![None; item_count];
    let mut skipped = Vec::new();
    let (mut fragment, mut item) = (0, 0);
    for step in path {
        match *step {
            Step::SkipFragment => {
                skipped.push(fragment);
                fragment += 1;
            }
            Step::SkipItem => item += 1,
            Step::Match(count) => {
                matched[item] = Some((fragment, usize::from(count)));
                fragment += usize::from(count);
                item += 1;
            }
        }
    }
    (matched, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Similarities from a table: `single[fragment][item]`, and joins from a list.
    struct Table {
        single: Vec<Vec<f32>>,
        joins: Vec<((usize, usize, usize), f32)>,
    }

    impl Similarities for Table {
        fn single(&self, fragment: usize, item: usize) -> f32 {
            self.single[fragment][item]
        }
        fn joined(&mut self, first: usize, count: usize, item: usize, _: usize) -> Option<f32> {
            Some(
                self.joins
                    .iter()
                    .find(|(k, _)| *k == (first, count, item))
                    .map_or(0.0, |(_, s)| *s),
            )
        }
    }

    fn rows(n: usize, columns: usize) -> Vec<AlignItem> {
        (0..n)
            .map(|_| AlignItem {
                skip_cost: 1.0,
                row_values: Some(columns),
                key_length: 10,
            })
            .collect()
    }

    fn run(single: Vec<Vec<f32>>, values: &[usize], items: &[AlignItem]) -> Vec<Step> {
        run_with_joins(single, Vec::new(), values, items)
    }

    fn run_with_joins(
        single: Vec<Vec<f32>>,
        joins: Vec<((usize, usize, usize), f32)>,
        values: &[usize],
        items: &[AlignItem],
    ) -> Vec<Step> {
        let resembling: Vec<Vec<usize>> = single
            .iter()
            .map(|r| (0..r.len()).filter(|&j| r[j] >= 0.45).collect())
            .collect();
        let fragments: Vec<Fragment> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| Fragment {
                values: v,
                joined_key_lengths: std::array::from_fn(|k| {
                    (i + k < values.len() && values[i..i + k].iter().all(|&x| x == 0))
                        .then_some(5 * (k + 1))
                }),
                resembling_items: &resembling[i],
            })
            .collect();
        let mut table = Table { single, joins };
        align(&fragments, items, &mut table)
    }

    use Step::*;

    #[test]
    fn identical_labels_match_one_for_one() {
        let single = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
        assert_eq!(run(single, &[2, 2], &rows(2, 2)), [Match(1), Match(1)]);
    }

    #[test]
    fn a_missing_row_is_skipped() {
        let single = vec![vec![1.0, 0.0, 0.0], vec![0.0, 0.0, 0.9]];
        assert_eq!(
            run(single, &[2, 2], &rows(3, 2)),
            [Match(1), SkipItem, Match(1)]
        );
    }

    #[test]
    fn an_unknown_line_is_skipped() {
        let single = vec![vec![1.0, 0.0], vec![0.0, 0.0], vec![0.0, 1.0]];
        assert_eq!(
            run(single, &[2, 0, 2], &rows(2, 2)),
            [Match(1), SkipFragment, Match(1)]
        );
    }

    #[test]
    fn a_label_broken_over_two_lines_is_joined() {
        // fragments 1 and 2 are halves of item 1: alone each resembles it a little, joined fully
        let single = vec![vec![1.0, 0.0], vec![0.0, 0.5], vec![0.0, 0.5]];
        let joins = vec![((1, 2, 1), 1.0)];
        assert_eq!(
            run_with_joins(single, joins, &[2, 0, 2], &rows(2, 2)),
            [Match(1), Match(2)]
        );
    }

    #[test]
    fn a_label_wrapped_below_its_values_is_joined() {
        // pdftotext -layout: 「一、本年 60 0 … 60」 then 「新收政府」 「信息公开」 on lines of their own
        let single = vec![
            vec![0.5, 0.0],
            vec![0.5, 0.0],
            vec![0.4, 0.0],
            vec![0.0, 1.0],
        ];
        let joins = vec![((0, 3, 0), 1.0), ((0, 2, 0), 0.7)];
        let resembling: Vec<Vec<usize>> = single
            .iter()
            .map(|r| (0..r.len()).filter(|&j| r[j] >= 0.45).collect())
            .collect();
        let values = [2, 0, 0, 2];
        let fragments: Vec<Fragment> = (0..4)
            .map(|i| Fragment {
                values: values[i],
                // at most one fragment of a join carries values
                joined_key_lengths: std::array::from_fn(|k| {
                    (i + k < 4 && values[i..=i + k].iter().filter(|&&v| v > 0).count() <= 1)
                        .then_some(5 * (k + 1))
                }),
                resembling_items: &resembling[i],
            })
            .collect();
        let mut table = Table { single, joins };
        let items: Vec<AlignItem> = (0..2)
            .map(|_| AlignItem {
                skip_cost: 1.0,
                row_values: Some(2),
                key_length: 15,
            })
            .collect();
        assert_eq!(align(&fragments, &items, &mut table), [Match(3), Match(1)]);
    }

    #[test]
    fn values_that_do_not_fit_decide_between_similar_rows() {
        // one fragment resembling two rows equally: the row whose number of values fits wins
        let items = vec![
            AlignItem {
                skip_cost: 1.0,
                row_values: Some(7),
                key_length: 10,
            },
            AlignItem {
                skip_cost: 1.0,
                row_values: Some(2),
                key_length: 10,
            },
        ];
        let single = vec![vec![0.9, 0.9]];
        assert_eq!(run(single, &[2], &items), [SkipItem, Match(1)]);
    }

    #[test]
    fn matches_reads_the_path() {
        let (matched, skipped) = matches(&[Match(1), SkipFragment, SkipItem, Match(2)], 3);
        assert_eq!(matched, [Some((0, 1)), None, Some((2, 2))]);
        assert_eq!(skipped, [1]);
    }

    #[test]
    fn nothing_to_align() {
        assert_eq!(run(Vec::new(), &[], &rows(2, 2)), [SkipItem, SkipItem]);
        assert!(run(Vec::new(), &[], &[]).is_empty());
    }
}
