//! Reshaping what the store answers for the session: an article's mentions grouped by
//! entity, and a query narrowed to its unread articles. Pure functions, apart so that
//! `session` stays a door and not a workshop.

use super::ArticleEntity;
use crate::query::{Expr, Flag, Query, Term};
use crate::store::StoredMention;

/// One article's mentions grouped by entity: most-mentioned first, ties in order of first
/// mention.
pub fn group_mentions(mentions: Vec<StoredMention>) -> Vec<ArticleEntity> {
    let mut out: Vec<ArticleEntity> = Vec::new();
    for m in mentions {
        match out.iter_mut().find(|e| e.id == m.entity) {
            Some(e) => e.spans.push((m.start, m.end)),
            None => out.push(ArticleEntity {
                id: m.entity,
                kind: m.kind,
                name: m.name,
                coords: m.lat.zip(m.lon),
                spans: vec![(m.start, m.end)],
            }),
        }
    }
    for e in &mut out {
        e.spans.sort_unstable();
    }
    // Stable: equal counts keep the order of their first mention.
    out.sort_by_key(|e| std::cmp::Reverse(e.spans.len()));
    out
}

/// `query` with `is:unread` added.
pub(super) fn unread(query: Query) -> Query {
    let flag = Expr::Term(Term::Is(Flag::Unread));
    Query {
        expr: Some(match query.expr {
            Some(e) => Expr::And(vec![e, flag]),
            None => flag,
        }),
        sort: query.sort,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use crate::query::parse;

    fn mention(entity: i64, kind: EntityKind, name: &str, start: u32) -> StoredMention {
        StoredMention {
            entity,
            kind,
            name: name.into(),
            start,
            end: start + 3,
            lat: (kind == EntityKind::Place).then_some(44.8),
            lon: (kind == EntityKind::Place).then_some(20.5),
        }
    }

    #[test]
    fn group_mentions_counts_per_entity_most_mentioned_first() {
        let grouped = group_mentions(vec![
            mention(7, EntityKind::Person, "Jens Stoltenberg", 0),
            mention(3, EntityKind::Place, "Belgrade", 10),
            mention(9, EntityKind::Org, "NATO", 20),
            mention(3, EntityKind::Place, "Belgrade", 30),
            mention(9, EntityKind::Org, "NATO", 40),
            mention(3, EntityKind::Place, "Belgrade", 50),
        ]);
        let summary: Vec<(&str, usize)> = grouped
            .iter()
            .map(|e| (e.name.as_str(), e.spans.len()))
            .collect();
        assert_eq!(
            summary,
            [("Belgrade", 3), ("NATO", 2), ("Jens Stoltenberg", 1)]
        );
        assert_eq!(grouped[0].coords, Some((44.8, 20.5)));
        assert_eq!(grouped[0].spans, [(10, 13), (30, 33), (50, 53)]);
        assert_eq!(grouped[2].coords, None);
        assert!(group_mentions(Vec::new()).is_empty());
    }

    #[test]
    fn unread_adds_the_flag() {
        assert_eq!(unread(Query::default()), parse("is:unread").unwrap());
        assert_eq!(
            unread(parse("tag:a or tag:b").unwrap()).to_string(),
            parse("(tag:a or tag:b) is:unread").unwrap().to_string()
        );
    }
}
