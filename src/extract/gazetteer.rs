//! Word lists the entity tagger and the geocoder consult: names, places, organisations, cues.
//!
//! Why it exists: a small offline tagger cannot know that "Priština" is a city or "Jens" a
//! given name; these gazetteers, generated from open registry data by
//! `scripts/build_gazetteers.py` and embedded with `include_bytes!`, tell it. Loading is a
//! handful of header checks over static bytes (no parsing of the big tables), so first use costs
//! well under a millisecond.
//!
//! What it must not do: no I/O at call time, no tagging decisions (that is the tagger's job:
//! flags are evidence, matched case-insensitively, so "who" carries the ORG flag of WHO).
//!
//! # Formats (all little-endian, produced by the build script)
//! - `words.fst`: an [`fst::Map`] from a [`fold`]ed word or phrase (tokens joined by single
//!   spaces) to `flags | postings_start << 16 | postings_count << 40`.
//! - `places.bin`: `b"DLPL"`, then u32 version, place count, postings count and name-blob length;
//!   then 26-byte place records (lat and lon as i32 micro-degrees, u64 population, u32 name
//!   offset, u16 name length, 2-byte country code, u8 kind, 1 pad byte), most populous first;
//!   then u32 place ids (the postings); then the UTF-8 name blob.
//! - `countries.tsv`: code, name, continent, capital; `demonyms.tsv`: folded demonym, code.
//! - `landmarks.tsv` and `areas.tsv` (written by hand): folded name, display name, code (may be
//!   empty in `areas.tsv`), lat, lon; `people-countries.tsv` (written by hand): a person's
//!   name as the build script lists it, and the code of the country they are news of.

use std::ops::{BitOr, BitOrAssign};
use std::sync::OnceLock;

use fst::raw::Output;

use crate::fold::fold;

const WORDS_FST: &[u8] = include_bytes!("../../assets/gazetteer/words.fst");
const PLACES_BIN: &[u8] = include_bytes!("../../assets/gazetteer/places.bin");
const COUNTRIES_TSV: &str = include_str!("../../assets/gazetteer/countries.tsv");
const DEMONYMS_TSV: &str = include_str!("../../assets/gazetteer/demonyms.tsv");
const LANDMARKS_TSV: &str = include_str!("../../assets/gazetteer/landmarks.tsv");
const AREAS_TSV: &str = include_str!("../../assets/gazetteer/areas.tsv");
const PEOPLE_COUNTRIES_TSV: &str = include_str!("../../assets/gazetteer/people-countries.tsv");
const ORG_NAMES_TSV: &str = include_str!("../../assets/gazetteer/org-names.tsv");

const PLACES_MAGIC: &[u8; 4] = b"DLPL";
const PLACES_VERSION: u32 = 1;
const HEADER_LEN: usize = 20;
const RECORD_LEN: usize = 26;
/// Longest phrase [`Gazetteers::phrase_matches`] looks for, in tokens.
pub const MAX_PHRASE_TOKENS: usize = 6;
/// Most candidates [`Gazetteers::places`] returns.
pub const MAX_PLACES: usize = 20;

