#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs: files from ../shared/corpora (third-party
# test data, never committed here) and a few hand-written ones. Safe to run again: libFuzzer
# keeps what it added to the same directories.
set -euo pipefail
cd "$(dirname "$0")"
shared=../../shared/corpora
if [ ! -d "$shared" ]; then
  echo "fuzz/seed.sh: ../shared/corpora is missing; seeding only the hand-written inputs" >&2
fi
seed() { # seed TARGET FILE...: copies each file (at most 1 MB) under a name of its own
  local target=$1; shift
  mkdir -p "corpus/$target"
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 1048576 ] || continue
    cp "$f" "corpus/$target/$(printf '%s' "$f" | sha1sum | cut -c1-16)"
  done
}
files() { [ -d "$1" ] && find "$1" -type f "${@:2}" || true; }

mapfile -t feeds < <(files "$shared/feedparser" -name '*.xml'; files "$shared/feedvalidator" -name '*.xml';
  files "$shared/newsboat" \( -name '*.xml' -o -name '*.atom' \); files "$shared/realworld" \( -name '*.xml' -o -name '*.json' -o -name '*.rss' -o -name '*.atom' \))
seed feed "${feeds[@]}"
mapfile -t html < <(files "$shared/readability" -name '*.html')
seed html_text "${html[@]}"
mapfile -t pages < <(files "$shared/readability" -name 'source.html')
seed fulltext "${pages[@]}"
mapfile -t opml < <(files "$shared/newsboat" -name '*.opml'; files "$shared/feedvalidator/opml" -type f)
seed import "${opml[@]}"
seed config ../config/*.toml
# Plain text for the extractor: the readability pages' expected text, and the seed article.
mapfile -t texts < <(files "$shared/readability" -name 'expected.html' | head -100; files "$shared/../seed" -name '*.txt')
seed entities "${texts[@]}"

# The sync client's answers, recorded from FreshRSS: the first byte picks the decoder (see
# fuzz_targets/greader_json.rs), the rest is the body.
greader() { # greader SELECTOR FILE...
  mkdir -p corpus/greader_json
  local f
  for f in "${@:2}"; do
    { printf "\\$(printf '%03o' "$1")"; cat "$f"; } >"corpus/greader_json/$(basename "$f").$1"
  done
}
rec=../tests/fixtures/greader
greader 0 "$rec"/stream_contents_*.json "$rec"/items_contents.json
greader 1 "$rec"/items_ids_*.json
greader 2 "$rec"/subscription_list.json
greader 3 "$rec"/unread_count.json
greader 4 "$rec"/quickadd_error.json

hand() { # hand TARGET NAME TEXT: one hand-written seed
  mkdir -p "corpus/$1"
  printf '%s' "$3" > "corpus/$1/hand-$2"
}
i=0
for q in 'vucic' 'a b' '"a phrase" word*' 'is:unread or is:starred' '-feed:bbc tag:news' \
  'since:2d before:2026-11-01 today' '(place:kosovo or place:serbia) since:1w' \
  'person:"Aleksandar Vučić" org:NATO sort:-date' 'author:x sort:title (a or (b -c))'; do
  hand query "$i" "$q"; i=$((i + 1))
done
hand import urls $'https://example.org/feed.xml tag1 "~My Title" "two words"\n# comment\nquery:x:unread = "yes"\nexec:foo\nhttp://b.example/rss\n'
hand import opml '<?xml version="1.0"?><opml version="2.0"><body><outline text="News"><outline type="rss" text="A" xmlUrl="https://a.example/feed"/></outline></body></opml>'
hand config feeds $'[settings]\nkeep_days = 30\nmax_feed_mb = 2\n\n[[feeds]]\nurl = "https://example.org/feed.xml"\ntags = ["news"]\n\n[keys]\nquit = ["q", "ctrl-c"]\n\n[[views]]\nname = "Balkans"\nquery = "place:kosovo since:1w"\n'
hand entities news 'Aleksandar Vučić met NATO officials in Pristina on Monday, said Jane Doe of the BBC in London.'
for t in corpus/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
