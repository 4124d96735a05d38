//! Stage 2b: the report's metadata — title, organ, year, statistics period, signature date.

use super::*;

/// Title, organ and year (from the title, the statistics period or the prose) and the signature date.
pub(super) fn read_metadata(text: &str, lines: &[Line], report: &mut Report) {
    // --- title, organ, year
    let first_heading = report
        .sections
        .first()
        .map_or(text.len(), |s| usize::from(s.line_range.start()));
    for line in lines {
        if line.start >= first_heading {
            break;
        }
        let (a, b, _) = strip_markup(text, line.start, line.end);
        let t = trim(&text[a..b]);
        if t.contains("报告")
            && t.contains('年')
            && t.chars().count() <= 80
            && !t.contains("根据")
            && !t.contains("依据")
        {
            let ta = a + text[a..b].find(t).unwrap_or(0);
            report.title = Some((t.to_string(), r(ta, ta + t.len())));
            if let Some((y, yr)) = year_mentions(t, ta).first().copied() {
                report.year = Some(y);
                report.year_source = Some(YearSource::Title);
                let organ = trim(&text[ta..usize::from(yr.start())]);
                if !organ.is_empty() {
                    report.organ = Some(organ.to_string());
                }
            }
            break;
        }
    }
    // statistics period
    let find = |w: &str| memchr::memmem::find(text.as_bytes(), w.as_bytes());
    if let Some(p) = find("统计期限")
        .or_else(|| find("统计期间"))
        .or_else(|| find("统计时限"))
    {
        let window_end = (p + 200).min(text.len());
        let mut we = window_end;
        while !text.is_char_boundary(we) {
            we -= 1;
        }
        if let Some(d) = dates(&text[p..we], p).first() {
            report.period_year = Some((d.year, d.range));
        }
    }
    // prose year: most frequent
    {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for (y, _) in year_mentions(text, 0) {
            match counts.iter_mut().find(|c| c.0 == y) {
                Some(c) => c.1 += 1,
                None => counts.push((y, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        report.prose_year = counts.first().map(|c| c.0);
    }
    if report.year.is_none() {
        if let Some((y, _)) = report.period_year {
            report.year = Some(y);
            report.year_source = Some(YearSource::Period);
        } else if let Some(y) = report.prose_year {
            report.year = Some(y);
            report.year_source = Some(YearSource::Prose);
        }
    }
    // signature: the last line after section 六 (or the last section) that is only a date
    if let Some(last) = report.sections.iter().max_by_key(|s| s.line_range.start()) {
        let from = usize::from(last.body.start());
        for line in lines.iter().rev() {
            if line.start < from {
                break;
            }
            let t = trim(&text[line.start..line.end]);
            if t.is_empty() {
                continue;
            }
            let ds = dates(&text[line.start..line.end], line.start);
            if let Some(d) = ds.last() {
                if ds.len() == 1 && t.chars().count() <= 14 {
                    report.signature = Some(d.clone());
                    break;
                }
            }
        }
    }
}
