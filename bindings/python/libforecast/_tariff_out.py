"""The files of the tariff advice, as lfc tariff writes them (tariff_out.c):
one column table per kind serves the CSV header, the CSV row and the JSON
object, so a column and its key cannot drift apart; numbers are formatted
with C's printf conversions (money to the cent, kWh to the Wh, kW to 0.1,
the rest to 10 significant digits), NaN as an empty field or null."""
import math
import os

MONEY, KWH, KW, EXACT, WHOLE = "%.2f", "%.3f", "%.1f", "%.10g", "%.0f"
TEXT, COUNT, FLAG = "text", "count", "flag"

KEY_RANKING = [("customer", TEXT)]
RANKING = [("rank", COUNT), ("tariff_id", TEXT), ("name", TEXT), ("basic", TEXT),
           ("declared_hindsight", FLAG), ("kwh", KWH), ("energy_charge", MONEY),
           ("basic_charge", MONEY), ("demand_penalty", MONEY), ("pf_adjustment", MONEY),
           ("surcharges", MONEY), ("total", MONEY), ("price_per_kwh", EXACT),
           ("peak_share", EXACT), ("saving", MONEY), ("current", FLAG)]
KEY_BILL = [("customer", TEXT), ("tariff_id", TEXT), ("basic", TEXT)]
BILL = ([("year", COUNT), ("month", COUNT), ("days", COUNT), ("kwh", KWH)] +
        [(f"kwh_{p}", KWH) for p in ("critical", "peak", "flat", "valley", "deep_valley")] +
        [("energy_charge", MONEY), ("max_demand_kw", KW), ("billing_kw", KW),
         ("basic_charge", MONEY), ("excess_kw", KW), ("demand_penalty", MONEY),
         ("power_factor", EXACT), ("pf_percent", EXACT), ("pf_adjustment", MONEY),
         ("surcharges", MONEY), ("total", MONEY), ("price_per_kwh", EXACT)])
KEY_DECLARED = [("customer", TEXT), ("tariff_id", TEXT)]
DECLARED = [("year", COUNT), ("month", COUNT), ("nvalues", COUNT), ("max_kw_p10", KW),
            ("max_kw_p50", KW), ("max_kw_p90", KW), ("declared_kw", WHOLE),
            ("expected_charge", MONEY), ("penalty_probability", EXACT),
            ("capacity_charge", MONEY), ("choice", TEXT), ("saving", MONEY)]
KEY_SHIFT = [("customer", TEXT), ("tariff_id", TEXT)]
SHIFT = [("share", EXACT), ("max_kw", KW), ("kwh_moved", KWH), ("bill_before", MONEY),
         ("bill_after", MONEY), ("saving", MONEY), ("saving_per_mwh", MONEY),
         ("max_demand_before_kw", KW), ("max_demand_after_kw", KW)]
CHANGE = [("level", TEXT), ("id", TEXT), ("class", TEXT), ("customers", COUNT),
          ("kwh", KWH), ("peak_kwh", KWH), ("peak_share", EXACT), ("old_total", MONEY),
          ("new_total", MONEY), ("change", MONEY), ("change_pct", EXACT), ("old_price", EXACT),
          ("new_price", EXACT), ("kwh_share", EXACT), ("price_effect", EXACT)]

FILES = ("tariff_ranking.csv", "tariff_bills.csv", "tariff_declared.csv", "tariff_shift.csv",
         "tariff.json", "tariff_change.csv")


# ---- values ---------------------------------------------------------------------------------


def json_string(s):
    """s as lf_json_put_string writes it: ", \\ and newline escaped, other
    control characters as \\u00XX, the rest (UTF-8) as it is."""
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out) + '"'


