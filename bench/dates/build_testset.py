#!/usr/bin/env python3
"""Find date-expression candidates in the real corpora and propose labels for them.

This is the helper used to build bench/dates/testset.jsonl. It does NOT call Marsad: labels
come from the independent rules below (a separate re-implementation of the date grammar,
with hijridate for Hijri conversion). Every candidate where these labels and Marsad's output
differ was then read by hand and its expected value fixed by hand (see REVIEW notes in the
set's "note" field where a label was changed).

Usage: python3 build_testset.py OUT.jsonl   (needs /work/shared/data; hijridate installed)
"""
import datetime as dt
import email.utils
import glob
import io
import json
import os
import random
import re
import sys
import tarfile
import zipfile

DATA = "/work/shared/data"
SEEDS = "/work/shared/seeds"
random.seed(20240601)

A = "[اأإآ]"
GREG = {
    "egypt_gulf": {1: ["يناير"], 2: ["فبراير"], 3: ["مارس"], 4: [A + "بريل"], 5: ["مايو"],
                   6: ["يونيو", "يوني[هة]"], 7: ["يوليو", "يولي[هة]"], 8: [A + "غسطس"],
                   9: ["سبتمبر"], 10: [A + "كتوبر"], 11: ["نوفمبر"], 12: ["ديسمبر"]},
    "maghreb": {5: ["ماي"], 7: ["يوليوز"], 8: ["غشت"], 9: ["شتنبر"], 11: ["نونبر"], 12: ["دجنبر"]},
    "algeria_tunisia": {1: ["جانفي"], 2: ["فيفري"], 4: [A + "فريل"], 6: ["جوان"],
                        7: ["جويلي[ةه]"], 8: [A + "وت"]},
    "levant_iraq": {1: ["كانون الثاني"], 2: ["شباط"], 3: [A + "ذار"], 4: ["نيسان"], 5: [A + "يار"],
                    6: ["حزيران"], 7: ["تموز"], 8: ["آب"], 9: [A + "يلول"], 10: ["تشرين ال" + A + "ول"],
                    11: ["تشرين الثاني"], 12: ["كانون ال" + A + "ول"]},
}
HIJRI = {1: ["محرم", "المحرم"], 2: ["صفر"], 3: ["ربيع ال" + A + "ول"], 4: ["ربيع الثاني", "ربيع الآخر"],
         5: ["جمادى ال" + A + "ول[ىي]"], 6: ["جمادى الآخر[ةه]", "جمادى الثاني[ةه]"], 7: ["رجب"],
         8: ["شعبان"], 9: ["رمضان"], 10: ["شوال"], 11: ["ذ[وي] ?القعد[ةه]"], 12: ["ذ[وي] ?الحج[ةه]"]}

EAST = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
DIAC = re.compile("[\u064B-\u065F\u0670\u0640]")


def clean(s):
    return DIAC.sub("", s).translate(EAST)


def month_alts():
    out = []
    for region, months in GREG.items():
        for m, names in months.items():
            for n in names:
                out.append((n, m, region))
    out.sort(key=lambda x: -len(x[0]))
    return out


MONTHS = month_alts()
GM = "|".join(f"(?:{n})" for n, _, _ in MONTHS)
HM = "|".join(f"(?:{n})" for names in HIJRI.values() for n in names)


def greg_month(name):
    for n, m, region in MONTHS:
        if re.fullmatch(n, name):
            return m, region
    return None, None


def hijri_month(name):
    for m, names in HIJRI.items():
        for n in names:
            if re.fullmatch(n, name):
                return m
    return None


def h2g(y, m, d):
    from hijridate import Hijri
    try:
        return Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        if d == 30:
            try:
                return Hijri(y, m, 29).to_gregorian() + dt.timedelta(days=1)
            except (ValueError, OverflowError):
                return None
        return None


def nearest(ref, m, d):
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            c = dt.date(y, m, d)
        except ValueError:
            continue
        diff = (c - ref).days
        cost = diff * 2 if diff > 0 else -diff
        if best is None or cost < best[0]:
            best = (cost, c)
    return best[1] if best else None


