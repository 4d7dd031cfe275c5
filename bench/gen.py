#!/usr/bin/env python3
"""Documents for `make bench` (bench/run), made from the real registry.

    gen.py UNITS_CSV AGENCIES_DIR TOKENS_TSV OUT_DIR THREADS

UNITS_CSV is the GSO registry (code,level,parent_code,name,type), AGENCIES_DIR holds the
demo agencies-*.csv (code,kind,parent_code,...,criteria), TOKENS_TSV has code<TAB>token for
every unit that files. Writes into OUT_DIR:

  small.tpl, large.tpl   templates for the sustained runs (bench/load.lua): records
                         "TOKEN\tCADENCE\tLEN_A\tLEN_B\tLEN_C\n" + A + B + C; a document is
                         A + DocumentId + B + period + C (fixed widths, so every request of
                         a template has the same length). small: commune monthly reports of
                         ~4 KB (19 criteria, resources, indicators, texts); large: district
                         quarterly reports of ~100 KB (every commune of the district x 19
                         criteria, per-commune indicators, long texts).
  small.docs, large.docs the same templates filled in, for bench/validate.c:
                         records "LEN\n" + document.
  deadline-N.req         deadline day, one slice per wrk thread N: every commune's monthly
                         report for 2025-12, every district's quarterly report (all its
                         communes) and every department's quarterly report (its criteria
                         across its province's communes) for 2025-Q4, shuffled,
                         records "TOKEN\tLEN\n" + document; each document has a fresh UUID.
  deadline.txt           counts and the two periods, "key value" lines.
"""
import csv
import glob
import os
import random
import sys
import uuid

SMALL_TEMPLATES = 2000     # distinct communes in the 4 KB runs
LARGE_TEMPLATES = 60       # distinct districts in the 100 KB runs
SMALL_TARGET = 4096
LARGE_TARGET = 100 * 1024
TEXT_MAX = 20000           # characters, TextType's maxLength
ID_PLACEHOLDER = "00000000-0000-4000-8000-000000000000"
DEADLINE_MONTH = "2025-12"    # communes file monthly
DEADLINE_QUARTER = "2025-Q4"  # districts and departments quarterly

NAMES_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
NAMES_MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Ngọc", "Quốc", "Thu", "Kim"]
NAMES_GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan",
               "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo",
               "Trung", "Tuấn", "Vân", "Yến"]
ACTIVITIES = [
    "Bê tông hóa {n} km đường giao thông nông thôn ấp {a}.",
    "Vận động {m} hộ hiến {k} m² đất làm đường liên ấp.",
    "Nạo vét {n} km kênh thủy lợi nội đồng phục vụ sản xuất vụ lúa.",
    "Sửa chữa trường mầm non điểm ấp {a}, bổ sung thiết bị dạy học.",
    "Tổ chức {m} lớp tập huấn chuyển giao kỹ thuật nuôi tôm, trồng lúa cho nông dân.",
    "Xây dựng {m} căn nhà đại đoàn kết cho hộ nghèo, hộ cận nghèo.",
    "Lắp đặt {m} bóng đèn chiếu sáng tuyến đường liên xã.",
    "Ra mắt mô hình khu dân cư kiểu mẫu tại ấp {a}.",
    "Hỗ trợ {m} hộ chuyển đổi cơ cấu cây trồng, vật nuôi phù hợp với điều kiện địa phương.",
    "Thu gom, xử lý rác thải sinh hoạt tại {m} điểm tập kết; trồng {k} cây xanh.",
]
DIFFICULTIES = [
    "Nguồn vốn ngân sách cấp xã còn hạn chế; huy động nguồn lực xã hội hóa chưa đạt kế hoạch.",
    "Tiêu chí {c} chưa đạt do thiếu kinh phí đầu tư cơ sở vật chất.",
    "Thời tiết diễn biến bất thường, xâm nhập mặn ảnh hưởng đến sản xuất nông nghiệp.",
    "Một số hộ dân chưa đồng thuận hiến đất mở rộng đường giao thông.",
    "Giá vật liệu xây dựng tăng làm chậm tiến độ các công trình.",
    "Cán bộ phụ trách nông thôn mới kiêm nhiệm nhiều việc, thiếu thời gian theo dõi.",
]
PROPOSALS = [
    "Đề nghị huyện hỗ trợ vốn xây dựng chợ xã và nâng cấp trạm y tế.",
    "Đề nghị tỉnh phân bổ sớm nguồn vốn sự nghiệp năm sau để chủ động triển khai.",
    "Kiến nghị bổ sung kinh phí duy tu, bảo dưỡng các tuyến đường đã bê tông hóa.",
    "Đề nghị các sở, ngành hướng dẫn cụ thể cách đánh giá tiêu chí {c}.",
    "Kiến nghị tăng cường tập huấn cho cán bộ cơ sở về công tác báo cáo.",
]
SOURCES = ["central-budget", "local-budget", "integrated-programmes", "credit", "enterprises",
           "people", "other"]
