"""The segment part of the evaluation's spec (customer_segment.h) from and
into evaluate_customers' keywords: credit_groups, segment_matrix, tiers,
tier_rules; and the consistency the config reader keeps between the parts
(the matrix following renamed value levels and groups, every grade with a
settlement rule and a group).  Used by _customers_spec.
"""
from . import _c_customers as T
from . import _customers_tables as X
from .errors import ArgumentError


def get_groups(s):
    seg = s.segment
    return {X.text(g.name): [X.text(x.value) for x in g.grades[:g.ngrades]]
            for g in seg.groups[:seg.ngroups]}


def set_groups(s, table):
    pairs = X.items(table, "credit_groups", T.LF_CREDIT_GROUPS_MAX)
    for g, (name, grades) in zip(s.segment.groups, pairs):
        X.set_text(g, "name", name, "a name of credit_groups")
        grades = X.names(grades, f"credit_groups['{name}']", T.LF_CREDIT_GROUP_GRADES_MAX)
        for k, grade in enumerate(grades):
            X.set_chars(g.grades, k, grade, f"a grade of credit_groups['{name}']")
        g.ngrades = len(grades)
    s.segment.ngroups = len(pairs)


def level_names(s):
    return [X.text(v.name) for v in s.value.levels[:s.value.nlevels]]


def group_names(s):
    return [X.text(g.name) for g in s.segment.groups[:s.segment.ngroups]]


def get_matrix(s):
    seg = s.segment
    return {level: {group: (X.text(seg.cells[li][gi].segment), X.text(seg.cells[li][gi].service))
                    for gi, group in enumerate(group_names(s))}
            for li, level in enumerate(level_names(s))}


def _cell(table, level, group):
    cell = table[level][group]
    if not (isinstance(cell, (tuple, list)) and len(cell) == 2):
        raise ArgumentError(f"segment_matrix['{level}']['{group}'] must be (segment, service), "
                            f"got {cell!r}")
    return cell


def set_matrix(s, table):
    levels, groups = level_names(s), group_names(s)
    X.items(table, "segment_matrix", T.LF_VALUE_LEVELS_MAX)
    for level in table:
        if level not in levels:
            raise ArgumentError(f"segment_matrix has the row '{level}', not a value level; the "
                                f"value levels are {', '.join(levels)}")
    for level in levels:
        if level not in table:
            raise ArgumentError(f"segment_matrix has no row for value level '{level}'; every "
                                "level needs one")
    for level in levels:
        X.only_keys(table[level], groups, f"segment_matrix['{level}']")
        for gi, group in enumerate(groups):
            if group not in table[level]:
                raise ArgumentError(f"segment_matrix['{level}'] has no cell for credit group "
                                    f"'{group}'; every group needs one")
            seg, service = _cell(table, level, group)
            c = s.segment.cells[levels.index(level)][gi]
            X.set_text(c, "segment", seg, f"segment_matrix['{level}']['{group}']'s segment")
            X.set_text(c, "service", service, f"segment_matrix['{level}']['{group}']'s service")


def get_tiers(s):
    return [X.text(t.value) for t in s.segment.tiers[:s.segment.ntiers]]


def set_tiers(s, tiers):
    tiers = X.sequence(tiers, "tiers", T.LF_SEGMENT_TIERS_MAX)
    for k, tier in enumerate(tiers):
        X.set_chars(s.segment.tiers, k, tier, "a tier of tiers")
    s.segment.ntiers = len(tiers)


TIER_RULE_KEYS = ("tier", "value", "credit", "class", "industry")
_TIER_FIELDS = (("value", "value_level"), ("credit", "credit_group"), ("class", "class_name"))


def get_tier_rules(s):
    out = []
    for r in s.segment.rules[:s.segment.nrules]:
        rule = {key: (X.text(getattr(r, field)) or None) for key, field in _TIER_FIELDS}
        rule["industry"] = [X.text(x.value) for x in r.industries[:r.nindustries]]
        rule["tier"] = X.text(r.tier)
        out.append(rule)
    return out


def set_tier_rules(s, rules):
    rules = X.sequence(rules, "tier_rules", T.LF_TIER_RULES_MAX)
    for k, rule in enumerate(rules):
        what = f"tier_rules[{k}]"
        X.only_keys(rule, TIER_RULE_KEYS, what)
        if rule.get("tier") is None:
            raise ArgumentError(f"{what} needs a tier (one of tiers)")
        r = s.segment.rules[k]
        X.set_text(r, "tier", rule["tier"], f"{what}'s tier")
        for key, field in _TIER_FIELDS:
            X.set_text(r, field, rule.get(key) or "", f"{what}'s {key}")
        industries = rule.get("industry") or []
        industries = X.names(industries, f"{what}'s industry",
                             T.LF_TIER_RULE_INDUSTRIES_MAX) if industries else []
        for j, name in enumerate(industries):
            X.set_chars(r.industries, j, name, f"an industry of {what}")
        r.nindustries = len(industries)
    s.segment.nrules = len(rules)


# ---- consistency, as the config reader keeps it -------------------------------------------


def follow_names(s, base, default):
    """Cells for renamed levels or groups, by name from the base spec, else
    from the defaults (the config's rule); ArgumentError for a name neither has."""
    sources = [(level_names(b), group_names(b), b.segment) for b in (base, default)]
    for li, level in enumerate(level_names(s)):
        for gi, group in enumerate(group_names(s)):
            for levels, groups, seg in sources:
                if level in levels and group in groups:
                    cell = seg.cells[levels.index(level)][groups.index(group)]
                    s.segment.cells[li][gi] = T.SegmentCell.from_buffer_copy(cell)
                    break
            else:
                raise ArgumentError(f"value level '{level}' and credit group '{group}' have no "
                                    "segment; give segment_matrix= with a row for every value "
                                    "level and a cell for every credit group")


def check_grades(s):
    """Every grade has a settlement rule and a credit group."""
    rules = {X.text(r.grade) for r in s.settlement[:s.nsettlement]}
    grouped = {g for grades in get_groups(s).values() for g in grades}
    for g in s.grades[:s.ngrades]:
        name = X.text(g.name)
        if name not in rules:
            raise ArgumentError(f"credit grade '{name}' has no settlement rule; give "
                                "settlement= with a rule for every grade")
        if name not in grouped:
            raise ArgumentError(f"credit grade '{name}' is in none of the credit groups; give "
                                "credit_groups= with every grade")