# ---------- independent labeller ----------
P = "(?<![\\w])"
RX_GREG = re.compile(P + r"(\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?(" + GM + r")(?:\s*[/(]\s*(?:" + GM + r")\s*\)?)?\s*[،,]?\s*(?:(?:من\s+)?(?:عام|سنة)\s+)?(\d{4})?")
RX_MY = re.compile(P + r"(?:شهر\s+)?(" + GM + r")(?:\s*[/(]\s*(?:" + GM + r")\s*\)?)?\s*[،,]?\s*(\d{4})(?!\d)")
RX_HIJ = re.compile(P + r"(\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?(" + HM + r")\s*(?:(?:من\s+)?(?:عام|سنة)\s+)?(\d{3,4})?\s*(هـ|ه\b)?")
RX_NUM = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/\-])|(?<![\d/.\-])(\d{4})([/\-])(\d{1,2})\6(\d{1,2})(?![\d/\-])")
RX_TIME = re.compile(r"^\s*[،,\-]?\s*(?:(?:في\s+)?(?:تمام\s+)?ال?ساع[ةه]\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(صباحا|صباحاً|ص|مساء|مساءً|مساءا|م)?")
RX_YEAR = re.compile(r"(?:(?<![\w])(?:[وفبل]?(?:عام|العام|سنة|السنة|لعام|للعام))\s+(\d{4})(?!\d))|(?:(?<![\w])[وف]?(?:في|منذ|حتى|خلال|مطلع|بداية|نهاية|أواخر|أوائل|منتصف|موسم)\s+(\d{4})(?![\d/\-.]))")
REL_DAY = [
    (r"(?<![\w])[وف]?(?:أول|اول)\s+(?:من\s+)?(?:أمس|امس)", -2),
    (r"(?<![\w])[وف]?ب?(?:ال)?(?:أمس|امس)(?![\w])", -1),
    (r"(?<![\w])[وف]?(?:غدا|غداً|الغد)(?![\w])", 1),
    (r"(?<![\w])[وف]?(?:اليوم)(?![\w])(?!\s+(?:ال(?!ساع|أحد|اثنين|إثنين|ثلاثاء|أربعاء|خميس|جمعة|سبت)))", 0),
]
WD = {"الأحد": 6, "الاحد": 6, "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2,
      "الخميس": 3, "الجمعة": 4, "السبت": 5}
RX_WD = re.compile(r"(?<![\w])[وف]?(?:يوم\s+)?(" + "|".join(WD) + r")(?:\s+(الماضي|الماضية|المقبل|المقبلة|القادم|القادمة))?(?![\w])")
UNITS = {"ساعة": ("h", 1), "ساعات": ("h", 0), "ساعتين": ("h", 2), "دقيقة": ("min", 1), "دقائق": ("min", 0),
         "دقيقتين": ("min", 2), "يوم": ("d", 1), "أيام": ("d", 0), "ايام": ("d", 0), "يوما": ("d", 0),
         "يومين": ("d", 2), "أسبوع": ("w", 1), "أسابيع": ("w", 0), "أسبوعين": ("w", 2), "شهر": ("m", 1),
         "أشهر": ("m", 0), "شهرا": ("m", 0), "شهور": ("m", 0), "شهرين": ("m", 2), "عام": ("y", 1),
         "عاما": ("y", 0), "أعوام": ("y", 0), "سنوات": ("y", 0), "سنة": ("y", 1), "عامين": ("y", 2),
         "سنتين": ("y", 2)}
