"""Python tables into the C arrays of credit.h and customer_value.h, and back:
names into fixed char arrays, {name: number} tables, the credit indicators,
grades and settlement rules.  Shared by the evaluation's spec
(_customers_spec) and the standalone credit functions (_credit).

Form is checked here (types, sizes, unknown names), naming the argument;
the values (weights summing to 1, thresholds decreasing, ...) are left to the
C checks, whose messages are raised unchanged.
"""
from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import _c_credit as TC
from . import _inputs as I
from .errors import ArgumentError

KINDS = {TC.LF_CREDIT_LINEAR: "linear", TC.LF_CREDIT_GIVEN: "given"}


def set_text(struct, field, value, what):
    """struct.field = value, a char array field; ArgumentError when too long."""
    raw = I.c_text(value, what)
    if raw is None:
        raise ArgumentError(f"{what} must be a string, not None")
    size = getattr(type(struct), field).size
    if len(raw) >= size:
        raise ArgumentError(f"{what} '{value}' is {len(raw)} bytes; at most {size - 1}")
    setattr(struct, field, raw)


def set_chars(array, k, value, what):
    """array[k] = value for an array of char arrays (e.g. the tiers)."""
    raw = I.c_text(value, what)
    if raw is None:
        raise ArgumentError(f"{what} must be a string, not None")
    size = type(array)._type_._length_
    if len(raw) >= size:
        raise ArgumentError(f"{what} '{value}' is {len(raw)} bytes; at most {size - 1}")
    array[k].value = raw


def text(raw):
    """A C char array's text (UTF-8; an undecodable byte shown as U+FFFD)."""
    return raw.decode("utf-8", "replace")


def items(table, what, most, least=1):
    """The (key, value) pairs of a mapping (dict, Series), least..most of them."""
    if isinstance(table, pd.Series):
        table = dict(table.items())
    if not isinstance(table, Mapping):
        raise ArgumentError(f"{what} must be a mapping (a dict), not {type(table).__name__}")
    pairs = list(table.items())
    if not least <= len(pairs) <= most:
        raise ArgumentError(f"{what} needs {least} to {most} entries, got {len(pairs)}")
    return pairs


def sequence(value, what, most, least=1):
    """A list or tuple of least..most items."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise ArgumentError(f"{what} must be a list, not {type(value).__name__}")
    if not least <= len(value) <= most:
        raise ArgumentError(f"{what} needs {least} to {most} entries, got {len(value)}")
    return list(value)


def names(value, what, most):
    """A name or a list of 1..most names."""
    return [value] if isinstance(value, str) else sequence(value, what, most)


def count(value, what):
    """A whole number >= 0 (a size_t for C)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) \
            or value < 0:
        raise ArgumentError(f"{what} must be an int >= 0, got {value!r}")
    return int(value)


def only_keys(mapping, allowed, what):
    """ArgumentError naming a key of mapping not in allowed."""
    if not isinstance(mapping, Mapping):
        raise ArgumentError(f"{what} must be a mapping (a dict), not {type(mapping).__name__}")
    for key in mapping:
        if key not in allowed:
            raise ArgumentError(f"{what} has the key '{key}'; the keys are "
                                f"{', '.join(allowed)}")


# ---- {name: threshold} tables: grades, value levels ------------------------------------------


def thresholds_into(array, table, what, most, name_field, value_field, least=1):
    """{name: number} into array's first entries; their count."""
    pairs = items(table, what, most, least)
    for k, (name, value) in enumerate(pairs):
        set_text(array[k], name_field, name, f"a name of {what}")
        setattr(array[k], value_field, I.number(value, f"{what}['{name}']"))
    return len(pairs)


def thresholds_of(array, n, name_field, value_field):
    """{name: number} of array's first n entries."""
    return {text(getattr(array[k], name_field)): getattr(array[k], value_field)
            for k in range(n)}


# ---- credit indicators -----------------------------------------------------------------------


def indicators_frame(ind, n):
    """The indicators as a DataFrame indexed by name: weight, kind ("linear"
    or "given"), best, worst (NaN for a given score, which has neither)."""
    rows = [ind[k] for k in range(n)]
    given = [r.kind == TC.LF_CREDIT_GIVEN for r in rows]
    frame = pd.DataFrame({
        "weight": [r.weight for r in rows],
        "kind": [KINDS.get(r.kind, str(r.kind)) for r in rows],
        "best": [np.nan if g else r.best for g, r in zip(given, rows)],
        "worst": [np.nan if g else r.worst for g, r in zip(given, rows)],
    }, index=pd.Index([text(r.name) for r in rows], name="indicator"))
    return frame