/// Why the gazetteer data could not be used.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("the gazetteer word index is damaged: {0}")]
    Words(#[from] fst::Error),
    #[error("the gazetteer place table is damaged: {0}")]
    Places(&'static str),
}

/// Bit flags for what a word or phrase is in the gazetteers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct GazFlags(pub u16);

impl GazFlags {
    /// No flag: the word is in no list.
    pub const NONE: GazFlags = GazFlags(0);
    /// A given name ("jens", "aleksandar").
    pub const GIVEN_NAME: GazFlags = GazFlags(1 << 0);
    /// A surname ("stoltenberg").
    pub const SURNAME: GazFlags = GazFlags(1 << 1);
    /// Any place: a city, admin area, country, continent or region.
    pub const PLACE: GazFlags = GazFlags(1 << 2);
    /// A country name or common short form ("kosovo", "u.s.", "uk").
    pub const COUNTRY: GazFlags = GazFlags(1 << 3);
    /// The name of a national capital.
    pub const CAPITAL: GazFlags = GazFlags(1 << 4);
    /// A continent or a region such as "middle east" or "balkans".
    pub const CONTINENT: GazFlags = GazFlags(1 << 5);
    /// A demonym ("serbian", "kosovar", "french"); see [`Gazetteers::demonym_country`].
    pub const DEMONYM: GazFlags = GazFlags(1 << 6);
    /// A word that ends or marks an organisation name ("ministry", "party", "inc").
    pub const ORG_CUE: GazFlags = GazFlags(1 << 7);
    /// A well-known organisation name or acronym ("nato", "un", "european union").
    pub const ORG: GazFlags = GazFlags(1 << 8);
    /// A title before a person ("president", "mr", "secretary-general").
    pub const PER_CUE: GazFlags = GazFlags(1 << 9);
    /// A word in place names ("river", "mount", "province").
    pub const LOC_CUE: GazFlags = GazFlags(1 << 10);
    /// A person who recurs in international news, full name or usual surname ("volodymyr
    /// zelensky", "zelensky"); a short list written for this project.
    pub const PERSON: GazFlags = GazFlags(1 << 11);

    /// Flags that make a multi-word key a phrase for [`Gazetteers::phrase_matches`].
    pub const PHRASE: GazFlags = GazFlags(
        Self::PLACE.0
            | Self::COUNTRY.0
            | Self::CAPITAL.0
            | Self::CONTINENT.0
            | Self::ORG.0
            | Self::PERSON.0,
    );

    /// True when every flag of `other` is set in `self` (and `other` is not empty).
    pub fn contains(self, other: GazFlags) -> bool {
        other.0 != 0 && self.0 & other.0 == other.0
    }

    /// True when `self` and `other` share at least one flag.
    pub fn intersects(self, other: GazFlags) -> bool {
        self.0 & other.0 != 0
    }

    /// Both sets of flags.
    pub fn union(self, other: GazFlags) -> GazFlags {
        GazFlags(self.0 | other.0)
    }

    /// True when no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl BitOr for GazFlags {
    type Output = GazFlags;
    fn bitor(self, rhs: GazFlags) -> GazFlags {
        self.union(rhs)
    }
}

impl BitOrAssign for GazFlags {
    fn bitor_assign(&mut self, rhs: GazFlags) {
        self.0 |= rhs.0;
    }
}

/// What sort of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A GeoNames city of 15,000 people or more.
    City,
    /// A first-level division (US state, province). The sources give no coordinates for
    /// these, so `lat`/`lon` are the country's centroid and `population` is 0.
    Admin,
    /// A country; coordinates are its centroid.
    Country,
    /// A continent; `country_code` is empty.
    Continent,
    /// A region such as "Middle East" or "Balkans", with approximate centre; no country code.
    Region,
    /// A building, street or compound that names the institution inside it ("White House",
    /// "Kremlin"), from `landmarks.tsv`; never in `places.bin`.
    Landmark,
    /// A region or territory the GeoNames tables lack ("Gaza Strip", "Darfur", "Crimea"), from
    /// `areas.tsv`, with an approximate centre; no country code when it spans or is disputed
    /// between several. Never in `places.bin`.
    Area,
    /// A place the gazetteer does not know, named after one it does ("Northern Italy",
    /// "Vancouver Children's Hospital", "Canadian Rockies"), put in a state by an apposition
    /// ("Cook County, Illinois") or in the one country its article is clearly about ("Tumbler
    /// Ridge" in a story about Canada): it keeps its own name and takes that place's country
    /// and coordinates (a country's centre, for the last). Made by the resolver, never in
    /// `places.bin`.
    Inside,
}

impl PlaceKind {
    fn from_code(code: u8) -> Option<PlaceKind> {
        Some(match code {
            0 => PlaceKind::City,
            1 => PlaceKind::Admin,
            2 => PlaceKind::Country,
            3 => PlaceKind::Continent,
            4 => PlaceKind::Region,
            _ => return None,
        })
    }
}

/// One place a name may refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The GeoNames (or source) name, with its diacritics.
    pub name: String,
    /// ISO 3166-1 alpha-2 code; empty for continents and regions.
    pub country_code: String,
    pub lat: f32,
    pub lon: f32,
    /// 0 when the source gives none.
    pub population: u64,
    pub kind: PlaceKind,
}

/// Where the gazetteer's phrases that begin with a word continue (see
/// [`Gazetteers::phrase_start`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseStart {
    addr: fst::raw::CompiledAddr,
    out: u64,
}