NUMW = {"واحد": 1, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
        "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10}
RX_AGO = re.compile(r"(?<![\w])[وف]?(?:منذ|قبل)\s+(?:نحو\s+|حوالي\s+)?(?:(\d{1,4}|" + "|".join(NUMW) + r")\s+)?(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?![\w])(?!\s+(?:من|على)\b)(?!\s+\d)")
RX_PERIOD = re.compile(r"(?<![\w])[وفبل]?(?:ال|لل)(أسبوع|اسبوع|شهر|عام|سنة)\s+(الماضي|الماضية|المنصرم|المنصرمة|الفائت|المقبل|المقبلة|القادم|القادمة|الجاري|الجارية|الحالي|الحالية)(?![\w])|(?<![\w])[وف]?(?:هذا|هذه)\s+(العام|السنة|الشهر)(?![\w])")
RX_MSHIFT = re.compile(P + r"(?<!\d\s)(?<!\d)(" + GM + r")\s+(الماضي|المقبل|القادم|الجاري)(?![\w])")


def time_after(s, pos):
    m = RX_TIME.match(s[pos:])
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    sec = m.group(3)
    mer = m.group(4)
    if mer and mer.startswith(("م", "مس")) and h < 12:
        h += 12
    if mer and mer.startswith("ص") and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return (h, mi, int(sec) if sec else None)


def fmt(d, t=None):
    if t is None:
        return d.isoformat(), "day"
    h, mi, s = t
    if s is None:
        return f"{d.isoformat()}T{h:02d}:{mi:02d}", "minute"
    return f"{d.isoformat()}T{h:02d}:{mi:02d}:{s:02d}", "second"


def label(text, ref):
    """(set of (value, precision), region set, kind set) by the independent rules."""
    s = clean(text)
    refd = ref.date()
    out, regions, kinds, taken = [], set(), set(), []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    for m in RX_HIJ.finditer(s):
        if not free(*m.span()):
            continue
        d, mon, y, ah = int(m.group(1)), hijri_month(m.group(2)), m.group(3), m.group(4)
        if mon is None or not (1 <= d <= 30) or (mon == 2 and not y):
            continue
        if y and int(y) > 1600:
            continue
        g = h2g(int(y), mon, d) if y else None
        if not y:
            continue
        if g:
            t = time_after(s, m.end())
            out.append(fmt(g, t)); regions.add("hijri"); kinds.add("hijri"); taken.append(m.span())
    for m in RX_GREG.finditer(s):
        if not free(*m.span()):
            continue
        d = int(m.group(1)); mon, region = greg_month(m.group(2))
        if mon is None or not 1 <= d <= 31:
            continue
        if m.group(3):
            try:
                g = dt.date(int(m.group(3)), mon, d)
            except ValueError:
                continue
        else:
            g = nearest(refd, mon, d)
            if not g:
                continue
        t = time_after(s, m.end())
        out.append(fmt(g, t)); regions.add(region); kinds.add("month_name"); taken.append(m.span())
    for m in RX_NUM.finditer(s):
        if not free(*m.span()):
            continue
        if m.group(1):
            d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        else:
            y, mo, d = int(m.group(5)), int(m.group(7)), int(m.group(8))
        if 1300 <= y <= 1600:
            g = h2g(y, mo, d); k = "hijri"
        elif 1900 <= y <= 2100:
            try:
                g = dt.date(y, mo, d)
            except ValueError:
                g = None
            k = "numeric"
        else:
            continue
        if g:
            t = time_after(s, m.end())
            out.append(fmt(g, t)); regions.add("numeric" if k == "numeric" else "hijri"); kinds.add(k); taken.append(m.span())
    for m in RX_MY.finditer(s):
        if not free(*m.span()):
            continue
        mon, region = greg_month(m.group(1))
        y = int(m.group(2))
        if mon and 1000 <= y <= 2199:
            out.append((dt.date(y, mon, 1).isoformat(), "month")); regions.add(region); kinds.add("month_name"); taken.append(m.span())
    for m in RX_MSHIFT.finditer(s):
        if not free(*m.span()):
            continue
        mon, region = greg_month(m.group(1))
        if mon in (3, 8):
            continue
        sh = m.group(2)
        y = refd.year
        if sh == "الماضي":
            y = y if mon < refd.month else y - 1
        elif sh in ("المقبل", "القادم"):
            y = y if mon > refd.month else y + 1
        out.append((dt.date(y, mon, 1).isoformat(), "month")); regions.add("relative"); kinds.add("relative"); taken.append(m.span())
    for rx, off in REL_DAY:
        for m in re.finditer(rx, s):
            if not free(*m.span()):
                continue
            g = refd + dt.timedelta(days=off)
            t = time_after(s, m.end())
            out.append(fmt(g, t)); regions.add("relative"); kinds.add("relative"); taken.append(m.span())
    for m in RX_AGO.finditer(s):
        if not free(*m.span()):
            continue
        n, unit = m.group(1), m.group(2)
        u, count = UNITS[unit]
        if n is None:
            if count == 0:
                continue
            n = count
        else:
            n = int(n) if n.isdigit() else NUMW[n]
        if u in ("h", "min"):
            v = ref - (dt.timedelta(hours=n) if u == "h" else dt.timedelta(minutes=n))
            out.append((v.strftime("%Y-%m-%dT%H:%M"), "minute"))
        elif u in ("d", "w"):
            out.append(((refd - dt.timedelta(days=n * (7 if u == "w" else 1))).isoformat(), "day"))
        elif u == "m":
            k = refd.year * 12 + refd.month - 1 - n
            out.append((dt.date(k // 12, k % 12 + 1, 1).isoformat(), "month"))
        else:
            out.append((dt.date(refd.year - n, 1, 1).isoformat(), "year"))
        regions.add("relative"); kinds.add("relative"); taken.append(m.span())
    for m in RX_PERIOD.finditer(s):
        if not free(*m.span()):
            continue
        noun = m.group(1) or m.group(3)
        sh = m.group(2) or "الجاري"
        k = -1 if sh.startswith(("الماض", "المنصرم", "الفائت")) else (1 if sh.startswith(("المقبل", "القادم")) else 0)
        if noun in ("أسبوع", "اسبوع"):
            out.append(((refd + dt.timedelta(days=7 * k)).isoformat(), "day"))
        elif noun == "شهر" or noun == "الشهر":
            q = refd.year * 12 + refd.month - 1 + k
            out.append((dt.date(q // 12, q % 12 + 1, 1).isoformat(), "month"))
        else:
            out.append((dt.date(refd.year + k, 1, 1).isoformat(), "year"))
        regions.add("relative"); kinds.add("relative"); taken.append(m.span())
    for m in RX_WD.finditer(s):
        if not free(*m.span()):
            continue
        wd = WD[m.group(1)]
        sh = m.group(2)
        back = (refd.weekday() - wd) % 7
        if sh and sh.startswith(("المقبل", "القادم")):
            ahead = (wd - refd.weekday()) % 7 or 7
            g = refd + dt.timedelta(days=ahead)
        elif sh:
            g = refd - dt.timedelta(days=back or 7)
        else:
            g = refd - dt.timedelta(days=back)
        t = time_after(s, m.end())
        out.append(fmt(g, t)); regions.add("relative"); kinds.add("relative"); taken.append(m.span())
    for m in RX_YEAR.finditer(s):
        if not free(*m.span()):
            continue
        y = int(m.group(1) or m.group(2))
        if 1000 <= y <= 2199:
            out.append((dt.date(y, 1, 1).isoformat(), "year")); kinds.add("year"); regions.add("year"); taken.append(m.span())
    return out, regions, kinds


# ---------- corpora ----------
def docs():
    for f in sorted(glob.glob(f"{SEEDS}/pages/*.txt")):
        gold = f.replace("/pages/", "/gold/").replace(".txt", ".json")
        try:
            g = json.load(open(gold))
        except OSError:
            continue
        pub = g.get("published") or (g.get("published_from_context") or "")[:10]
        if not pub:
            continue
        ref = dt.datetime.fromisoformat(pub if "T" in pub else pub + "T12:00:00")
        yield "seed/" + os.path.basename(f), ref, open(f).read()
    for f in sorted(glob.glob(f"{DATA}/ant-corpus-v1.1/*/*.txt")):
        s = open(f, errors="replace").read()
        t = re.search(r"<TIME>([^<]+)</TIME>", s)
        body = re.search(r"<TEXT>(.*?)</TEXT>", s, re.S)
        if t and body:
            try:
                ref = dt.datetime.fromisoformat(t.group(1).strip()).replace(tzinfo=None)
            except ValueError:
                continue
            yield "ant-v1.1/" + os.path.basename(f), ref, body.group(1)
    with tarfile.open(f"{DATA}/ant-corpus-v2.1/ant-v2.1.tar.xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            s = tar.extractfile(member).read().decode("utf-8", "replace")
            t = re.search(r"<TIME>([^<]+)</TIME>", s)
            body = re.search(r"<TEXT>(.*?)</TEXT>", s, re.S)
            if t and body:
                try:
                    ref = email.utils.parsedate_to_datetime(t.group(1).strip()).replace(tzinfo=None)
                except (TypeError, ValueError):
                    continue
                yield "ant-v2.1/" + member.name.lstrip("./"), ref, body.group(1)
    for f in sorted(glob.glob(f"{DATA}/saudinewsnet/dataset/*.zip")):
        z = zipfile.ZipFile(f)
        for name in z.namelist():
            for i, d in enumerate(json.loads(z.read(name))):
                try:
                    ref = dt.datetime.strptime(d["date_extracted"], "%Y-%m-%d %H:%M:%S")
                except (KeyError, ValueError):
                    continue
                yield f"saudinewsnet/{name}#{i}", ref, d.get("content") or ""


SENT = re.compile(r"[^.!؟?\n]{15,300}[.!؟?]?")
NEG_HINT = re.compile(r"\d+\s*(?:%|٪|مليون|مليار|ألف|دولار|ريال|جنيه|دينار|درهم|كيلو|متر|شخص|مواطن)|\d+\s*-\s*\d+(?!\s*-)|\b0\d{8,}")
ANY_DATE = re.compile(GM + "|" + HM + r"|اليوم|أمس|امس|غدا|منذ|قبل|الماضي|المقبل|الجاري|عام|سنة|العام|"
                      + "|".join(WD) + r"|\d{1,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,4}|(?:19|20)\d\d")


def main(out_path):
    quotas = {("egypt_gulf", "month_name"): 50, ("levant_iraq", "month_name"): 45,
              ("algeria_tunisia", "month_name"): 45, ("maghreb", "month_name"): 15,
              ("hijri", "hijri"): 30, ("numeric", "numeric"): 25, ("relative", "relative"): 70,
              ("year", "year"): 30, ("negative", "negative"): 45}
    pools = {k: [] for k in quotas}
    seen = set()
    for src, ref, body in docs():
        if random.random() > 0.35 and not src.startswith("seed/"):
            continue
        for m in SENT.finditer(body):
            s = m.group(0).strip()
            if len(s) < 20 or s in seen:
                continue
            try:
                exp, regions, kinds = label(s, ref)
            except (ValueError, OverflowError):
                continue
            if exp:
                if len(exp) > 3:
                    continue
                region = sorted(regions - {"relative", "year"})[0] if regions - {"relative", "year"} else sorted(regions)[0]
                kind = sorted(kinds - {"relative", "year"})[0] if kinds - {"relative", "year"} else sorted(kinds)[0]
                key = (region, kind)
            elif NEG_HINT.search(s) and not ANY_DATE.search(clean(s)):
                key = ("negative", "negative")
            else:
                continue
            if key not in pools:
                continue
            seen.add(s)
            pools[key].append({"text": s, "ref": ref.isoformat(timespec="seconds"),
                               "expected": [{"value": v, "precision": p} for v, p in exp],
                               "region": key[0], "kind": key[1], "source": src})
    with open(out_path, "w") as f:
        for key, n in quotas.items():
            pool = pools[key]
            seeds = [c for c in pool if c["source"].startswith("seed/")]
            rest = [c for c in pool if not c["source"].startswith("seed/")]
            random.shuffle(rest)
            for c in (seeds + rest)[:n]:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
            print(key, len(pool), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
