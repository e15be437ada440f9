//! Parser tables (good and bad input, exact messages), the Display round trip over generated
//! trees, a no-panic sweep over random input, and folding.

use chrono::NaiveDate;

use super::*;
use crate::model::EntityKind;

fn word(text: &str) -> Expr {
    Expr::Term(Term::Word {
        text: text.into(),
        prefix: false,
    })
}

fn t(term: Term) -> Expr {
    Expr::Term(term)
}

fn not(e: Expr) -> Expr {
    Expr::Not(Box::new(e))
}

#[test]
fn good_queries_parse_to_the_expected_tree() {
    let cases: Vec<(&str, Query)> = vec![
        ("", Query::default()),
        ("   ", Query::default()),
        (
            "vucic",
            Query {
                expr: Some(word("vucic")),
                sort: None,
            },
        ),
        (
            "a b",
            Query {
                expr: Some(Expr::And(vec![word("a"), word("b")])),
                sort: None,
            },
        ),
        (
            "a b OR c",
            Query {
                expr: Some(Expr::Or(vec![
                    Expr::And(vec![word("a"), word("b")]),
                    word("c"),
                ])),
                sort: None,
            },
        ),
        (
            "a (b or c)",
            Query {
                expr: Some(Expr::And(vec![
                    word("a"),
                    Expr::Or(vec![word("b"), word("c")]),
                ])),
                sort: None,
            },
        ),
        (
            "-is:read -(x y)",
            Query {
                expr: Some(Expr::And(vec![
                    not(t(Term::Is(Flag::Read))),
                    not(Expr::And(vec![word("x"), word("y")])),
                ])),
                sort: None,
            },
        ),
        (
            r#""prime minister" feed:"Europe desk" tag:world author:smith"#,
            Query {
                expr: Some(Expr::And(vec![
                    t(Term::Phrase("prime minister".into())),
                    t(Term::Feed("Europe desk".into())),
                    t(Term::Tag("world".into())),
                    t(Term::Author("smith".into())),
                ])),
                sort: None,
            },
        ),
        (
            "since:2d before:2026-11-01 today since:12h before:3w",
            Query {
                expr: Some(Expr::And(vec![
                    t(Term::Since(TimeSpec::Ago {
                        amount: 2,
                        unit: TimeUnit::Day,
                    })),
                    t(Term::Before(TimeSpec::Date(
                        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                    ))),
                    t(Term::Today),
                    t(Term::Since(TimeSpec::Ago {
                        amount: 12,
                        unit: TimeUnit::Hour,
                    })),
                    t(Term::Before(TimeSpec::Ago {
                        amount: 3,
                        unit: TimeUnit::Week,
                    })),
                ])),
                sort: None,
            },
        ),
        (
            "person:Vučić place:\"New York\" org:NATO sort:-date",
            Query {
                expr: Some(Expr::And(vec![
                    t(Term::Entity {
                        kind: EntityKind::Person,
                        name: "Vučić".into(),
                    }),
                    t(Term::Entity {
                        kind: EntityKind::Place,
                        name: "New York".into(),
                    }),
                    t(Term::Entity {
                        kind: EntityKind::Org,
                        name: "NATO".into(),
                    }),
                ])),
                sort: Some(Sort::Oldest),
            },
        ),
        (
            "sort:title",
            Query {
                expr: None,
                sort: Some(Sort::Title),
            },
        ),
        (
            "elec* 10:30 e-mail",
            Query {
                expr: Some(Expr::And(vec![
                    t(Term::Word {
                        text: "elec".into(),
                        prefix: true,
                    }),
                    word("10:30"),
                    word("e-mail"),
                ])),
                sort: None,
            },
        ),
        (
            r#""say \"hi\" \\ now""#,
            Query {
                expr: Some(t(Term::Phrase(r#"say "hi" \ now"#.into()))),
                sort: None,
            },
        ),
    ];
    for (input, want) in cases {
        assert_eq!(parse(input), Ok(want), "input {input:?}");
    }
}

#[test]
fn bad_queries_say_where_and_what_was_expected() {
    let cases = [
        ("(a or b", "at 7: expected ')'"),
        ("(a b", "at 4: expected ')'"),
        ("a )", "at 2: unexpected ')'"),
        (")", "at 0: unexpected ')'"),
        ("()", "at 1: expected a term"),
        ("a or", "at 4: expected a term after 'or'"),
        ("a or )", "at 5: expected a term after 'or'"),
        ("or a", "at 0: expected a term before 'or'"),
        ("a -", "at 3: expected a term after '-'"),
        ("a - b", "at 3: expected a term after '-'"),
        ("-)", "at 1: expected a term after '-'"),
        (
            "\"abc",
            "at 4: expected '\"' to close the phrase started at 0",
        ),
        ("x \"\"", "at 2: empty phrase"),
        ("*", "at 0: expected a word before '*'"),
        ("is:", "at 3: expected unread, read or starred after 'is:'"),
        (
            "is:new",
            "at 3: expected unread, read or starred after 'is:'",
        ),
        ("feed:", "at 5: expected a name after 'feed:'"),
        ("a person:\"  \"", "at 9: expected a name after 'person:'"),
        (
            "since:yesterday",
            "at 6: expected a time like 2d, 3w or 2026-11-01 after 'since:'",
        ),
        (
            "before:2026-13-01",
            "at 7: expected a time like 2d, 3w or 2026-11-01 after 'before:'",
        ),
        (
            "since:999999999d",
            "at 6: expected a time like 2d, 3w or 2026-11-01 after 'since:'",
        ),
        (
            "since:2m",
            "at 6: expected a time like 2d, 3w or 2026-11-01 after 'since:'",
        ),
        (
            "sort:newest",
            "at 5: expected date, -date, feed or title after 'sort:'",
        ),
        ("a -sort:date", "at 2: sort: cannot be negated"),
        (
            "(a sort:date)",
            "at 3: sort: applies to the whole query; put it outside the parentheses",
        ),
        ("sort:date a sort:title", "at 12: sort: given twice"),
        (
            "a unread:yes",
            "at 2: unknown filter 'unread:'; expected one of is, feed, url, tag, author, since, \
             before, person, place, org, sort",
        ),
        ("Vučić (", "at 7: expected a term"),
    ];
    for (input, want) in cases {
        match parse(input) {
            Err(e) => assert_eq!(e.to_string(), want, "input {input:?}"),
            Ok(q) => panic!("{input:?} parsed as {q:?}, expected {want:?}"),
        }
    }
}

#[test]
fn nesting_is_bounded() {
    let deep = "(".repeat(MAX_DEPTH + 1) + "a" + &")".repeat(MAX_DEPTH + 1);
    let e = parse(&deep).unwrap_err();
    assert_eq!(e.pos, MAX_DEPTH);
    assert!(e.message.contains("too deeply nested"), "{e}");
    let ok = "(".repeat(MAX_DEPTH) + "a" + &")".repeat(MAX_DEPTH);
    assert_eq!(parse(&ok).unwrap().expr, Some(word("a")));
    let negs = "-".repeat(100_000) + "a";
    assert!(parse(&negs).is_err());
}

#[test]
fn the_word_being_typed_is_a_prefix() {
    let typing = ParseOptions::typing();
    let q = parse_with("is:unread vuc", typing).unwrap();
    assert_eq!(
        q.expr,
        Some(Expr::And(vec![
            t(Term::Is(Flag::Unread)),
            t(Term::Word {
                text: "vuc".into(),
                prefix: true
            })
        ]))
    );
    assert_eq!(q.to_string(), "is:unread vuc*");
    // A finished word (space after it), a phrase or a filter is not a prefix.
    assert_eq!(parse_with("vuc ", typing).unwrap().expr, Some(word("vuc")));
    assert_eq!(
        parse_with("vuc is:read", typing).unwrap().expr,
        Some(Expr::And(vec![word("vuc"), t(Term::Is(Flag::Read))]))
    );
    assert_eq!(parse("vuc").unwrap().expr, Some(word("vuc")));
}

#[test]
fn errors_render_with_a_caret() {
    let input = "(a or b";
    let e = parse(input).unwrap_err();
    assert_eq!(e.render(input), "at 7: expected ')'\n  (a or b\n         ^");
}

/// A deterministic generator of trees the parser can produce.
struct Gen(crate::test_rng::Rng);

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen(crate::test_rng::Rng::new(seed))
    }

    fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0.pick(items)
    }

    fn text(&mut self) -> String {
        const TEXTS: &[&str] = &[
            "Vučić",
            "New York",
            "say \"hi\"",
            "back\\slash",
            "(paren)",
            "a:b",
            "or",
            "today",
            "-minus",
            "x",
            "日本",
            "tab\there",
        ];
        self.pick(TEXTS).to_string()
    }

    fn term(&mut self) -> Term {
        const WORDS: &[&str] = &["vucic", "Vučić", "e-mail", "10:30", "a*b", "x", "Ελλάδα"];
        match self.below(12) {
            0 | 1 => Term::Word {
                text: self.pick(WORDS).into(),
                prefix: self.below(2) == 0,
            },
            2 => Term::Phrase(self.text()),
            3 => Term::Is([Flag::Unread, Flag::Read, Flag::Starred][self.below(3)]),
            4 => Term::Feed(self.text()),
            5 if self.below(2) == 0 => Term::Url(self.text()),
            5 => Term::Tag(self.text()),
            6 => Term::Author(self.text()),
            7 | 8 => {
                let spec = if self.below(2) == 0 {
                    TimeSpec::Ago {
                        amount: self.below(1000) as u32,
                        unit: [TimeUnit::Hour, TimeUnit::Day, TimeUnit::Week][self.below(3)],
                    }
                } else {
                    TimeSpec::Date(
                        NaiveDate::from_ymd_opt(2000 + self.below(40) as i32, 2, 28).unwrap(),
                    )
                };
                if self.below(2) == 0 {
                    Term::Since(spec)
                } else {
                    Term::Before(spec)
                }
            }
            9 => Term::Today,
            _ => Term::Entity {
                kind: [EntityKind::Person, EntityKind::Place, EntityKind::Org][self.below(3)],
                name: self.text(),
            },
        }
    }

    fn expr(&mut self, depth: u32) -> Expr {
        let choice = if depth == 0 { 0 } else { self.below(5) };
        match choice {
            0 | 1 => Expr::Term(self.term()),
            2 => Expr::Not(Box::new(self.expr(depth - 1))),
            3 => Expr::And(
                (0..2 + self.below(2))
                    .map(|_| self.expr(depth - 1))
                    .collect(),
            ),
            _ => Expr::Or(
                (0..2 + self.below(2))
                    .map(|_| self.expr(depth - 1))
                    .collect(),
            ),
        }
    }

    fn query(&mut self) -> Query {
        Query {
            expr: (self.below(8) != 0).then(|| self.expr(4)),
            sort: [
                None,
                Some(Sort::Newest),
                Some(Sort::Oldest),
                Some(Sort::Feed),
            ][self.below(4)]
            .or(if self.below(9) == 0 {
                Some(Sort::Title)
            } else {
                None
            }),
        }
    }
}