/// A phrase found by [`Gazetteers::phrase_matches`]: tokens `start..end` (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    pub start: usize,
    pub end: usize,
    pub flags: GazFlags,
}

/// The packed place table over static bytes; records are decoded on demand.
struct PlaceTable {
    data: &'static [u8],
    count: usize,
    postings_at: usize,
    postings_len: usize,
    names_at: usize,
}

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

impl PlaceTable {
    fn parse(data: &'static [u8]) -> Result<PlaceTable, GazetteerError> {
        let err = GazetteerError::Places;
        if data.get(..4) != Some(PLACES_MAGIC.as_slice()) {
            return Err(err("wrong magic bytes"));
        }
        let field = |i: usize| read_u32(data, 4 + 4 * i).map(|v| v as usize);
        let (Some(version), Some(count), Some(postings_len), Some(names_len)) =
            (field(0), field(1), field(2), field(3))
        else {
            return Err(err("truncated header"));
        };
        if version != PLACES_VERSION as usize {
            return Err(err("unknown format version"));
        }
        let postings_at = HEADER_LEN + count * RECORD_LEN;
        let names_at = postings_at + postings_len * 4;
        if names_at + names_len != data.len() {
            return Err(err("length does not match its header"));
        }
        Ok(PlaceTable {
            data,
            count,
            postings_at,
            postings_len,
            names_at,
        })
    }

    fn empty() -> PlaceTable {
        PlaceTable {
            data: &[],
            count: 0,
            postings_at: 0,
            postings_len: 0,
            names_at: 0,
        }
    }

    fn place(&self, id: usize) -> Option<Place> {
        if id >= self.count {
            return None;
        }
        let at = HEADER_LEN + id * RECORD_LEN;
        let rec = self.data.get(at..at + RECORD_LEN)?;
        let i32_at = |o: usize| i32::from_le_bytes([rec[o], rec[o + 1], rec[o + 2], rec[o + 3]]);
        let lat = i32_at(0) as f32 / 1e6;
        let lon = i32_at(4) as f32 / 1e6;
        let mut pop = [0u8; 8];
        pop.copy_from_slice(&rec[8..16]);
        let name_off = read_u32(rec, 16)? as usize;
        let name_len = u16::from_le_bytes([rec[20], rec[21]]) as usize;
        let cc = &rec[22..24];
        let kind = PlaceKind::from_code(rec[24])?;
        let start = self.names_at.checked_add(name_off)?;
        let name = std::str::from_utf8(self.data.get(start..start.checked_add(name_len)?)?).ok()?;
        let country_code = if cc == [0, 0] {
            String::new()
        } else {
            std::str::from_utf8(cc).ok()?.to_string()
        };
        Some(Place {
            name: name.to_string(),
            country_code,
            lat,
            lon,
            population: u64::from_le_bytes(pop),
            kind,
        })
    }

    fn posting(&self, index: usize) -> Option<usize> {
        if index >= self.postings_len {
            return None;
        }
        read_u32(self.data, self.postings_at + 4 * index).map(|v| v as usize)
    }
}

/// The gazetteers: a word/phrase index, a place table, country names and demonyms.
pub struct Gazetteers {
    words: Option<fst::Map<&'static [u8]>>,
    places: PlaceTable,
    /// (code, name), sorted by code.
    countries: Vec<(&'static str, &'static str)>,
    /// (folded demonym, code), sorted by demonym.
    demonyms: Vec<(&'static str, &'static str)>,
    /// (folded name, place), sorted by name.
    landmarks: Vec<(&'static str, Place)>,
    /// (folded full name, country code), sorted by name; people of no one country left out.
    people: Vec<(String, &'static str)>,
    /// (folded name, display name) of organisations known under several names ("eu" ->
    /// "European Union"), sorted by name; see `org-names.tsv`.
    org_names: Vec<(String, &'static str)>,
}

/// Rows of `landmarks.tsv` or `areas.tsv` as places of `kind`; a malformed row is skipped (a
/// unit test checks there are none).
fn landmark_rows(text: &'static str, kind: PlaceKind) -> Vec<(&'static str, Place)> {
    let mut rows: Vec<_> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let key = cols.next()?;
            let place = Place {
                name: cols.next()?.to_string(),
                country_code: cols.next()?.to_string(),
                lat: cols.next()?.parse().ok()?,
                lon: cols.next()?.parse().ok()?,
                population: 0,
                kind,
            };
            Some((key, place))
        })
        .collect();
    rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
    rows
}

/// Rows of a tab-separated file, skipping `#` comments and blank lines.
fn tsv_pairs(text: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<_> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?, cols.next()?))
        })
        .collect();
    rows.sort_unstable();
    rows
}