COMMUNE_INDICATORS = [
    ("poor-household-rate", "%", lambda r: "%.2f" % r.uniform(0.5, 12)),
    ("near-poor-household-rate", "%", lambda r: "%.2f" % r.uniform(0.5, 9)),
    ("income-per-capita", "VND/person/year", lambda r: str(r.randrange(38, 80) * 1000000)),
    ("rural-road-concreted", "km", lambda r: "%.1f" % r.uniform(0.2, 9)),
    ("clean-water-rate", "%", lambda r: "%.1f" % r.uniform(70, 100)),
    ("health-insurance-rate", "%", lambda r: "%.1f" % r.uniform(85, 100)),
    ("trained-labour-rate", "%", lambda r: "%.1f" % r.uniform(40, 85)),
    ("waste-collected-rate", "%", lambda r: "%.1f" % r.uniform(50, 98)),
]


def person(r):
    return "%s %s %s" % (r.choice(NAMES_FAMILY), r.choice(NAMES_MIDDLE), r.choice(NAMES_GIVEN))


def sentence(r, pool):
    return r.choice(pool).format(n="%.1f" % r.uniform(0.5, 9.5), a=r.randrange(1, 12),
                                 m=r.randrange(2, 120), k=r.randrange(100, 9000),
                                 c=r.randrange(1, 20))


def text(r, pool, chars):
    """Sentences of pool up to about chars characters (at most TEXT_MAX)."""
    chars = max(0, min(chars, TEXT_MAX))
    out = ""
    while True:
        s = sentence(r, pool)
        if len(out) + len(s) + 1 > chars:
            return out
        out = (out + " " + s) if out else s


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def criteria_xml(r, commune, numbers, indent, with_since=True):
    lines = ['%s<Commune code="%s">' % (indent, commune)]
    for n in numbers:
        if r.random() < 0.8:
            since = ""
            if with_since:
                since = ' since="%04d-%02d-%02d"' % (r.randrange(2015, 2020), r.randrange(1, 13),
                                                     r.randrange(1, 29))
            lines.append('%s  <Criterion number="%d" status="met"%s/>' % (indent, n, since))
        else:
            lines.append('%s  <Criterion number="%d" status="not-met"/>' % (indent, n))
    lines.append("%s</Commune>" % indent)
    return "\n".join(lines)


def amounts_xml(r, k):
    src = sorted(r.sample(SOURCES, k), key=SOURCES.index)
    return "  <Resources>\n%s\n  </Resources>" % "\n".join(
        '    <Amount source="%s">%d</Amount>' % (s, r.randrange(1, 5000) * 1000000) for s in src)


def indicators_xml(r, rows):
    return "  <Indicators>\n%s\n  </Indicators>" % "\n".join(
        '    <Indicator code="%s" unit="%s">%s</Indicator>' % (c, esc(u), v) for c, u, v in rows)


def document(unit, cadence, period, prepared_by, prepared_at, body_parts, doc_id):
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<ProgressReport xmlns="urn:baocao:ntm:1">\n'
            "  <Header>\n    <DocumentId>")
    mid = ('</DocumentId>\n    <ReportingUnit code="%s"/>\n    <Period><%s>' % (unit, cadence))
    tail = ("</%s></Period>\n    <PreparedBy>%s</PreparedBy>\n    <PreparedAt>%s</PreparedAt>\n"
            "  </Header>\n%s\n</ProgressReport>\n" % (cadence, esc(prepared_by), prepared_at,
                                                     "\n".join(p for p in body_parts if p)))
    return head, doc_id, mid, period, tail