#[test]
fn display_parses_back_to_the_same_tree() {
    let mut generator = Gen::new(7);
    let mut kinds = std::collections::HashSet::new();
    for _ in 0..5_000 {
        let query = generator.query();
        if let Some(expr) = &query.expr {
            kinds.insert(std::mem::discriminant(expr));
        }
        let text = query.to_string();
        assert_eq!(parse(&text), Ok(query.clone()), "text {text:?}");
    }
    assert_eq!(kinds.len(), 4, "the generator must make every node kind");
}

#[test]
fn random_input_never_panics_and_good_parses_round_trip() {
    const PIECES: &[&str] = &[
        "(", ")", "\"", "\\", "-", "*", ":", " ", "or", "a", "is:", "unread", "feed:", "sort:",
        "date", "č", "日", "since:", "2d", "today", "\t", "person:", "x",
    ];
    let mut g = Gen::new(99);
    let mut parsed = 0;
    for _ in 0..20_000 {
        let n = g.below(12);
        let input: String = (0..n).map(|_| g.pick(PIECES)).collect();
        if let Ok(q) = parse_with(&input, ParseOptions::typing()) {
            parsed += 1;
            assert_eq!(parse(&q.to_string()), Ok(q.clone()), "input {input:?}");
        }
    }
    assert!(parsed > 1_000, "only {parsed} inputs parsed");
}

#[test]
fn folding_removes_case_and_diacritics() {
    assert_eq!(fold("Vučić"), "vucic");
    assert_eq!(fold("  Aleksandar   VUČIĆ "), "aleksandar vucic");
    assert_eq!(fold("Łódź"), "lodz");
    assert_eq!(fold("Đoković"), "dokovic");
    assert_eq!(fold("São Paulo"), "sao paulo");
    assert_eq!(fold("Straße"), "strasse");
    assert_eq!(fold("Ελλάδα"), "ελλαδα");
    assert_eq!(fold("Zürich"), fold("ZURICH"));
    assert_ne!(fold("Paris"), fold("Parma"));
}
