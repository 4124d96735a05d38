//! NB505 overview-coverage: section 一 does not cover one of the five topics.

use super::{Ctx, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::norm::key;

pub static META: RuleMeta = RuleMeta {
    code: "NB505",
    name: "overview-coverage",
    severity: Severity::Info,
    summary: "section 一 does not cover one of the five topics",
    doc: r#"## What it checks
Section 「一、总体情况」 mentions each of the five topics of the template: 主动公开, 依申请公开,
政府信息管理, 平台建设, 监督保障 (usually as sub-heads （一）…（五）).

## Why
The template's guidance asks for all five; evaluators score each.

## Example
An overview with sub-heads 加强组织领导 / 健全工作机制 / 突出重点公开 and no word about 监督保障.

## Fix
Add the missing topic; no automatic fix."#,
};

/// How a topic's normalised key is looked for in the section.
enum KeyPattern {
    /// The key is empty: every text contains it.
    Empty,
    /// The key's characters fold to themselves and nothing else folds to them: the key stands in
    /// the normalised body where its characters stand in the text with only ignorable characters
    /// between them (found without building the normalised body).
    Plain {
        first: Box<memchr::memmem::Finder<'static>>,
        first_len: usize,
        rest: Vec<char>,
    },
    /// Anything else: compared with [`key`] of the body, as written.
    Key(String),
}

/// A topic of a section with its searchers.
struct Topic {
    word: &'static str,
    verbatim: memchr::memmem::Finder<'static>,
    key: KeyPattern,
}

/// A character that [`crate::norm::fold_width`] keeps and that no other character folds to.
fn plain(c: char) -> bool {
    !(('\u{21}'..='\u{7E}').contains(&c)
        || c == ' '
        || ('\u{FF01}'..='\u{FF5E}').contains(&c)
        || c == '\u{3000}')
}

fn first_finder(c: char) -> memchr::memmem::Finder<'static> {
    let mut buf = [0; 4];
    memchr::memmem::Finder::new(c.encode_utf8(&mut buf).as_bytes()).into_owned()
}

fn topic(word: &'static str) -> Topic {
    let k = key(word);
    let mut chars = k.chars();
    let key = match chars.next() {
        None => KeyPattern::Empty,
        Some(c0) if k.chars().all(plain) => KeyPattern::Plain {
            first: Box::new(first_finder(c0)),
            first_len: c0.len_utf8(),
            rest: chars.collect(),
        },
        Some(_) => KeyPattern::Key(k),
    };
    Topic {
        word,
        verbatim: memchr::memmem::Finder::new(word.as_bytes()),
        key,
    }
}

/// Per template, per section (as in `sections`): its topics.
static TOPICS: std::sync::LazyLock<Vec<Vec<Vec<Topic>>>> = std::sync::LazyLock::new(|| {
    crate::template::all()
        .iter()
        .map(|tpl| {
            tpl.sections
                .iter()
                .map(|s| s.subheads.iter().map(|h| topic(h)).collect())
                .collect()
        })
        .collect()
});

/// `key(raw).contains(key(word))` for a [`KeyPattern::Plain`] key.
fn contains_plain(
    raw: &str,
    first: &memchr::memmem::Finder,
    first_len: usize,
    rest: &[char],
) -> bool {
    first.find_iter(raw.as_bytes()).any(|at| {
        let mut chars = raw[at + first_len..].chars();
        rest.iter().all(|&want| {
            chars
                .by_ref()
                .find(|&c| !crate::norm::ignorable(crate::norm::fold_width(c)))
                == Some(want)
        })
    })
}

pub fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = cx.template else { return };
    let Some(topics) = super::per_template(tpl, &TOPICS) else {
        return;
    };
    for (ts, topics) in tpl.sections.iter().zip(topics) {
        if topics.is_empty() {
            continue;
        }
        let Some(s) = cx.report.section(&ts.id) else {
            continue;
        };
        let raw = &cx.text[s.body];
        if raw.trim().is_empty() {
            continue; // NB502
        }
        // most reports write the topics verbatim; the normalised key is built only when needed
        let mut body: Option<String> = None;
        let missing: Vec<&str> = topics
            .iter()
            .filter(|t| {
                t.verbatim.find(raw.as_bytes()).is_none()
                    && !match &t.key {
                        KeyPattern::Empty => true,
                        KeyPattern::Plain {
                            first,
                            first_len,
                            rest,
                        } => contains_plain(raw, first, *first_len, rest),
                        KeyPattern::Key(k) => {
                            body.get_or_insert_with(|| key(raw)).contains(k.as_str())
                        }
                    }
            })
            .map(|t| t.word)
            .collect();
        if !missing.is_empty() {
            out.push(cx.diag(
                &META,
                s.heading_range,
                format!(
                        "「{}」没有写到：{}",
                        s.heading,
                        missing
                            .iter()
                            .map(|m| format!("「{m}」"))
                            .collect::<Vec<_>>()
                            .join("")
                    ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key search without the normalised body finds what `key(raw).contains(key(word))` finds.
    #[test]
    fn plain_keys_agree_with_key() {
        let bodies = [
            "一是主动公开，二是依申请公开",
            "（一）主 动 公 开。（二）依申请\n公开、政府信息管理",
            "平台、建设；监督 保障",
            "主动主动公开 平台建",
            "监督（保障）平台，，建设",
            "主动 公开ａｂ平台建设Ａ",
            "",
        ];
        for word in ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "主动"] {
            let t = topic(word);
            let KeyPattern::Plain {
                first,
                first_len,
                rest,
            } = &t.key
            else {
                panic!("{word} is plain");
            };
            for raw in bodies {
                assert_eq!(
                    contains_plain(raw, first, *first_len, rest),
                    key(raw).contains(&key(word)),
                    "{word} in {raw}"
                );
            }
        }
        assert!(matches!(topic("ＡＢ").key, KeyPattern::Key(_)));
        assert!(matches!(topic("、").key, KeyPattern::Empty));
    }
}