impl Gazetteers {
    /// The gazetteers shipped in assets/, loaded once on first use from `include_bytes!` data.
    ///
    /// Loading only checks headers, so it is fast (well under 20 ms). Should the embedded data
    /// be damaged (a broken build), the error is logged and an empty gazetteer is returned, so
    /// extraction degrades instead of failing.
    pub fn embedded() -> &'static Gazetteers {
        static GAZ: OnceLock<Gazetteers> = OnceLock::new();
        GAZ.get_or_init(|| {
            Gazetteers::from_bytes(WORDS_FST, PLACES_BIN, COUNTRIES_TSV, DEMONYMS_TSV)
                .map(|g| {
                    g.with_landmarks(LANDMARKS_TSV, AREAS_TSV)
                        .with_people(PEOPLE_COUNTRIES_TSV)
                        .with_org_names(ORG_NAMES_TSV)
                })
                .unwrap_or_else(|e| {
                    tracing::error!("embedded gazetteers unusable, entity hints disabled: {e}");
                    Gazetteers::empty()
                })
        })
    }

    /// Gazetteers over data in the formats described in the module docs.
    pub fn from_bytes(
        words_fst: &'static [u8],
        places_bin: &'static [u8],
        countries_tsv: &'static str,
        demonyms_tsv: &'static str,
    ) -> Result<Gazetteers, GazetteerError> {
        Ok(Gazetteers {
            words: Some(fst::Map::new(words_fst)?),
            places: PlaceTable::parse(places_bin)?,
            countries: tsv_pairs(countries_tsv),
            demonyms: tsv_pairs(demonyms_tsv),
            landmarks: Vec::new(),
            people: Vec::new(),
            org_names: Vec::new(),
        })
    }

    /// These gazetteers with the places of a `landmarks.tsv` and an `areas.tsv`.
    pub fn with_landmarks(
        mut self,
        landmarks_tsv: &'static str,
        areas_tsv: &'static str,
    ) -> Gazetteers {
        let mut rows = landmark_rows(landmarks_tsv, PlaceKind::Landmark);
        rows.extend(landmark_rows(areas_tsv, PlaceKind::Area));
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        self.landmarks = rows;
        self
    }

    /// A gazetteer that knows nothing.
    pub fn empty() -> Gazetteers {
        Gazetteers {
            words: None,
            places: PlaceTable::empty(),
            countries: Vec::new(),
            demonyms: Vec::new(),
            landmarks: Vec::new(),
            people: Vec::new(),
            org_names: Vec::new(),
        }
    }

    /// These gazetteers with the organisations of an `org-names.tsv`: each row a display
    /// name and the other names of one organisation, tab-separated. Every name, the display
    /// name too, is keyed folded and without a leading "the", as
    /// [`crate::extract::resolve::fold_key`] keys an organisation.
    pub fn with_org_names(mut self, tsv: &'static str) -> Gazetteers {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for line in tsv
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let mut names = line.split('\t').map(str::trim).filter(|n| !n.is_empty());
            let Some(display) = names.next() else {
                continue;
            };
            for name in std::iter::once(display).chain(names) {
                let key = fold(&name.split_whitespace().collect::<Vec<_>>().join(" "));
                let key = key.strip_prefix("the ").map(str::to_string).unwrap_or(key);
                rows.push((key, display));
            }
        }
        rows.sort_unstable();
        rows.dedup_by(|a, b| a.0 == b.0);
        self.org_names = rows;
        self
    }

    /// The display name of the organisation known by the folded name `key` ("imf" ->
    /// "International Monetary Fund"), if `org-names.tsv` lists it.
    pub fn org_name(&self, key: &str) -> Option<&'static str> {
        self.org_names
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| self.org_names[i].1)
    }

    /// The stored value of a folded key, retrying without a trailing "'s" or ".".
    fn value(&self, key: &str) -> Option<u64> {
        let words = self.words.as_ref()?;
        words
            .get(key)
            .or_else(|| key.strip_suffix("'s").and_then(|k| words.get(k)))
            .or_else(|| key.strip_suffix('.').and_then(|k| words.get(k)))
    }

    /// Flags of one word (or a whole phrase), matched case-insensitively and
    /// diacritics-folded ("Vučić" == "vucic"). A possessive "'s" or a trailing full stop is
    /// dropped when the word as written is unknown ("Serbia's", "Inc.").
    pub fn word_flags(&self, word: &str) -> GazFlags {
        self.folded_word_flags(&fold(word))
    }

    /// [`Gazetteers::word_flags`] of a word already folded.
    pub fn folded_word_flags(&self, folded: &str) -> GazFlags {
        self.value(folded)
            .map_or(GazFlags::NONE, |v| GazFlags((v & 0xFFFF) as u16))
    }

    /// Longest multi-word matches (2 to [`MAX_PHRASE_TOKENS`] tokens) of place, country,
    /// capital, region/continent and organisation phrases, non-overlapping, left to right
    /// ("New York", "Bosnia and Herzegovina", "United Nations"). Tokens are folded and joined
    /// with single spaces; single words are left to [`Gazetteers::word_flags`].
    pub fn phrase_matches(&self, tokens: &[&str]) -> Vec<GazMatch> {
        let folded: Vec<String> = tokens.iter().map(|t| fold(t)).collect();
        self.phrase_matches_folded(&folded)
    }

    /// [`Gazetteers::phrase_matches`] of tokens already folded (`fold` of each).
    pub fn phrase_matches_folded<S: AsRef<str>>(&self, folded: &[S]) -> Vec<GazMatch> {
        let starts: Vec<Option<PhraseStart>> = folded
            .iter()
            .map(|t| self.phrase_start(t.as_ref()))
            .collect();
        self.phrase_matches_from(folded, &starts)
    }

    /// Where the phrases that begin with the folded word `folded` continue: the gazetteer's
    /// state after the word and a space; `None` when no phrase begins with it (most words).
    /// A function of the word alone, so a caller may remember it.
    pub fn phrase_start(&self, folded: &str) -> Option<PhraseStart> {
        let words = self.words.as_ref()?;
        if folded.is_empty() {
            return None;
        }
        let fst = words.as_fst();
        let mut node = fst.root();
        let mut out = Output::zero();
        for byte in folded.bytes().chain(std::iter::once(b' ')) {
            let tr = node.transition(node.find_input(byte)?);
            out = out.cat(tr.out);
            node = fst.node(tr.addr);
        }
        Some(PhraseStart {
            addr: node.addr(),
            out: out.value(),
        })
    }

    /// [`Gazetteers::phrase_matches_folded`] with each token's [`Gazetteers::phrase_start`]
    /// at hand (`starts[i]` of `folded[i]`).
    pub fn phrase_matches_from<S: AsRef<str>>(
        &self,
        folded: &[S],
        starts: &[Option<PhraseStart>],
    ) -> Vec<GazMatch> {
        let Some(words) = self.words.as_ref() else {
            return Vec::new();
        };
        let fst = words.as_fst();
        let mut matches = Vec::new();
        let mut i = 0;
        while i < folded.len() {
            let mut best: Option<GazMatch> = None;
            if let Some(Some(start)) = starts.get(i) {
                // After the first token and the space that follows it.
                let mut node = fst.node(start.addr);
                let mut out = Output::new(start.out);
                'walk: for (j, token) in folded
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .take(MAX_PHRASE_TOKENS - 1)
                {
                    let token = token.as_ref();
                    if token.is_empty() {
                        break;
                    }
                    let sep = if j > i + 1 { Some(b' ') } else { None };
                    for byte in sep.into_iter().chain(token.bytes()) {
                        let Some(t) = node.find_input(byte) else {
                            break 'walk;
                        };
                        let tr = node.transition(t);
                        out = out.cat(tr.out);
                        node = fst.node(tr.addr);
                    }
                    if node.is_final() {
                        let value = out.cat(node.final_output()).value();
                        let flags = GazFlags((value & 0xFFFF) as u16);
                        if flags.intersects(GazFlags::PHRASE) {
                            best = Some(GazMatch {
                                start: i,
                                end: j + 1,
                                flags,
                            });
                        }
                    }
                }
            }
            match best {
                Some(m) => {
                    i = m.end;
                    matches.push(m);
                }
                None => i += 1,
            }
        }
        matches
    }

    /// Candidate places for a name (folded, so spelling with or without diacritics both
    /// work), most populous first, at most [`MAX_PLACES`].
    pub fn places(&self, name: &str) -> Vec<Place> {
        let Some(value) = self.value(&fold(name)) else {
            return Vec::new();
        };
        let start = ((value >> 16) & 0xFF_FFFF) as usize;
        let count = ((value >> 40) & 0xFF) as usize;
        (start..start + count)
            .filter_map(|i| self.places.posting(i))
            .filter_map(|id| self.places.place(id))
            .take(MAX_PLACES)
            .collect()
    }

    /// Country name for an ISO 3166-1 alpha-2 code (any case), e.g. "RS" -> "Serbia".
    pub fn country_name(&self, code: &str) -> Option<&str> {
        let code = code.to_ascii_uppercase();
        self.countries
            .binary_search_by(|(c, _)| (*c).cmp(code.as_str()))
            .ok()
            .map(|i| self.countries[i].1)
    }

    /// These gazetteers with the countries of the people of a `people-countries.tsv`.
    pub fn with_people(mut self, tsv: &'static str) -> Gazetteers {
        let mut rows: Vec<(String, &'static str)> = tsv_pairs(tsv)
            .into_iter()
            .filter(|(_, code)| !code.is_empty())
            .map(|(name, code)| (fold(name), code))
            .collect();
        rows.sort_unstable();
        rows.dedup_by(|a, b| a.0 == b.0);
        self.people = rows;
        self
    }

    /// The country a person named in full is news of ("Emmanuel Macron" -> "FR"), for the
    /// few hundred people the gazetteer lists.
    pub fn person_country(&self, name: &str) -> Option<&'static str> {
        let key = fold(name);
        self.people
            .binary_search_by(|(k, _)| k.as_str().cmp(key.as_str()))
            .ok()
            .map(|i| self.people[i].1)
    }

    /// The building, street or compound a name stands for ("White House", "the Kremlin"), or
    /// the region the GeoNames tables lack ("Gaza Strip"), if it is one: such a name is placed
    /// there, whatever towns share its words.
    pub fn landmark(&self, name: &str) -> Option<Place> {
        let key = fold(name);
        let key = key.strip_prefix("the ").unwrap_or(&key);
        self.landmarks
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| self.landmarks[i].1.clone())
    }

    /// ISO 3166-1 alpha-2 code of the country a demonym belongs to ("Serbian" -> "RS").
    pub fn demonym_country(&self, word: &str) -> Option<&str> {
        let key = fold(word);
        self.demonyms
            .binary_search_by(|(d, _)| (*d).cmp(key.as_str()))
            .ok()
            .map(|i| self.demonyms[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> &'static Gazetteers {
        Gazetteers::embedded()
    }

    /// The build script folds every key with the rules of [`fold`]; a key that folds to
    /// something else could never be found.
    #[test]
    fn every_shipped_key_is_already_folded() {
        use fst::Streamer;
        let words = gaz().words.as_ref().expect("embedded word index");
        let mut stream = words.stream();
        let mut n = 0;
        while let Some((key, _)) = stream.next() {
            let key = std::str::from_utf8(key).expect("UTF-8 key");
            assert_eq!(fold(key), key);
            n += 1;
        }
        assert!(n > 100_000, "{n} keys");
        assert!(!gaz().demonyms.is_empty());
        for (demonym, _) in &gaz().demonyms {
            assert_eq!(fold(demonym), *demonym);
        }
    }

    #[test]
    fn paris_has_candidates_in_france_and_the_us() {
        let places = gaz().places("Paris");
        assert!(places.iter().any(|p| p.country_code == "FR"));
        assert!(places.iter().any(|p| p.country_code == "US"));
        assert_eq!(
            places[0].country_code, "FR",
            "the most populous Paris first"
        );
        assert!((places[0].lat - 48.85).abs() < 0.1 && (places[0].lon - 2.35).abs() < 0.1);
    }

    #[test]
    fn places_are_sorted_by_population_and_capped() {
        for name in ["Paris", "San Jose", "Springfield", "Georgia"] {
            let places = gaz().places(name);
            assert!(!places.is_empty(), "{name}");
            assert!(places.len() <= MAX_PLACES);
            assert!(
                places
                    .windows(2)
                    .all(|w| w[0].population >= w[1].population),
                "{name}: {places:?}"
            );
        }
        assert!(gaz().places("Xqzzyville").is_empty());
    }

    #[test]
    fn pristina_found_with_and_without_diacritics() {
        for name in ["Priština", "Pristina", "PRISHTINA"] {
            let places = gaz().places(name);
            assert!(
                places
                    .iter()
                    .any(|p| p.country_code == "XK" && p.kind == PlaceKind::City),
                "{name}: {places:?}"
            );
            assert!(
                gaz()
                    .word_flags(name)
                    .contains(GazFlags::PLACE | GazFlags::CAPITAL)
            );
        }
    }

    #[test]
    fn person_names() {
        assert!(gaz().word_flags("Jens").contains(GazFlags::GIVEN_NAME));
        assert!(gaz().word_flags("Stoltenberg").contains(GazFlags::SURNAME));
        assert!(
            gaz()
                .word_flags("Aleksandar")
                .contains(GazFlags::GIVEN_NAME)
        );
        assert!(!gaz().word_flags("Stoltenberg").contains(GazFlags::PLACE));
    }

    #[test]
    fn landmarks_are_folded_and_every_row_parses() {
        for (tsv, kind) in [
            (LANDMARKS_TSV, PlaceKind::Landmark),
            (AREAS_TSV, PlaceKind::Area),
        ] {
            let rows = tsv
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .count();
            let parsed = landmark_rows(tsv, kind);
            assert_eq!(parsed.len(), rows, "a {kind:?} row does not parse");
            for (key, place) in &parsed {
                assert_eq!(fold(key), *key, "key not folded");
                assert!(!key.starts_with("the "), "{key}: keys go without \"the\"");
                if kind == PlaceKind::Landmark || !place.country_code.is_empty() {
                    assert!(gaz().country_name(&place.country_code).is_some(), "{key}");
                }
                assert!(
                    (-90.0..=90.0).contains(&place.lat) && (-180.0..=180.0).contains(&place.lon)
                );
            }
        }
        let mut keys: Vec<&str> = gaz().landmarks.iter().map(|(k, _)| *k).collect();
        keys.dedup();
        assert_eq!(keys.len(), gaz().landmarks.len(), "a key is in both files");
        assert_eq!(gaz().landmark("the Gaza Strip").unwrap().country_code, "PS");
        assert_eq!(gaz().landmark("Kashmir").unwrap().country_code, "");
        let white_house = gaz().landmark("the White House").unwrap();
        assert_eq!(
            (white_house.name.as_str(), white_house.country_code.as_str()),
            ("White House", "US")
        );
        assert_eq!(gaz().landmark("KREMLIN").unwrap().country_code, "RU");
        assert!(gaz().landmark("Paris").is_none());
    }

    #[test]
    fn people_have_their_countries() {
        assert_eq!(gaz().person_country("Emmanuel Macron"), Some("FR"));
        assert_eq!(gaz().person_country("EMMANUEL MACRON"), Some("FR"));
        assert_eq!(gaz().person_country("Macron"), None, "full names only");
        assert_eq!(
            gaz().person_country("António Guterres"),
            None,
            "no one country"
        );
        assert!(gaz().people.len() > 700);
    }

    #[test]
    fn demonyms_map_to_countries() {
        assert!(gaz().word_flags("Serbian").contains(GazFlags::DEMONYM));
        assert_eq!(gaz().demonym_country("Serbian"), Some("RS"));
        assert_eq!(gaz().demonym_country("kosovar"), Some("XK"));
        assert_eq!(gaz().demonym_country("French"), Some("FR"));
        assert_eq!(gaz().demonym_country("Paris"), None);
    }

    #[test]
    fn countries_and_codes() {
        assert_eq!(gaz().country_name("FR"), Some("France"));
        assert_eq!(gaz().country_name("xk"), Some("Kosovo"));
        assert_eq!(gaz().country_name("ZZ"), None);
        for name in ["Kosovo", "U.S.", "UK", "Serbia"] {
            assert!(gaz().word_flags(name).contains(GazFlags::COUNTRY), "{name}");
        }
        assert!(!gaz().word_flags("us").contains(GazFlags::COUNTRY));
        let serbia = gaz().places("Serbia");
        assert_eq!(serbia[0].kind, PlaceKind::Country);
        assert_eq!(serbia[0].country_code, "RS");
    }

    #[test]
    fn organisations_and_cues() {
        assert!(gaz().word_flags("NATO").contains(GazFlags::ORG));
        assert!(gaz().word_flags("KFOR").contains(GazFlags::ORG));
        assert!(gaz().word_flags("ministry").contains(GazFlags::ORG_CUE));
        assert!(
            gaz()
                .word_flags("Secretary-General")
                .contains(GazFlags::PER_CUE)
        );
        assert!(gaz().word_flags("river").contains(GazFlags::LOC_CUE));
        assert!(gaz().word_flags("Europe").contains(GazFlags::CONTINENT));
        assert!(gaz().word_flags("Balkans").contains(GazFlags::CONTINENT));
        assert!(gaz().word_flags("Serbia's").contains(GazFlags::COUNTRY));
        assert_eq!(gaz().word_flags("zzxqv"), GazFlags::NONE);
    }

    #[test]
    fn phrase_matches_find_longest_non_overlapping() {
        let toks = [
            "Leaders",
            "of",
            "Bosnia",
            "and",
            "Herzegovina",
            "met",
            "in",
            "New",
            "York",
        ];
        let m = gaz().phrase_matches(&toks);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!((m[0].start, m[0].end), (2, 5));
        assert!(m[0].flags.contains(GazFlags::COUNTRY));
        assert_eq!((m[1].start, m[1].end), (7, 9));
        assert!(m[1].flags.contains(GazFlags::PLACE));

        let toks = [
            "the", "United", "Nations", "and", "the", "European", "Union",
        ];
        let m = gaz().phrase_matches(&toks);
        let spans: Vec<_> = m.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(spans, vec![(1, 3), (5, 7)]);
        assert!(m.iter().all(|m| m.flags.contains(GazFlags::ORG)));

        // Longest wins over a shorter prefix: "Sub-Saharan Africa" is one token pair, and
        // "New York City" (if known) must not be cut to "New York".
        let m = gaz().phrase_matches(&["Middle", "East", "peace"]);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (0, 2));
        assert!(gaz().phrase_matches(&["Paris"]).is_empty());
        assert!(gaz().phrase_matches(&[]).is_empty());
        assert!(gaz().phrase_matches(&["New", "", "York"]).is_empty());
    }

    #[test]
    fn common_words_are_not_names_or_places() {
        for word in ["of", "to", "she", "said", "The"] {
            let f = gaz().word_flags(word);
            assert!(
                !f.intersects(GazFlags::PLACE | GazFlags::GIVEN_NAME | GazFlags::SURNAME),
                "{word}: {f:?}"
            );
            assert!(gaz().places(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn flags_operations() {
        let f = GazFlags::PLACE | GazFlags::COUNTRY;
        assert!(f.contains(GazFlags::PLACE));
        assert!(!f.contains(GazFlags::ORG));
        assert!(!f.contains(GazFlags::NONE));
        let mut g = GazFlags::default();
        assert!(g.is_empty());
        g |= GazFlags::ORG;
        assert_eq!(g.union(GazFlags::PLACE), GazFlags::ORG | GazFlags::PLACE);
    }

    #[test]
    fn damaged_data_is_an_error() {
        assert!(Gazetteers::from_bytes(b"nope", PLACES_BIN, "", "").is_err());
        assert!(Gazetteers::from_bytes(WORDS_FST, b"DLPL\x01", "", "").is_err());
        let truncated = &PLACES_BIN[..PLACES_BIN.len() - 1];
        assert!(Gazetteers::from_bytes(WORDS_FST, truncated, "", "").is_err());
        let empty = Gazetteers::empty();
        assert!(empty.places("Paris").is_empty());
        assert_eq!(empty.word_flags("Paris"), GazFlags::NONE);
    }

    #[test]
    #[ignore = "timing: run with --ignored --nocapture"]
    fn load_time() {
        let start = std::time::Instant::now();
        let g = Gazetteers::from_bytes(WORDS_FST, PLACES_BIN, COUNTRIES_TSV, DEMONYMS_TSV);
        let first = g.map(|g| g.places("Paris").len()).unwrap_or(0);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!("gazetteer load + first lookup: {ms:.3} ms ({first} candidates)");
        assert!(first > 0);
        assert!(ms < 20.0, "took {ms} ms");
    }
}
