#!/usr/bin/env python3
"""Converts the Phoenix actor dictionaries (PETRARCH-2) and Wikidata's world leaders into geokg
lexicon files under data/actors/:

  phoenix_people.tsv         persons of Phoenix.Countries / International / MilNonState, with
                             their dated roles (`roles` column)
  phoenix_organizations.tsv  state bodies, international organisations, NGOs, parties
  phoenix_groups.tsv         armed and other non-state groups
  wikidata_leaders.tsv       heads of state and government (Wikidata), as dated offices (`terms`),
                             with the Phoenix roles of the same person when Phoenix knows them

Usage: python3 scripts/convert_phoenix.py [SOURCES_DIR] [DATA_DIR]
       (defaults: ../shared/sources and data, from the repository root)

Python 3 standard library only; the output depends only on the inputs (run it twice, same bytes).
What it keeps and drops, and why, is printed on standard error and summed up in each file's header.

The hand-curated files (countries.tsv, organizations.tsv, people.tsv, roles.tsv) win: a converted
actor one of whose names is already a curated name is the curated actor and is left out; a
converted alias that a curated actor or role word already uses is dropped.
"""

import csv
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "sources")
DATA = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "data")
PETR = os.path.join(SOURCES, "petrarch2")
WIKI = os.path.join(SOURCES, "wikidata")

STATS = Counter()


def note(key, n=1):
    STATS[key] += n


# ------------------------------------------------------------------ codes

# CAMEO state codes that are not ISO 3166-1 alpha-3, mapped where the state is certain.
NON_ISO = {
    "KSV": "XKX",  # Kosovo (World Bank code in CAMEO; geokg uses XKX)
    "TMP": "TLS",  # East Timor (old ISO code)
    "ROM": "ROU",  # Romania (old ISO code)
    "ZAR": "COD",  # Zaire = DR Congo
    "ANG": "AGO",  # Angola (UNITA's entry writes ANG)
}
# Codes that name no state today or no state at all: regions, former states, territories that are
# not states of countries.tsv, and CAMEO's international actor types. Their roles keep no country.
REGIONS = {"AFR", "ASA", "CAS", "EAF", "EEU", "EUR", "LAM", "MEA", "NAF", "SAF", "SAM", "SAS",
           "SEA", "WAF", "WEU", "INT", "CFR", "EIN", "NMR", "KKL", "KRJ", "KNT"}
FORMER = {"SUN", "USR", "YUG", "FRY", "SCG", "DDR", "CSK", "SRP"}
INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "INS"}
# Sector codes that become the role; the first one after the state decides ("SYRGOVMIL" is GOV).
# LEG (legislators) is a government sector in CAMEO: GOV.
SECTORS = {
    "GOV": "GOV", "LEG": "GOV", "MIL": "MIL", "REB": "REB", "INS": "INS", "SEP": "SEP",
    "OPP": "OPP", "PTY": "PTY", "COP": "COP", "SPY": "SPY", "JUD": "JUD", "MED": "MED",
    "ELI": "ELI", "BUS": "BUS", "UAF": "UAF", "CRM": "CRM", "CVL": "CVL", "LAB": "LAB",
    "EDU": "EDU", "HLH": "HLH", "REL": "REL", "AGR": "AGR", "ENV": "ENV", "DEV": "DEV",
    "HRI": "HRI", "REF": "REF", "IGO": "IGO", "NGO": "NGO", "IMG": "INS", "MNC": "BUS",
}
# Armed non-state roles: per the annotation guide, a stateless armed group (and its fighters) has
# no country, whatever state code Phoenix gives it.
STATELESS = {"REB", "INS", "SEP", "UAF", "CRM"}