def _csv_text(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def _number(v, fmt, null):
    if v is None or not math.isfinite(v):
        return null
    return fmt % (v + 0.0) if fmt != EXACT else fmt % v   # + 0.0: no "-0.00"


def value(v, kind, json):
    """One field: CSV text or a JSON value."""
    if kind == TEXT:
        if v is None:
            return "null" if json else ""
        return json_string(v) if json else _csv_text(v)
    if kind == COUNT:
        return "%d" % v
    if kind == FLAG:
        return ("true" if v else "false") if json else ("1" if v else "0")
    return _number(v, kind, "null" if json else "")


def csv_header(columns):
    return ",".join(name for name, _ in columns) + "\n"


def csv_row(rec, columns):
    return ",".join(value(rec[name], kind, False) for name, kind in columns) + "\n"


def json_row(rec, columns):
    return "{" + ", ".join(f'"{name}": {value(rec[name], kind, True)}'
                           for name, kind in columns) + "}"


def _money(key, v):
    return f'"{key}": {_number(v, MONEY, "null")}'


# ---- the rows of each file ------------------------------------------------------------------


def _empty_declared(year, month):
    rec = {name: None for name, _ in DECLARED}
    rec.update(year=year, month=month, nvalues=0)
    return rec


def declared_months(plan):
    """The plan's 12 rows, a month without values as an empty row."""
    return [m if m is not None else _empty_declared(plan["year"], k + 1)
            for k, m in enumerate(plan["months"])]


def ranking_rows(accounts):
    return [r for a in accounts for r in a["ranking"]]


def bill_rows(accounts):
    return [{"customer": a["head"]["customer"], "role": b["role"], "tariff_id": b["tariff_id"],
             "basic": b["basic"], **m} for a in accounts for b in a["bills"] for m in b["months"]]


def declared_rows(accounts):
    return [{"customer": a["head"]["customer"], "tariff_id": p["tariff_id"], **m}
            for a in accounts for p in a["plans"] for m in declared_months(p)]


def shift_rows(accounts):
    return [{"customer": a["head"]["customer"], "tariff_id": a["shift"]["tariff_id"],
             **s, "max_kw": s["max_kw"] if s["max_kw"] > 0 else math.nan}
            for a in accounts if a["shift"] for s in a["shift"]["rows"]]


def change_rows(change):
    return change["customers"] + change["classes"] + [change["total"]]


# ---- CSV ------------------------------------------------------------------------------------


def _csv(rows, columns):
    return csv_header(columns) + "".join(csv_row(r, columns) for r in rows)


def csv_texts(accounts, change):
    """{file name: its text} of the CSV files (tariff_change.csv with a change)."""
    texts = {FILES[0]: _csv(ranking_rows(accounts), KEY_RANKING + RANKING),
             FILES[1]: _csv(bill_rows(accounts), KEY_BILL + BILL),
             FILES[2]: _csv(declared_rows(accounts), KEY_DECLARED + DECLARED),
             FILES[3]: _csv(shift_rows(accounts), KEY_SHIFT + SHIFT)}
    if change is not None:
        texts[FILES[5]] = _csv(change_rows(change), CHANGE)
    return texts


# ---- JSON -----------------------------------------------------------------------------------


def _json_head(h):
    num = lambda k: f'"{k}": {_number(h[k], EXACT, "null")}'     # noqa: E731
    txt = lambda k: f'"{k}": {value(h[k], TEXT, True)}'           # noqa: E731
    return (", ".join([txt("customer"), txt("name"), txt("class"), num("voltage_kv"),
                       num("capacity_kva"), txt("current"), txt("basic"), num("declared_kw"),
                       num("power_factor"), num("shiftable_kw")]) + ",\n    " +
            ", ".join([num("growth"), txt("declared_from"), txt("forecast"), txt("scenario")]) +
            ",\n    " +
            ", ".join([txt("first"), txt("last")]) +
            f', "months": {h["months"]}, "plan_year": {h["plan_year"]},\n')


def _json_list(items, first, sep, empty_end, end):
    body = "".join((sep if k else first) + item for k, item in enumerate(items))
    return body + (end if items else empty_end)


def _json_ranking(a):
    rows = [json_row(r, KEY_RANKING + RANKING) for r in a["ranking"]]
    return '    "ranking": [' + _json_list(rows, "\n      ", ",\n      ", "\n    ],\n",
                                           "\n    ],\n")


def _json_bills(a):
    items = []
    for b in a["bills"]:
        months = "".join((",\n        " if k else "\n        ") + json_row(m, BILL)
                         for k, m in enumerate(b["months"]))
        items.append(f'"role": {json_string(b["role"])}, '
                     f'"tariff_id": {json_string(b["tariff_id"])}, '
                     f'"basic": {json_string(b["basic"])}, {_money("total", b["total"])}, '
                     f'"months": [{months}]}}')
    return '    "bills": [' + _json_list(items, "\n      {", ",\n      {", "],\n", "\n    ],\n")


def _json_plans(a):
    items = []
    for p in a["plans"]:
        months = "".join((",\n        " if k else "\n        ") + json_row(m, DECLARED)
                         for k, m in enumerate(declared_months(p)))
        items.append(f'"tariff_id": {json_string(p["tariff_id"])}, '
                     f'"year": {p["year"]}, "months_planned": {p["months_planned"]}, '
                     f'{_money("saving", p["saving"])}, '
                     f'{_money("current_declared_charge", p["current_declared_charge"])}, '
                     f'"months": [{months}]}}')
    return '    "declared": [' + _json_list(items, "\n      {", ",\n      {", "],\n",
                                            "\n    ],\n")


def _json_shift(a):
    s = a["shift"]
    if s is None:
        return '    "shift": null\n'
    rows = "".join((",\n      " if k else "\n      ") +
                   json_row({**r, "max_kw": r["max_kw"] if r["max_kw"] > 0 else math.nan}, SHIFT)
                   for k, r in enumerate(s["rows"]))
    return (f'    "shift": {{"tariff_id": {json_string(s["tariff_id"])}, '
            f'"current": {"true" if s["current"] else "false"}, "rows": [{rows}]}}\n')


def _json_change(change):
    if change is None:
        return '  "change": null\n'
    customers = "".join((",\n      " if k else "\n      ") + json_row(r, CHANGE)
                        for k, r in enumerate(change["customers"]))
    classes = "".join((",\n      " if k else "\n      ") + json_row(r, CHANGE)
                      for k, r in enumerate(change["classes"]))
    return (f'  "change": {{"proposed": {value(change["proposed"], TEXT, True)}, '
            f'"driver": {value(change["driver"], TEXT, True)},\n    "customers": [{customers}'
            f'],\n    "classes": [{classes}],\n    "total": {json_row(change["total"], CHANGE)}'
            "}\n")


def json_text(head, accounts, change):
    """tariff.json's text."""
    shares = ", ".join(EXACT % s for s in head["shift_shares"])
    parts = ["{\n  ", f'"project": {json_string(head["project"])},\n  ',
             f'"tariffs": {json_string(head["tariffs"])},\n  ',
             f'"shift_shares": [{shares}],\n  "accounts": [']
    for i, a in enumerate(accounts):
        parts += [",\n   {" if i else "\n   {", _json_head(a["head"]), _json_ranking(a),
                  _json_bills(a), _json_plans(a), _json_shift(a), "   }"]
    parts += ["\n  ],\n", _json_change(change), "}\n"]
    return "".join(parts)


# ---- writing --------------------------------------------------------------------------------


def _encode(s):
    return s.encode("utf-8", "surrogateescape")


def write_set(directory, texts, stale=()):
    """Every file complete under NAME.part, the stale files removed, then all
    renamed (lfc_write_file_set): a failure half-way leaves none of them."""
    os.makedirs(directory, exist_ok=True)
    parts = []
    try:
        for name, body in texts.items():
            path = os.path.join(directory, name)
            with open(path + ".part", "wb") as f:
                f.write(_encode(body))
            parts.append(path)
        for name in stale:
            try:
                os.remove(os.path.join(directory, name))
            except FileNotFoundError:
                pass
        for path in parts:
            os.replace(path + ".part", path)
    except BaseException:
        for path in parts:
            if os.path.exists(path + ".part"):
                os.remove(path + ".part")
        raise