def texts_xml(r, budget_bytes, scale=1.0):
    """Activities, Difficulties, Proposals filling about budget_bytes of UTF-8."""
    parts = []
    shares = [("Activities", ACTIVITIES, 0.5), ("Difficulties", DIFFICULTIES, 0.3),
              ("Proposals", PROPOSALS, 0.2)]
    for name, pool, share in shares:
        # Vietnamese text is ~1.25 bytes per character in UTF-8
        t = text(r, pool, int(budget_bytes * share * scale / 1.25))
        if t:
            parts.append("  <%s>%s</%s>" % (name, esc(t), name))
    return "\n".join(parts)


def commune_report(r, code, period, doc_id, target=SMALL_TARGET):
    crit = "  <Criteria>\n%s\n  </Criteria>" % criteria_xml(r, code, range(1, 20), "    ")
    res = amounts_xml(r, r.randrange(4, 8))
    ind = indicators_xml(r, [(c, u, f(r)) for c, u, f in r.sample(COMMUNE_INDICATORS, 5)])
    parts = [crit, res, ind]
    who, at = person(r), "%sT%02d:%02d:00+07:00" % ("2024-12-16", r.randrange(7, 17), r.randrange(60))
    base = "".join(document(code, "Month", period, who, at, parts, doc_id))
    parts.append(texts_xml(r, target - len(base.encode()) - 60))
    return document(code, "Month", period, who, at, parts, doc_id)


def district_report(r, code, communes, period, doc_id, target=None):
    crit = ""
    if communes:
        crit = "  <Criteria>\n%s\n  </Criteria>" % "\n".join(
            criteria_xml(r, c, range(1, 20), "    ", with_since=target is not None)
            for c in communes)
    rows = []
    for c in communes:
        for ic, u, f in COMMUNE_INDICATORS[:4 if target else 1]:
            rows.append(("%s.%s" % (c, ic), u, f(r)))
    rows = rows[:480] + [(c, u, f(r)) for c, u, f in COMMUNE_INDICATORS[:4]]
    parts = [crit, amounts_xml(r, r.randrange(3, 7)), indicators_xml(r, rows)]
    who, at = person(r), "2024-12-18T%02d:%02d:00+07:00" % (r.randrange(7, 17), r.randrange(60))
    if target is None:
        parts.append(texts_xml(r, 1500))
    else:
        base = "".join(document(code, "Quarter", period, who, at, parts, doc_id))
        parts.append(texts_xml(r, target - len(base.encode()) - 90))
    return document(code, "Quarter", period, who, at, parts, doc_id)


def department_report(r, code, numbers, communes, period, doc_id):
    crit = ""
    if communes and numbers:
        crit = "  <Criteria>\n%s\n  </Criteria>" % "\n".join(
            criteria_xml(r, c, numbers, "    ", with_since=False) for c in communes)
    parts = [crit, amounts_xml(r, r.randrange(1, 4)),
             indicators_xml(r, [(c, u, f(r)) for c, u, f in r.sample(COMMUNE_INDICATORS, 2)]),
             texts_xml(r, 800)]
    who, at = person(r), "2024-12-20T%02d:%02d:00+07:00" % (r.randrange(7, 17), r.randrange(60))
    return document(code, "Quarter", period, who, at, parts, doc_id)


def write_templates(path, docs_path, items):
    with open(path, "wb") as tpl, open(docs_path, "wb") as docs:
        for token, cadence, (a, _id, b, period, c), fill_period in items:
            a, b, c = a.encode(), b.encode(), c.encode()
            tpl.write(("%s\t%s\t%d\t%d\t%d\n" % (token, cadence, len(a), len(b), len(c))).encode())
            tpl.write(a + b + c)
            whole = a + str(uuid.uuid4()).encode() + b + fill_period.encode() + c
            docs.write(b"%d\n" % len(whole) + whole)