def indicator_rows(table, what):
    """{name: {column: value}} of a DataFrame (NaN cells left out) or a mapping."""
    if isinstance(table, pd.DataFrame):
        only_keys(dict.fromkeys(table.columns), ("weight", "kind", "best", "worst"),
                  f"{what} (a DataFrame)")
        return {name: {c: v for c, v in row.items() if not _missing(v)}
                for name, row in table.iterrows()}
    pairs = items(table, what, TC.LF_CREDIT_MAX_INDICATORS)
    for name, row in pairs:
        only_keys(row, ("weight", "kind", "best", "worst"), f"{what}['{name}']")
    return dict(pairs)


def _missing(v):
    return v is None or (isinstance(v, float) and np.isnan(v))


def _kind(value, what):
    for k, name in KINDS.items():
        if value == name:
            return k
    raise ArgumentError(f"{what} is '{value}'; the kinds are {', '.join(KINDS.values())}")


def indicator_into(ind, row, what, kind_fixed):
    """One indicator's weight, kind, best and worst from row (a mapping of
    the ones to set); kind_fixed: the kind may not change (the evaluation's
    six indicators)."""
    if "kind" in row:
        kind = _kind(row["kind"], f"{what}'s kind")
        if kind_fixed and kind != ind.kind:
            raise ArgumentError(f"{what} is a {KINDS[ind.kind]} indicator; its kind cannot "
                                "change")
        ind.kind = kind
    if ind.kind == TC.LF_CREDIT_GIVEN and ("best" in row or "worst" in row):
        raise ArgumentError(f"{what} is a score given 0..100: best and worst do not apply, "
                            "only its weight")
    for key in ("weight", "best", "worst"):
        if key in row:
            setattr(ind, key, I.number(row[key], f"{what}'s {key}"))


def indicators_array(table, what):
    """A full table of indicators (DataFrame or mapping: weight, kind
    (default linear), best, worst) as a new ctypes array; (array, names)."""
    rows = indicator_rows(table, what)
    if not 1 <= len(rows) <= TC.LF_CREDIT_MAX_INDICATORS:
        raise ArgumentError(f"{what} needs 1 to {TC.LF_CREDIT_MAX_INDICATORS} indicators, got "
                            f"{len(rows)}")
    array = (TC.CreditIndicator * len(rows))()
    for k, (name, row) in enumerate(rows.items()):
        set_text(array[k], "name", name, f"an indicator name of {what}")
        array[k].kind = TC.LF_CREDIT_LINEAR
        indicator_into(array[k], row, f"indicator '{name}'", kind_fixed=False)
    return array, list(rows)


# ---- settlement rules ---------------------------------------------------------------------


def settlement_frame(rules, n):
    """The settlement rules as a DataFrame indexed by grade: cycle_days,
    deposit_cycles."""
    rows = [rules[k] for k in range(n)]
    return pd.DataFrame({"cycle_days": [r.cycle_days for r in rows],
                         "deposit_cycles": [r.deposit_cycles for r in rows]},
                        index=pd.Index([text(r.grade) for r in rows], name="grade"))


def _rule_values(rule, what):
    if isinstance(rule, Mapping):
        only_keys(rule, ("cycle_days", "deposit_cycles"), what)
        if "cycle_days" not in rule:
            raise ArgumentError(f"{what} needs cycle_days (10 ten-day, 30 monthly)")
        return rule["cycle_days"], rule.get("deposit_cycles", 0.0)
    if isinstance(rule, (tuple, list)) and len(rule) == 2:
        return rule
    raise ArgumentError(f"{what} must be {{'cycle_days': .., 'deposit_cycles': ..}} or a "
                        f"pair (cycle_days, deposit_cycles), not {rule!r}")


def settlement_into(array, table, what):
    """{grade: {cycle_days, deposit_cycles} or (cycle_days, deposit_cycles)},
    or a DataFrame indexed by grade, into array; the count."""
    if isinstance(table, pd.DataFrame):
        table = {g: dict(row) for g, row in table.iterrows()}
    pairs = items(table, what, len(array))
    for k, (grade, rule) in enumerate(pairs):
        days, cycles = _rule_values(rule, f"{what}['{grade}']")
        set_text(array[k], "grade", grade, f"a grade of {what}")
        if isinstance(days, float) and days.is_integer():
            days = int(days)          # a DataFrame row holds floats
        if isinstance(days, (bool, np.bool_)) or not isinstance(days, (int, np.integer)) \
                or not -2**31 <= days < 2**31:
            raise ArgumentError(f"{what}['{grade}']'s cycle_days must be an int, got {days!r}")
        array[k].cycle_days = int(days)
        array[k].deposit_cycles = I.number(cycles, f"{what}['{grade}']'s deposit_cycles")
    return len(pairs)