def load_states():
    states = set()
    with open(os.path.join(DATA, "actors", "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip() or line.startswith("iso3\t"):
                continue
            states.add(line.split("\t")[0].strip())
    return states


STATES = load_states()


def split_code(code):
    """(country or None, role or None, ok) for a CAMEO actor code ("SYRGOVMIL", "IGOUNO")."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}([A-Z]{3})*", code):
        return None, None, False
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    head = parts[0]
    if head in INTERNATIONAL:
        return None, INTERNATIONAL[head], True
    if head in SECTORS:  # a sector with no state ("ELI", "MED")
        return None, SECTORS[head], True
    country = None
    if head in STATES:
        country = head
    elif head in NON_ISO:
        country = NON_ISO[head]
    elif head in REGIONS or head in FORMER:
        country = None
        if head in FORMER:
            note("roles of former states (USSR, Yugoslavia...) dropped")
            return None, None, False
    else:
        note("roles with an unknown state code dropped")
        return None, None, False
    role = None
    for p in parts[1:]:
        if p in SECTORS:
            role = SECTORS[p]
            break
        if p in STATES or p in NON_ISO or p in ("UNR", "OCC", "AUT"):
            # a territory or status ("GBRVGB", "ARMUNR"): a place, not a role
            return None, None, False
    if role is None and len(parts) > 1:
        # only religious/ethnic qualifiers ("INDHIN"): no role we use
        return None, None, False
    if role in STATELESS:
        country = None
    return country, role, True


# ------------------------------------------------------------------ dates


def ymd(s):
    """A Phoenix date (YYMMDD: YY up to 30 is 20YY, or YYYYMMDD) as YYYY-MM-DD, or None."""
    s = s.strip()
    if re.fullmatch(r"\d{6}", s):
        yy = int(s[:2])
        y = 2000 + yy if yy <= 30 else 1900 + yy
        m, d = int(s[2:4]), int(s[4:6])
    elif re.fullmatch(r"\d{8}", s):
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        return None
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31]
    if not (1 <= m <= 12 and 1 <= d <= days[m - 1]) or y < 1800:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_restriction(text):
    """`[CODE]`, `[CODE <D]`, `[CODE >D]`, `[CODE D1-D2]` -> (code, from, until, ok)."""
    text = text.strip()
    m = re.fullmatch(r"([A-Za-z-]+)\s*(.*)", text)
    if not m:
        return None, None, None, False
    code, rest = m.group(1), m.group(2).strip()
    if code == "---":
        return None, None, None, False
    if not rest:
        return code, None, None, True
    rest = rest.replace(" ", "")
    if rest.startswith("<"):
        d = ymd(rest[1:])
        return (code, None, d, True) if d else (None, None, None, False)
    if rest.startswith(">"):
        d = ymd(rest[1:])
        return (code, d, None, True) if d else (None, None, None, False)
    if "-" in rest:
        a, _, b = rest.partition("-")
        da = ymd(a)
        db = ymd(b) if b else None
        if da and (db or not b) and (db is None or db >= da):
            return code, da, db, True
    return None, None, None, False


# ------------------------------------------------------------------ names

PARTICLES_LOWER = {"al", "el", "ad", "ash", "as", "at", "az", "ar", "an", "ud", "ul", "bin", "ibn",
                   "bint", "de", "del", "della", "der", "den", "van", "von", "da", "dos", "das",
                   "du", "di", "y", "e", "wa", "wal", "fi", "li"}
HYPHEN_PARTICLES = {"al", "el", "ad", "ash", "as", "at", "az", "ar", "an", "ud", "ul"}
ORG_LOWER = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with", "against",
             "de", "des", "du", "la", "le", "les", "et", "pour", "del", "y", "di", "da", "der"}
ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"}


def cap_word(w):
    if not w:
        return w
    lw = w.lower()
    if lw in ROMAN:
        return w.upper()
    if re.fullmatch(r"([a-z]\.)+", lw):  # initials "N." "U.S."
        return w.upper()
    if lw.startswith("mc") and len(lw) > 2:
        return "Mc" + lw[2].upper() + lw[3:]
    if re.match(r"^[od]'[a-z]", lw):  # O'Brien, d'Estaing
        return lw[0].upper() + "'" + lw[2].upper() + lw[3:]
    return "-".join(p[:1].upper() + p[1:] for p in lw.split("-"))


def pretty(tokens, kind):
    """Upper-case Phoenix tokens as a name: "Bashar al-Assad", "Jabhat al-Nusra",
    "Islamic State of Iraq and the Levant", "John McCain"."""
    out = []
    for i, t in enumerate(tokens):
        lt = t.lower()
        # "AL-ASSAD": particle and name already joined
        if "-" in lt and lt.split("-")[0] in HYPHEN_PARTICLES and len(lt.split("-", 1)[1]) > 1:
            head, tail = lt.split("-", 1)
            out.append(head + "-" + cap_word(tail))
            continue
        if lt in HYPHEN_PARTICLES and i + 1 < len(tokens):
            out.append(lt + "-")  # joined to the next word below
            continue
        if 0 < i < len(tokens) - 1 and lt in PARTICLES_LOWER:
            out.append(lt)
            continue
        if i > 0 and kind != "person" and lt in ORG_LOWER:
            out.append(lt)
            continue
        out.append(cap_word(t))
    s = " ".join(out).replace("- ", "-")
    return s


def tokens_of(phrase):
    """The words of a Phoenix phrase ("BASHAR_AL-ASSAD_ " -> ["BASHAR", "AL-ASSAD"]), or None when
    it cannot be a clean name (brackets, slashes, commas, stray signs)."""
    p = phrase.strip().strip("_").strip()
    p = re.sub(r"_?\([A-Z0-9.\- ]*\)_?", "_", p)  # "(FARC)" acronyms
    if not p or re.search(r"[,/&;:!?()\[\]{}\"+*<>=|#@$%]", p):
        return None
    toks = [t for t in re.split(r"[_ ]+", p) if t]
    if not toks or any(re.fullmatch(r"[-'.]+", t) for t in toks):
        return None
    return toks


def key(name):
    """How geokg compares names: accents, case, hyphens and apostrophes folded."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"[^a-z0-9']+", " ", s)
    return " ".join(s.split())


def slug(name):
    return "-".join(re.sub(r"[^a-z0-9]+", " ", key(name)).split())


# Words that alone, or with only each other, do not name one actor: function words, titles, and
# the generic nouns and adjectives of politics and news (plus every demonym of countries.tsv, the
# Phoenix agent nouns and discards, and the role words of roles.tsv, read below).
COMMON = set("""
a an the of and or for in on at to by with from against into over under about after before
new old great grand free united national international popular people peoples people's public
general central federal supreme high higher grand royal democratic democracy republic republican
revolutionary revolution liberation freedom independence independent islamic islam muslim arab
christian jewish catholic socialist communist liberal conservative labour labor workers worker
patriotic patriots union unity front army armed forces force movement party council committee
congress assembly parliament senate court ministry department office bureau agency service
services commission authority administration government state states federation league alliance
coalition group organization organisation association society institute foundation center
centre fund bank company corporation council brigade brigades battalion battalions regiment
division corps guard guards militia militias police security defence defense intelligence
military special unit units cell cells network resistance struggle action justice development
human rights right rights peace war red black white green blue yellow brown day may june july
april march august first second third north south east west northern southern eastern western
middle central upper lower land world global international council commission cooperation
economic social political foreign interior affairs finance trade health education culture
justice energy agriculture environment transport defence home prime minister president chief
leader leaders head secretary director chairman spokesman commander mr mrs ms dr sir lord lady
king queen prince princess emir sheikh sultan imam ayatollah general colonel major captain
lieutenant sergeant marshal admiral ambassador envoy senator governor mayor judge former ex
acting deputy vice executive interim provisional transitional line team club house home
youth students student women men children family families tribe tribes clan clans nation
nations country countries city province region committee cells fighters rebels soldiers
holy sacred martyrs martyr victory glory truth hope light dawn sun star stars lions tigers eagles
falcons knights sword swords fire storm thunder iron steel golden silver
""".split())

TITLE_WORDS = set("""
president presidents prime minister ministers foreign defence defense interior finance
secretary general secretary-general secretary-generals ambassador amb amb. envoy senator sen sen.
representative rep rep. congressman congresswoman governor mayor chancellor premier king queen
prince crown emir sheikh sheik sultan ayatollah imam mr mr. mrs mrs. ms ms. dr dr. sir lord lady
general gen gen. colonel col col. major lieutenant lt lt. captain capt capt. commander admiral
marshal field former ex late then acting deputy vice chief leader head chairman chairwoman
spokesman spokeswoman director justice judge party communist soviet un u.n. us u.s. united
nations states american state of the his her
""".split())


def extra_common():
    words = set()
    # demonyms and names of states
    with open(os.path.join(DATA, "actors", "countries.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#") and l.strip()]
    head = rows[0]
    for r in rows[1:]:
        row = dict(zip(head, r))
        for col in ("en_adj", "fr_adj"):
            for w in row.get(col, "").split("|"):
                words.update(key(w).split())
    # Phoenix agents: generic nouns
    for line in open(os.path.join(PETR, "Phoenix.agents.txt"), encoding="utf-8", errors="replace"):
        line = line.split("#")[0]
        m = re.match(r"^([A-Z_!'-]+)", line.strip())
        if m and "!" not in m.group(1):
            for w in m.group(1).split("_"):
                if w:
                    words.add(w.lower())
    return words


COMMON |= extra_common()


def load_discards():
    out = set()
    for line in open(os.path.join(PETR, "Phoenix.discards.txt"), encoding="utf-8", errors="replace"):
        if line.startswith("#"):
            continue
        p = line.split("#")[0].split(";")[0].strip().lstrip("+").strip()
        if p:
            out.add(key(p.replace("_", " ")))
    return out


DISCARDS = load_discards()

ORG_WORDS = set("""
army forces force front brigade brigades battalion battalions movement party council committee
congress assembly parliament court ministry department office bureau agency service services
commission authority administration government federation league alliance coalition group
organization organisation association society institute foundation center centre fund bank
company corporation union guard guards militia police agency network resistance cell cells
declaration observatory emergency task kataeb katibat katiba liwa liwaa jabhat jabha jaish jaysh
harakat hizb tanzeem tanzim ansar lashkar tehrik tehreek sipah jamaat jamaa jemaah jamiat majlis
mujahideen mujahidin regiment regime forces' workers' people's peoples' rifles legion squad
squads order brotherhood nucleus nuclei faction factions commando commandos cells' unit units
team tigers knights falcons lions eagles volunteers defenders fighters organisation kommando
revolutionaries nationalists guerrillas hezbollah hizballah state caliphate emirate republic
kingdom house palace downing cabinet presidency senate chamber duma knesset bundestag bundesrat
reichstag volkskammer sabha
""".split())


def looks_like_org(tokens):
    return any(t.lower().strip("'") in ORG_WORDS or t.lower() in ORG_WORDS for t in tokens)


def strip_titles(tokens):
    """Leading titles and demonyms off ("RUSSIAN_PRESIDENT_VLADIMIR_PUTIN" -> VLADIMIR PUTIN)."""
    i = 0
    while i < len(tokens) and (tokens[i].lower() in TITLE_WORDS or tokens[i].lower() in COMMON
                               or tokens[i].lower().startswith("ex-")):
        i += 1
    return tokens[i:]


# ------------------------------------------------------------------ Phoenix records


class Record:
    def __init__(self, file, line, primary, comment):
        self.file, self.line, self.primary, self.comment = file, line, primary, comment
        self.synonyms = []
        self.codes = []  # (code, from, until)
        self.bad_codes = 0


def read_phoenix(name):
    """The records of a Phoenix actor file. A primary phrase with no code of its own shares the
    codes of the next record that has some (PETRARCH's reading); `group` numbers those runs."""
    path = os.path.join(PETR, name)
    recs = []
    cur = None
    for n, raw in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip() or line.startswith("#") or line.startswith("<!"):
            continue
        if "---STOP---" in line:
            break
        body, _, comment = line.partition("#")
        body = body.split(";")[0]
        if line[0] in "\t " and "[" in body:
            if cur is None:
                continue
            for b in re.findall(r"\[([^\]]*)\]", body):
                c, fr, un, ok = parse_restriction(b)
                if ok:
                    cur.codes.append((c, fr, un))
                else:
                    cur.bad_codes += 1
            continue
        if not body.strip():
            continue
        if body.startswith("+"):
            if cur is not None:
                cur.synonyms.append(body[1:].split("[")[0])
            continue
        if body[0] in "\t ":
            continue
        phrase = body.split("[")[0]
        cur = Record(name, n, phrase, comment.strip())
        for b in re.findall(r"\[([^\]]*)\]", body):
            c, fr, un, ok = parse_restriction(b)
            if ok:
                cur.codes.append((c, fr, un))
            else:
                cur.bad_codes += 1
        recs.append(cur)
    # PETRARCH: runs of primaries without codes take the codes of the next coded record
    pending = []
    for r in recs:
        if r.codes:
            for p in pending:
                p.codes = list(r.codes)
                p.shared_with = r
            pending = []
        else:
            pending.append(r)
    return recs


def latest_date(recs):
    dates = [d for r in recs for _, a, b in r.codes for d in (a, b) if d]
    return max(dates) if dates else None


# ------------------------------------------------------------------ curated names


SAME_PERSON = set()


def curated_names():
    """Folded names and aliases of the hand-curated actors, the ids, and the role phrases."""
    names, ids, persons = {}, set(), {}
    for fname, cols in (("countries.tsv", ("name", "en", "fr", "en_adj", "fr_adj", "seats", "metonyms")),
                        ("organizations.tsv", ("name", "en", "fr")),
                        ("people.tsv", ("name", "aliases"))):
        with open(os.path.join(DATA, "actors", fname), encoding="utf-8") as f:
            rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#") and l.strip()]
        head = rows[0]
        for r in rows[1:]:
            row = dict(zip(head, r))
            ident = row.get("iso3", "").lower() or row.get("id", "")
            ids.add(ident)
            for c in cols:
                for a in row.get(c, "").split("|"):
                    if a.strip():
                        names.setdefault(key(a), ident)
                        if fname == "people.tsv":
                            persons[key(a)] = ident
    roles = set()
    with open(os.path.join(DATA, "actors", "people.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#") and l.strip()]
    for r in rows[1:]:
        row = dict(zip(rows[0], r))
        for a in [row["name"]] + row.get("aliases", "").split("|"):
            k = key(a).split()
            if len(k) >= 2:
                SAME_PERSON.add((row.get("country", ""), k[-1], k[0][0]))
    with open(os.path.join(DATA, "actors", "roles.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#") and l.strip()]
    for r in rows[1:]:
        for p in r[1].split("|"):
            roles.add(key(p))
    return names, ids, persons, roles


CURATED, CURATED_IDS, CURATED_PERSONS, ROLE_PHRASES = curated_names()


# ------------------------------------------------------------------ actors


class Actor:
    def __init__(self, kind, source):
        self.kind = kind  # person | organization | group
        self.source = source
        self.names = []  # pretty names, the first is canonical
        self.roles = []  # (country, role, from, until)
        self.terms = []
        self.wikidata = None
        self.fr = []
        self.id = None

    def add_name(self, n):
        if n and key(n) not in {key(x) for x in self.names}:
            self.names.append(n)


def name_ok(tokens, kind):
    """Why a name cannot be used, or None."""
    if len(tokens) < 2:
        return "single word"
    if len(tokens) == 2 and tokens[0].lower() in ("abu", "abou", "umm", "bin", "ibn", "al", "el"):
        return "a kunya or patronymic alone"
    low = [t.lower() for t in tokens]
    if all(w in COMMON or w in TITLE_WORDS or re.fullmatch(r"[\d.\-']+", w) for w in low):
        return "only common words"
    if any(w in ("un", "us", "eu", "uk", "u.n.", "u.s.", "ue", "onu") for w in low):
        return "an acronym that is a common word once not in capitals (UN, US, EU)"
    if kind == "person" and any(w in ("government", "regime", "forces", "administration", "army",
                                      "party", "ministry", "office", "cabinet", "supporters") for w in low):
        return "not a person's name (ASSAD_REGIME_)"
    if kind == "person" and any(w in TITLE_WORDS and w not in ("de", "of", "the") for w in low
                                if w not in ("justice",)):
        # a title left inside ("PRESIDENT_OF_THE_..._YELTSIN", "SECRETARY_BREZHNEV")
        if any(w in ("president", "minister", "secretary", "ambassador", "leader", "chairman",
                     "spokesman", "senator", "governor", "mayor", "former", "premier", "chief",
                     "commander", "director", "representative", "congressman") for w in low):
            return "title"
    return None


def convert_record_names(rec, kind, stats_prefix):
    """The pretty names of a record: its primary phrase, then its synonyms, titles stripped."""
    out = []
    phrases = [rec.primary] + rec.synonyms
    for i, ph in enumerate(phrases):
        toks = tokens_of(ph)
        if toks is None:
            note(f"{stats_prefix}: names with brackets, commas or signs dropped")
            continue
        if kind == "person":
            toks = strip_titles(toks)
        why = name_ok(toks, kind) if toks else "title only"
        if why:
            note(f"{stats_prefix}: names dropped ({why})")
            continue
        k = key(" ".join(toks))
        if k in DISCARDS:
            note(f"{stats_prefix}: names dropped (Phoenix discard)")
            continue
        if k in ROLE_PHRASES:
            note(f"{stats_prefix}: names dropped (a role word)")
            continue
        out.append(pretty(toks, kind))
    return out


def roles_of(rec):
    roles = []
    for code, fr, un in rec.codes:
        c, r, ok = split_code(code)
        if not ok or r is None:
            continue
        roles.append((c, r, fr, un))
    return roles


def merge_roles(roles):
    """Same (country, role) intervals that overlap or touch become one; undated ones are kept
    only when nothing is dated (they are Phoenix's default code, for times outside the dated
    ones, where geokg uses the most recent role)."""
    dated = [r for r in roles if r[2] or r[3]]
    if not dated:
        seen = []
        for r in roles:
            if (r[0], r[1]) not in [(x[0], x[1]) for x in seen]:
                seen.append(r)
        return seen[:1]
    by = defaultdict(list)
    for c, r, fr, un in dated:
        by[(c, r)].append((fr or "0000-00-00", un or "9999-99-99"))
    out = []
    for (c, r), spans in by.items():
        spans.sort()
        merged = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        for a, b in merged:
            out.append((c, r, None if a == "0000-00-00" else a, None if b == "9999-99-99" else b))
    out.sort(key=lambda x: (x[2] or "", x[3] or "9999"))
    return out


def most_recent(roles):
    """The role used with no date: the latest start, then the latest end (open last)."""
    return max(roles, key=lambda x: (x[2] or "", x[3] or "9999-99-99"))


# Records of Phoenix.Countries.actors.txt without an organisation word that are not persons
# (checked by hand), and records that name no actor: places, titles without a name, a generic
# "think tank", a government's forces named after its leader.
NOT_PERSONS = {
    "group": {"SARAYAT_AL-QUDS", "JUND_AL_AQSA", "AHRAR_AL_SHAM", "GHURABA_AL_SHAM", "GHURABA_AL-SHAM"},
    "organization": {"SCOTLAND_YARD", "SHIN_BET", "INTER-SERVICES_INTELLIGENCE", "PUSSY_RIOT",
                     "UNITED_STATES_MILITARY", "US_INTELLIGENCE_COMMUNITY", "U.S._FEDERAL_RESERVE",
                     "GEORGETOWN_UNIVERSITY"},
    None: {"INDIAN_OCEAN", "WASHINGTON-BASED_THINK_TANK", "AMERICAN_VICE_PRESIDENT",
           "AMERICAN_VICE-PRESIDENT", "US_SECRETARY_OF_DEFENSE", "US_ATTORNEY_GENERAL",
           "US_TRADE_REPRESENTATIVE", "DIRECTOR_OF_CENTRAL_INTELLIGENCE", "KOSOVAR_PRIME_MINISTER",
           "ASSAD_FORCES", "PRESIDENT_OF_THE_UNITED_STATES", "US_AMBASSADOR_TO_THE_UNITED_NATIONS",
           "US_SECRETARY_OF_STATE", "THE_US_SECRETARY_OF_STATE", "UNITED_STATES_SECRETARY_OF_HOMELAND_SECURITY"},
}


def classify(rec, file):
    """person, organization, group, country (skipped) or None (skipped)."""
    toks = tokens_of(rec.primary) or []
    bare = rec.primary.strip().strip("_").strip()
    for kind, names in NOT_PERSONS.items():
        if bare in names:
            return kind
    roles = roles_of(rec)
    codes = [c for c, _, _ in rec.codes]
    if file == "Phoenix.Countries.actors.txt":
        if any(re.fullmatch(r"[A-Z]{3}", c) for c in codes) and not any(len(c) > 3 for c in codes):
            return "country"
        if "CountryInfo" in rec.comment or "COUNTRYINFO" in rec.comment:
            return "person"
    if not roles:
        return None
    if looks_like_org(toks):
        if all(r[1] in STATELESS for r in roles) or file == "Phoenix.MilNonState.actors.txt":
            return "group"
        return "organization"
    if file == "Phoenix.MilNonState.actors.txt":
        # the file lists groups; a primary phrase that looks like no organisation is a group too
        return "group"
    if file == "Phoenix.International.actors.txt":
        # NGOs, IGOs and companies, and their leaders: without an organisation word, a two- to
        # four-word phrase is taken as a person only when Phoenix codes it with dates or as ELI
        if 2 <= len(toks) <= 4 and (any(fr or un for _, fr, un in rec.codes) or any(r[1] == "ELI" for r in roles)):
            return "person"
        return "organization"
    return "person" if 2 <= len(toks) <= 4 else "organization"


def build_phoenix():
    files = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
             "Phoenix.MilNonState.actors.txt"]
    actors = []
    asof = {}
    for f in files:
        recs = read_phoenix(f)
        asof[f] = latest_date(recs)
        note(f"{f}: records", len(recs))
        groups = OrderedDict()
        for r in recs:
            anchor = getattr(r, "shared_with", r)
            groups.setdefault(id(anchor), []).append(r)
        for run in groups.values():
            # a run of primaries sharing codes: one actor when they share a last word (the same
            # person written several ways), else one actor each
            parts = []
            for r in run:
                kind = classify(r, f)
                if kind in (None, "country"):
                    note(f"{f}: records dropped ({'states (countries.tsv has them)' if kind else 'no usable code'})")
                    continue
                roles = merge_roles(roles_of(r))
                if not roles:
                    note(f"{f}: records dropped (no usable code)")
                    continue
                if any(x[1] == "BUS" for x in roles) and most_recent(roles)[1] == "BUS":
                    note(f"{f}: records dropped (companies and business people: BUS)")
                    continue
                names = convert_record_names(r, kind, f)
                if not names:
                    note(f"{f}: records dropped (no usable name)")
                    continue
                parts.append((r, kind, names, roles))
            merged = []
            for r, kind, names, roles in parts:
                last = key(names[0]).split()[-1]
                for m in merged:
                    if m.kind == kind == "person" and key(m.names[0]).split()[-1] == last:
                        for n in names:
                            m.add_name(n)
                        break
                else:
                    a = Actor(kind, f)
                    for n in names:
                        a.add_name(n)
                    a.roles = roles
                    a.asof = asof[f]
                    merged.append(a)
            actors.extend(merged)
    return actors, asof


# ------------------------------------------------------------------ Wikidata

OFFICES = [
    (r"^(president|federal president)\b", "president"),
    (r"^(prime minister|premier|taoiseach|chief minister|chancellor of austria)", "prime_minister"),
    (r"^federal chancellor", "chancellor"),
    (r"^supreme leader", "supreme_leader"),
    (r"^(monarch|king|queen|emperor|emir|sultan|druk gyalpo|ngwenyama|yang di-pertuan agong|grand duke|prince of)", "monarch"),
]


def wikidata_office(label, country):
    low = label.lower()
    if low.startswith("federal chancellor") and country == "Austria":
        return "chancellor"
    for pat, office in OFFICES:
        if re.search(pat, low):
            return office
    return None


def country_codes():
    """English names of states (name and `en` forms) -> iso3."""
    out = {}
    with open(os.path.join(DATA, "actors", "countries.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#") and l.strip()]
    head = rows[0]
    for r in rows[1:]:
        row = dict(zip(head, r))
        for n in [row["name"]] + row.get("en", "").split("|"):
            if n.strip():
                out.setdefault(key(n), row["iso3"])
    return out


def build_wikidata():
    codes = country_codes()
    extra = {"united states of america": "USA", "people's republic of china": "CHN",
             "kingdom of the netherlands": "NLD", "kingdom of denmark": "DNK",
             "the gambia": "GMB", "the bahamas": "BHS", "state of palestine": "PSE"}
    rows = list(csv.DictReader(open(os.path.join(WIKI, "world-leaders.csv"), encoding="utf-8")))
    note("wikidata: rows", len(rows))
    leaders = OrderedDict()
    for r in rows:
        iso = codes.get(key(r["country"])) or extra.get(key(r["country"]))
        if not iso:
            note("wikidata: rows dropped (state not in countries.tsv)")
            continue
        office = wikidata_office(r["positionLabel"], r["country"])
        if not office:
            note("wikidata: rows dropped (office not one of geokg's: governor-general, co-prince, captain regent...)")
            continue
        if iso not in r["positionLabel"] and False:
            pass
        name = r["officeholderLabel"].strip()
        # "Abdullah II of Jordan": news writes "Abdullah II"
        short = re.sub(r" of [A-Z][\w ]+$", "", name) if office == "monarch" else name
        if not name or re.fullmatch(r"Q\d+", name):
            note("wikidata: rows dropped (no name)")
            continue
        a = leaders.get(r["officeholder"])
        if a is None:
            a = Actor("person", "wikidata")
            a.add_name(name)
            if short != name and len(short.split()) >= 2:
                a.add_name(short)
            a.wikidata = r["officeholder"]
            a.country = iso
            leaders[r["officeholder"]] = a
        elif a.country != iso:
            # one person heading several states (Elizabeth II, Charles III, Macron as co-prince):
            # the first state is kept as the country, the terms of the others have no owner here
            note("wikidata: terms dropped (head of a second state)")
            continue
        start, end = r["start_year"].strip(), r["end_year"].strip()
        term = f"{office}@{start}..{end}" if end else f"{office}@{start}..2022?"
        if term not in a.terms:
            a.terms.append(term)
    return list(leaders.values())


# ------------------------------------------------------------------ French forms of frequent ones

# French names of converted actors that world news writes often (checked by hand; the English
# name is the converted one). Keyed by the converted canonical name.
FRENCH = {
    "Lord's Resistance Army": ["Armée de résistance du Seigneur", "LRA"],
    "Jund al-Aqsa": ["Jund al-Aqsa"],
    "Army of Islam": ["Armée de l'islam"],
    "Syrian National Council": ["Conseil national syrien", "CNS"],
    "Syrian National Coalition": ["Coalition nationale syrienne"],
    "National Liberation Army": ["Armée de libération nationale"],
    "Popular Front for the Liberation of Palestine": ["Front populaire de libération de la Palestine", "FPLP"],
    "Palestinian Islamic Jihad": ["Jihad islamique palestinien", "Djihad islamique palestinien"],
    "Kurdish Democratic Union Party": ["Parti de l'union démocratique", "PYD"],
    "Tehrik-i-Taliban Pakistan": ["Mouvement des talibans du Pakistan"],
}


# ------------------------------------------------------------------ assembly


def resolve(actors, leaders):
    """Drops what the curated files already have, merges duplicates, drops ambiguous names, gives
    ids. Returns (people, organizations, groups, leaders)."""
    # 1. curated wins: an actor one of whose names is curated is that actor
    def same_as_curated(a, countries):
        for n in a.names:
            k = key(n).split()
            if any((c or "", k[-1], k[0][0]) in SAME_PERSON for c in countries):
                return True
        return False

    kept = []
    for a in actors:
        if any(key(n) in CURATED for n in a.names):
            note(f"{a.kind}s dropped (already in the curated files)")
            continue
        if a.kind == "person" and same_as_curated(a, {r[0] for r in a.roles}):
            note("persons dropped (a curated person of the same state, surname and initial)")
            continue
        kept.append(a)
    kept_leaders = []
    for a in leaders:
        if any(key(n) in CURATED for n in a.names) or same_as_curated(a, {a.country}):
            note("wikidata: leaders dropped (already in people.tsv)")
            continue
        kept_leaders.append(a)
    # 2. a Wikidata leader that Phoenix knows: one actor, in the leaders file, with both
    by_name = defaultdict(list)
    for a in kept:
        if a.kind == "person":
            for n in a.names:
                by_name[key(n)].append(a)
    absorbed = set()
    for l in kept_leaders:
        cands = {id(p): p for n in l.names for p in by_name.get(key(n), [])
                 if any(r[0] == l.country for r in p.roles)}
        for p in cands.values():
            for n in p.names:
                l.add_name(n)
            l.roles = merge_roles(l.roles + p.roles) if l.roles else p.roles
            l.asof = p.asof
            absorbed.add(id(p))
            note("wikidata: leaders given Phoenix's roles and names")
    kept = [a for a in kept if id(a) not in absorbed]
    everyone = kept + kept_leaders
    # 3. the same canonical name twice: the same actor when kind and country agree, else both
    #    are ambiguous and the name goes
    by_canon = defaultdict(list)
    for a in everyone:
        by_canon[key(a.names[0])].append(a)
    drop = set()
    for k, same in by_canon.items():
        if len(same) < 2:
            continue
        first = same[0]
        cty = lambda x: {r[0] for r in x.roles} | ({x.country} if getattr(x, "country", None) else set())
        if all(s.kind == first.kind and cty(s) & cty(first) for s in same[1:]) and not any(s.source == "wikidata" for s in same[1:]):
            for s in same[1:]:
                for n in s.names:
                    first.add_name(n)
                first.roles = merge_roles(first.roles + s.roles)
                drop.add(id(s))
                note("duplicate records merged (same name, kind and state)")
    everyone = [a for a in everyone if id(a) not in drop]
    # 4. a name used by two actors names neither
    claims = defaultdict(set)
    for a in everyone:
        for n in a.names:
            claims[key(n)].add(id(a))
    out = []
    for a in everyone:
        names = [n for n in a.names if len(claims[key(n)]) == 1]
        if len(names) < len(a.names):
            note("names dropped (shared by two converted actors)", len(a.names) - len(names))
        if not names:
            note(f"{a.kind}s dropped (every name shared with another actor)")
            continue
        a.names = names
        out.append(a)
    # 5. ids
    used = set(CURATED_IDS)
    for a in out:
        base = slug(a.names[0]) or "actor"
        ident = base
        if ident in used:
            c = (most_recent(a.roles)[0] if a.roles else getattr(a, "country", None)) or "x"
            ident = f"{base}-{c.lower()}"
        n = 2
        while ident in used:
            ident = f"{base}-{n}"
            n += 1
        used.add(ident)
        a.id = ident
        for fr in FRENCH.get(a.names[0], []):
            if key(fr) not in CURATED and len(claims.get(key(fr), ())) <= 1:
                a.fr.append(fr)
    people = [a for a in out if a.kind == "person" and a.source != "wikidata"]
    orgs = [a for a in out if a.kind == "organization"]
    groups = [a for a in out if a.kind == "group"]
    leaders = [a for a in out if a.source == "wikidata"]
    return people, orgs, groups, leaders


def fmt_role(c, r, fr, un, asof):
    code = (c or "") + r
    a = fr or ""
    if un:
        b = un
    elif fr:
        b = f"{asof}?"  # open in Phoenix: in force when the file was last edited, later unknown
    else:
        b = ""
    return f"{code}@{a}..{b}"


def people_rows(people):
    rows = []
    for a in people:
        roles = a.roles
        c, r = (None, None)
        if roles:
            c, r, _, _ = most_recent(roles)
        if a.source == "wikidata" and getattr(a, "country", None):
            if not roles:
                c, r = a.country, "GOV"
        dated = [x for x in roles if x[2] or x[3]]
        role_field = ";".join(fmt_role(*x, getattr(a, "asof", None) or "2014-01-30") for x in dated)
        aliases = [n for n in a.names[1:]] + a.fr
        rows.append([a.id, a.names[0], c or "", "", r or "", "|".join(aliases), ";".join(a.terms), role_field])
    return rows


def org_rows(orgs, kind):
    rows = []
    for a in orgs:
        c, r, _, _ = most_recent(a.roles)
        if kind == "group":
            c = None
        rows.append([a.id, a.names[0], kind, c or "", r or "", "", "|".join(a.names[1:]), "|".join(a.fr)])
    return rows


def commit_of(path):
    try:
        return open(os.path.join(path, "COMMIT"), encoding="utf-8").read().split()[-1]
    except OSError:
        return "unknown"


def header(title, sources, counts):
    petr = commit_of(PETR)
    wiki = commit_of(WIKI)
    lines = [f"# geokg — {title}",
             "# GENERATED by scripts/convert_phoenix.py: do not edit by hand; fix the converter or the",
             "# hand-curated files (which win: an actor they have is left out here).",
             "# Format: see data/README.md."]
    if "phoenix" in sources:
        lines += [f"# Source: openeventdata/petrarch2 at commit {petr}, {sources['phoenix']};",
                  "# MIT licence (Open Event Data Alliance), see shared/sources/petrarch2/LICENSE. The state",
                  "# actors of Phoenix.Countries.actors.txt were generated from CountryInfo.140130.txt, licensed",
                  "# CC BY-SA 3.0 (Computational Event Data System project); the rows derived from it are too.",
                  "# Roles: Phoenix's dated CAMEO codes; an end `DATE?` means the role was open in Phoenix, whose",
                  "# file was last edited around DATE: in force then, not known after."]
    if "wikidata" in sources:
        lines += [f"# Source: every-politician-scrapers/world-leaders-2021 at commit {wiki} (data from Wikidata,",
                  "# CC0): heads of state and government with start and end years; a term open there ends",
                  "# `2022?`: in office when Wikidata was read (2022), not known after."]
    lines.append("# " + "; ".join(f"{k}: {v}" for k, v in counts.items()))
    lines.append("# What the conversion kept and dropped (the Phoenix files together):" if "wikidata" not in sources
                 else "# What the conversion kept and dropped:")
    for k in sorted(STATS):
        if ("wikidata" in k) == ("wikidata" in sources):
            lines.append(f"#   {STATS[k]:6d}  {k}")
    return "\n".join(lines) + "\n"


def write(path, head, cols, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")


def main():
    actors, asof = build_phoenix()
    leaders = build_wikidata()
    people, orgs, groups, leaders = resolve(actors, leaders)
    people.sort(key=lambda a: a.id)
    orgs.sort(key=lambda a: a.id)
    groups.sort(key=lambda a: a.id)
    pcols = ["id", "name", "country", "org", "role", "aliases", "terms", "roles"]
    ocols = ["id", "name", "kind", "country", "role", "parent", "en", "fr"]
    src = "Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt"
    d = os.path.join(DATA, "actors")
    write(os.path.join(d, "phoenix_people.tsv"),
          header("persons of the Phoenix actor dictionaries, with their dated roles", {"phoenix": src},
                 {"rows": len(people)}), pcols, people_rows(people))
    write(os.path.join(d, "phoenix_organizations.tsv"),
          header("state bodies, international organisations, NGOs and parties of the Phoenix dictionaries "
                 "(companies left out: they are not states)", {"phoenix": src}, {"rows": len(orgs)}),
          ocols, org_rows(orgs, "organization"))
    write(os.path.join(d, "phoenix_groups.tsv"),
          header("armed and non-state groups of the Phoenix dictionaries (no country: stateless, as the "
                 "annotation guide says)", {"phoenix": src}, {"rows": len(groups)}),
          ocols, org_rows(groups, "group"))
    leaders.sort(key=lambda a: a.id)
    write(os.path.join(d, "wikidata_leaders.tsv"),
          header("heads of state and government from Wikidata, as dated offices (with Phoenix's roles "
                 "and names where Phoenix has the person)", {"wikidata": 1, "phoenix": src},
                 {"rows": len(leaders)}), pcols, people_rows(leaders))
    for k in sorted(STATS):
        print(f"{STATS[k]:7d}  {k}", file=sys.stderr)
    print(f"written: {len(people)} people, {len(orgs)} organisations, {len(groups)} groups, "
          f"{len(leaders)} leaders", file=sys.stderr)


if __name__ == "__main__":
    main()