def main():
    if len(sys.argv) != 6:
        sys.exit("usage: gen.py UNITS_CSV AGENCIES_DIR TOKENS_TSV OUT_DIR THREADS")
    units_csv, agencies_dir, tokens_tsv, out, threads = sys.argv[1:]
    threads = int(threads)
    r = random.Random(20250315)
    os.makedirs(out, exist_ok=True)

    tokens = {}
    with open(tokens_tsv, encoding="utf-8") as f:
        for line in f:
            code, tok = line.rstrip("\n").split("\t")[:2]
            tokens[code] = tok
    communes, districts, parent = [], [], {}
    by_district, by_province = {}, {}
    with open(units_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parent[row["code"]] = row["parent_code"]
            if row["level"] == "commune":
                communes.append(row["code"])
                by_district.setdefault(row["parent_code"], []).append(row["code"])
            elif row["level"] == "district":
                districts.append(row["code"])
    for c in communes:
        by_province.setdefault(parent[parent[c]], []).append(c)
    departments = []
    for path in sorted(glob.glob(os.path.join(agencies_dir, "agencies-*.csv"))):
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["kind"] == "department":
                    numbers = [int(x) for x in row["criteria"].split()]
                    departments.append((row["code"], row["parent_code"], numbers))
    missing = [c for c in communes + districts + [d[0] for d in departments] if c not in tokens]
    if missing:
        sys.exit("gen.py: no token for %d units (e.g. %s)" % (len(missing), missing[0]))

    # Sustained runs: periods are chosen per request by load.lua (months of 2020-01 to
    # 2024-11, quarters of 2020-Q1 to 2024-Q3), so a template only fixes the unit.
    small = []
    for code in r.sample(communes, SMALL_TEMPLATES):
        small.append((tokens[code], "Month", commune_report(r, code, "2024-01", ID_PLACEHOLDER),
                      "2024-%02d" % r.randrange(1, 12)))
    write_templates(os.path.join(out, "small.tpl"), os.path.join(out, "small.docs"), small)
    big = [d for d in districts if len(by_district.get(d, [])) >= 20]
    large = []
    for code in r.sample(big, min(LARGE_TEMPLATES, len(big))):
        large.append((tokens[code], "Quarter",
                      district_report(r, code, by_district[code], "2024-Q1", ID_PLACEHOLDER,
                                      target=LARGE_TARGET),
                      "2024-Q%d" % r.randrange(1, 4)))
    write_templates(os.path.join(out, "large.tpl"), os.path.join(out, "large.docs"), large)

    # Deadline day: the last month and quarter of the 2021-2025 criteria set, which the
    # sustained runs (2020-2024) never use, so every filing here is a first revision.
    last_month, last_quarter = DEADLINE_MONTH, DEADLINE_QUARTER
    filings = []
    for code in communes:
        filings.append((code, commune_report(r, code, last_month, str(uuid.uuid4()))))
    for code in districts:
        filings.append((code, district_report(r, code, by_district.get(code, []), last_quarter,
                                               str(uuid.uuid4()))))
    for code, province, numbers in departments:
        filings.append((code, department_report(r, code, numbers, by_province.get(province, []),
                                                last_quarter, str(uuid.uuid4()))))
    r.shuffle(filings)
    total_bytes = 0
    slices = [open(os.path.join(out, "deadline-%d.req" % i), "wb") for i in range(threads)]
    for i, (code, parts) in enumerate(filings):
        body = "".join(parts).encode()
        total_bytes += len(body)
        slices[i % threads].write(b"%s\t%d\n" % (tokens[code].encode(), len(body)) + body)
    for f in slices:
        f.close()
    with open(os.path.join(out, "deadline.txt"), "w", encoding="utf-8") as f:
        f.write("communes %d\ndistricts %d\ndepartments %d\ntotal %d\nbytes %d\n"
                "month %s\nquarter %s\n" % (len(communes), len(districts), len(departments),
                                             len(filings), total_bytes, last_month, last_quarter))


if __name__ == "__main__":
    main()
