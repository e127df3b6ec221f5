"""Build the profile of one occupation: every headline figure, its source and, when absent, why.

The fields are the :class:`analysis.occupations.contract.Profile` contract;
figures a source does not publish are ``None`` with the reason in
``Profile.missing``.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.data import dataset
from analysis.data.dataset import check_dataset
from analysis.data.sources.catalog import SOURCE_TABLES, SOURCES
from analysis.errors import OccupationLookupError, UserInputError
from analysis.occupations import living_costs, majors, outlook, pay, similarity, source_rows
from analysis.occupations.areas import area_by_code, resolve_area
from analysis.occupations.contract import (
    ONET_SCALES,
    ONET_SOURCES,
    PUBLIC,
    RACE_GROUPS,
    SEED,
    Area,
    EducationShare,
    GenderPct,
    NationalPay,
    OnetDistribution,
    OnetShare,
    PlaceWage,
    Profile,
    RacePct,
    RankedPlace,
    SourceRelease,
    SourceRows,
    clean,
)
from analysis.occupations.lookup import normalize_title, resolve
from analysis.occupations.skills import top_skills

OEWS_FIELDS = (
    "employment",
    "employment_rse",
    "hourly_mean_wage",
    "annual_mean_wage",
    "wage_rse",
    "hourly_wage_p10",
    "hourly_wage_p25",
    "hourly_median_wage",
    "hourly_wage_p75",
    "hourly_wage_p90",
    "annual_wage_p10",
    "annual_wage_p25",
    "annual_median_wage",
    "annual_wage_p75",
    "annual_wage_p90",
)
"""OEWS national estimates: the processed table's columns and the profile's fields alike."""

_OEWS = SOURCES["oews"].label
_ONET = SOURCES["onet"].label


def _first(frame: pd.DataFrame) -> pd.Series | None:
    return frame.iloc[0] if len(frame) else None


def _one(name: str, soc: str) -> pd.Series | None:
    return _first(dataset.soc_rows(name, soc))


def median_category(dist: pd.DataFrame) -> str | None:
    """Return the category label where the cumulative share first reaches 50 %.

    Args:
        dist: Rows of one O*NET scale with ``category`` and ``pct``.

    Returns:
        The median category's label, or None for an empty distribution.
    """
    ordered = dist.dropna(subset=["pct"]).sort_values("category")
    if ordered.empty:
        return None
    # O*NET publishes shares to 2 decimals; summing floats turns an exact 50.00 %
    # into 49.999... or the half of 100.00000000000001, so compare rounded sums.
    cumulative = ordered["pct"].cumsum().round(6)
    at = (cumulative >= round(cumulative.iloc[-1] / 2, 6)).to_numpy().argmax()
    return str(ordered["category_label"].iloc[at])


def _single(values: pd.Series) -> Any:
    """The one value a column holds across a distribution's rows (None if none or several).

    O*NET rates each scale of an occupation in one survey, so N, date and source
    are the same on every category row; a distribution that mixes them is not
    labelled with one of them.
    """
    distinct = values.dropna().unique()
    return clean(distinct[0]) if len(distinct) == 1 else None


def onet_distribution(
    rows: pd.DataFrame, key: str, measure: str, median: str | None
) -> OnetDistribution:
    """One scale's O*NET distribution with its respondents and suppression flags.

    Args:
        rows: The ``onet_ete`` rows of one occupation and one scale.
        key: The profile field holding the median.
        measure: What the scale measures, in words ("on-the-job training").
        median: The median category's label (:func:`median_category`).

    Returns:
        The distribution, its categories in O*NET's order.
    """
    ordered = rows.sort_values("category")
    source = _single(ordered["domain_source"])
    n = _single(ordered["n"])
    flags = ordered["recommend_suppress"]
    # Experts' ratings carry no flag ('n/a'): "not flagged" would claim what O*NET never said.
    suppressed = None if flags.isna().all() else bool(flags.fillna(False).any())
    who = ONET_SOURCES.get(source, source) if source is not None else None
    return OnetDistribution(
        key=key,
        scale=str(ordered["scale"].iloc[0]),
        measure=measure,
        median=median,
        n=n,
        domain_source=source,
        respondents=None if who is None or n is None else f"{n} {who}",
        date=_single(ordered["date"]),
        suppressed=suppressed,
        suppressed_categories=tuple(
            ordered.loc[flags.fillna(False).astype(bool), "category_label"].astype(str)
        ),
        shares=tuple(
            OnetShare(
                category=int(r.category),
                label=str(r.category_label),
                pct=clean(r.pct),
                standard_error=clean(r.standard_error),
                recommend_suppress=clean(r.recommend_suppress),
            )
            for r in ordered.itertuples()
        ),
    )


def _short_duration(label: str | None) -> str | None:
    """Phrase an O*NET duration category the way career pages do ("1-2 years").

    Args:
        label: E.g. "Over 1 year, up to and including 2 years", "None".

    Returns:
        E.g. "1-2 years", "up to 1 month", "over 10 years", "none"; None stays None.
    """
    if label is None:
        return None
    text = label.lower().strip()
    if text.startswith("none"):
        return "none"
    if text.startswith("anything beyond short demonstration, up to and including"):
        return "up to " + text.rsplit("including ", 1)[1]
    if text.startswith("up to and including"):
        return "up to " + text.rsplit("including ", 1)[1]
    if ", up to and including " in text:
        low, high = text.removeprefix("over ").split(", up to and including ")
        low_n, low_unit = low.split(" ", 1)
        high_n, high_unit = high.split(" ", 1)
        if low_unit.rstrip("s") == high_unit.rstrip("s"):
            return f"{low_n}-{high_n} {high_unit if high_n != '1' else high_unit + 's'}"
        return f"{low} to {high}"
    return text


_UNCOUNTED_EDUCATION = ("no formal educational credential", "some college, no degree")
"""EP Table 5.4 education levels that take no article ("some college but no degree")."""
_COUNTED_OJT = ("apprenticeship", "internship/residency")
"""The on-the-job training categories that are one thing (the others are "training")."""


@lru_cache(maxsize=1)
def _inflect() -> Any:
    """The inflect engine, imported on first use and without typeguard's instrumentation.

    inflect decorates its methods with typeguard's ``@typechecked``, which re-parses and
    compiles each of them at import: 1.4 CPU-seconds in every kernel of a batch, for
    checks of argument types that our one call (``a`` of a ``str``) never fails. The
    decorator is made a no-op while inflect is imported (what ``python -O`` does to
    it); if inflect was imported before, it is used as it is. Imported on first use:
    the atlas's parent and batch workers never need an article, only the kernels do.
    """
    import typeguard

    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked
    try:
        import inflect
    finally:
        typeguard.typechecked = checked
    return inflect.engine()


def _unchecked(target: Any = None, **_options: Any) -> Any:
    """``typeguard.typechecked`` that checks nothing, used bare or with options."""
    return target if target is not None else (lambda function: function)


def with_article(phrase: str) -> str:
    """Put "a" or "an" before ``phrase`` by its sound, as inflect says ("an associate's degree").

    inflect knows the exceptions a first-letter rule gets wrong: "a user", "an hour",
    "an MRI technician", "a one-year program".
    """
    return _inflect().a(phrase)


def entry_path(education: str | None, experience: str | None, ojt: str | None) -> str | None:
    """What it takes to become one, in BLS's own terms (EP Table 5.4), as a phrase.

    BLS assigns every occupation a typical entry education, work experience in a
    related occupation and typical on-the-job training; together they are the
    path into the occupation ("a doctoral or professional degree and an
    internship/residency").

    Args:
        education: Typical education needed for entry.
        experience: Work experience in a related occupation ("None" when none).
        ojt: Typical on-the-job training ("None" when none).

    Returns:
        The phrase, or None without an entry education.
    """
    if education is None:
        return None
    low_edu = education.lower()
    edu = low_edu.replace("some college, no degree", "some college but no degree")
    parts = [edu if low_edu in _UNCOUNTED_EDUCATION else with_article(edu)]
    if experience and experience.lower() != "none":
        parts.append(f"{experience.lower()} of work experience in a related occupation")
    if ojt and ojt.lower() != "none":
        low = ojt.lower()
        parts.append(with_article(low) if low in _COUNTED_OJT else low)
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class _Builder:
    """Collects a profile's fields by name, and the reasons for the missing ones.

    The names are checked when :meth:`build` makes the :class:`Profile`: a
    misspelt field fails there, it cannot slip through as an extra key.
    """

    def __init__(self, **fields: Any):
        self.profile: dict[str, Any] = dict(fields)
        self.missing: dict[str, str] = {}

    def put(self, key: str, value: Any, reason: str) -> None:
        value = clean(value)
        self.profile[key] = value
        if value is None:
            self.missing[key] = reason

    def build(self) -> Profile:
        """The profile, with the reasons sorted by field name."""
        return Profile(**self.profile, missing=dict(sorted(self.missing.items())))


_OEWS_PLAIN = {
    "5": "{oews} does not publish this wage: it is top-coded (OEWS footnote 5), so it is "
    "above the highest wage the release shows and has no dollar figure",
    "8": "{oews} does not release this estimate (OEWS footnote 8)",
}
"""OEWS footnotes beside a blank figure, in plain words (the footnote's own text quotes a
dollar bound that bounds nothing, or says only "Estimate not released.")."""


def _oews_reason(row: pd.Series | None, field: str, footnotes: dict[str, str]) -> str:
    if row is None:
        return f"{_OEWS} publishes no national estimate for this occupation"
    code = clean(row.get(f"{field}_footnote"))
    if code is not None and str(code) in _OEWS_PLAIN:
        return _OEWS_PLAIN[str(code)].format(oews=_OEWS)
    text = footnotes.get(str(code)) if code is not None else None
    return f"{_OEWS}: {text}" if text else f"{_OEWS} does not release this estimate"


def _ranked_place(best: pay.Best | None) -> RankedPlace | None:
    """The profile's form of a ranking's answer; None when no place is the answer."""
    if best is None or best.name is None:
        return None
    return RankedPlace(
        name=best.name,
        annual_mean_wage=best.annual_mean_wage,
        employment=best.employment,
        kind=best.kind,
        top_coded=list(best.top_coded),
        tied_with=[PlaceWage(name=n, annual_mean_wage=w) for n, w in best.tied_with],
        note=best.note,
    )


def _add_pay(b: _Builder, soc: str) -> None:
    wages = dataset.soc_rows("oews_wages", soc)
    notes = dataset.table("oews_footnotes")
    footnotes = dict(zip(notes["footnote_code"].astype(str), notes["footnote_text"], strict=True))
    nat = pay.national(wages)
    for field in OEWS_FIELDS:
        b.put(field, None if nat is None else nat[field], _oews_reason(nat, field, footnotes))
    _put_wage_rse_and_footnotes(b, nat, footnotes)
    slim = wages[pay.RANKING_COLUMNS]
    for key, best, rule in (
        (
            "highest_paying_state",
            pay.best_state(slim),
            f"no state with at least {pay.MIN_EMPLOYMENT_STATE:,} published jobs and a mean wage",
        ),
        (
            "highest_paying_metro",
            pay.best_metro(slim),
            f"no metropolitan statistical area with at least {pay.MIN_EMPLOYMENT_METRO:,} "
            "published jobs and a mean wage",
        ),
        (
            "highest_paying_nonmetro_area",
            pay.best_nonmetro(slim),
            f"no nonmetropolitan area with at least {pay.MIN_EMPLOYMENT_METRO:,} published jobs "
            "and a mean wage",
        ),
        (
            "best_paying_industry",
            pay.best_industry(slim),
            f"no industry (NAICS subsector or OEWS industry group) with at least "
            f"{pay.MIN_EMPLOYMENT_INDUSTRY:,} published jobs and a mean wage",
        ),
    ):
        # A ranking whose answer is unknown (top-coded places outrank every published
        # mean) says why in its note.
        reason = best.note if best is not None and best.note else f"{_OEWS}: {rule}"
        b.put(key, _ranked_place(best), reason or "")


def _add_projections(b: _Builder, soc: str) -> None:
    row = _one("projections", soc)
    reason = f"not a line item of {SOURCES['ep'].label} Table 1.2"
    for key, col in (
        ("employment_change_pct_2024_2034", "employment_change_pct_2024_2034"),
        ("employment_2024_thousands", "employment_2024"),
        ("employment_2034_thousands", "employment_2034"),
        ("annual_openings_thousands", "annual_openings"),
        ("self_employed_pct_2024", "self_employed_pct_2024"),
    ):
        b.put(key, None if row is None else row[col], reason)
    req = _one("entry_requirements", soc)
    reason = "not in BLS Employment Projections Table 5.4"
    for key in ("typical_entry_education", "work_experience", "typical_ojt"):
        b.put(key, None if req is None else req[key], reason)


def _add_education(b: _Builder, soc: str, rows_of: SourceRows) -> None:
    dist = dataset.soc_rows("education_attainment", soc).sort_values("level_order")
    b.profile["education_attainment"] = [
        EducationShare(level=r.level, share_pct=clean(r.share_pct)) for r in dist.itertuples()
    ]
    shares = dist.dropna(subset=["share_pct"])
    top = None
    if len(shares):
        best = shares.sort_values(["share_pct", "level_order"], ascending=[False, True]).iloc[0]
        top = EducationShare(level=best["level"], share_pct=clean(best["share_pct"]))
    b.put("most_common_education", top, "not in BLS Employment Projections Table 5.3")
    rows = dataset.base_onet_rows(dataset.soc_rows("onet_ete", soc))
    reason = (
        rows_of.onet_education_experience.note
        or f"{_ONET} has no education and experience survey data for this occupation"
    )
    distributions = []
    for key, scale, measure in ONET_SCALES:
        scale_rows = rows[rows["scale"] == scale]
        b.put(key, median_category(scale_rows), reason)
        if len(scale_rows):
            distributions.append(onet_distribution(scale_rows, key, measure, b.profile[key]))
    b.profile["onet_distributions"] = distributions
    # "What it takes to become one" is BLS's assignment (EP Table 5.4), not a median of
    # O*NET's survey distributions: those stay as detail (onet_* fields).
    ep_reason = b.missing.get(
        "typical_entry_education", "not in BLS Employment Projections Table 5.4"
    )
    experience = b.profile.get("work_experience")
    b.put(
        "years_of_experience",
        None if experience is None else experience.lower(),
        ep_reason,
    )
    b.put(
        "time_to_become",
        entry_path(
            b.profile.get("typical_entry_education"), experience, b.profile.get("typical_ojt")
        ),
        ep_reason,
    )


def _cps_reason(
    row: pd.Series | None, table: str, note_column: str, census: SourceRows | None = None
) -> str:
    """Why a CPS figure is missing, quoting the table's own note where it has one.

    ``table`` is the table's catalog label ("CPS Table 11 (2023)").
    """
    if row is None or clean(row["census_code"]) is None:
        if census is not None and census.cps is not None and census.cps.note:
            return census.cps.note  # the Census occupations of its parts, where known
        return (
            f"no {SOURCES['census_crosswalk'].vintage} Census occupation maps to this SOC "
            "code in the Census crosswalk"
        )
    note = clean(row.get(note_column))
    title = row["census_title"]
    if note is None:
        return (
            f"{table}: the Census occupation '{title}' is not shown separately "
            "or its figure is not published"
        )
    return f"{table} shows no figure for the Census occupation '{title}': {plain_cps_note(note)}"


_CPS_BASE = re.compile(r"base is less than ([\d,]+)")


def plain_cps_note(note: str) -> str:
    """A CPS table's dash note in plain words (any other note as published).

    Args:
        note: E.g. "Dash indicates no data or data that do not meet publication criteria
            (values not shown where base is less than 50,000)."

    Returns:
        E.g. "BLS publishes none where fewer than 50,000 people are employed in it, or
        where the estimate does not meet its publication criteria".
    """
    if not note.startswith("Dash indicates"):
        return note
    base = _CPS_BASE.search(note)
    few = f"fewer than {base.group(1)} people are employed in it, or " if base else ""
    unmet = "where the estimate does not meet its publication criteria"
    return f"BLS publishes none where {few}{unmet}"


def _add_demographics(b: _Builder, soc: str, rows_of: SourceRows) -> None:
    row = _one("demographics", soc)
    for key in ("census_code", "census_title", "socs_sharing_census_code"):
        b.profile[key] = None if row is None else clean(row[key])
    reason11 = _cps_reason(row, SOURCES["cps11"].label, "table11_note", rows_of)
    reason11b = _cps_reason(row, SOURCES["cps11b"].label, "table11b_note", rows_of)
    # Each CPS figure's base (employed, thousands) from the same table row: a survey
    # estimate from a small base has a large sampling error the report cannot test.
    for key, col in (
        ("cps_base_thousands", "employed_thousands_2023"),
        ("cps_age_base_thousands", "employed_thousands_2025"),
    ):
        b.profile[key] = None if row is None else clean(row[col])
    b.put("median_age", None if row is None else row["median_age"], reason11b)
    b.put("women_pct", None if row is None else row["women_pct"], reason11)
    women = b.profile["women_pct"]
    b.profile["men_pct"] = None if women is None else round(100 - women, 1)
    race = RacePct(**{g: (None if row is None else clean(row[f"{g}_pct"])) for g in RACE_GROUPS})
    b.put("race_pct", race if race.any_published() else None, reason11)
    earn = _one("gender_earnings", soc)
    reason39 = _cps_reason(earn, SOURCES["cps39"].label, "table39_note", rows_of)
    b.profile["cps_earnings_base_thousands"] = (
        None if earn is None else clean(earn["total_workers_thousands"])
    )
    for key in (
        "total_median_weekly",
        "men_median_weekly",
        "women_median_weekly",
        "women_to_men_earnings_pct",
    ):
        b.put(key, None if earn is None else earn[key], reason39)


def _add_skills(b: _Builder, soc: str, rows_of: SourceRows) -> None:
    rows = dataset.base_onet_rows(dataset.soc_rows("onet_skills", soc))
    b.put(
        "top_skills",
        top_skills(rows, 3) or None,
        rows_of.onet_skills.note
        or f"{SOURCES['onet'].file_label('skills')} has no skill ratings for this occupation",
    )
    ep_rows = dataset.soc_rows("ep_skills", soc).sort_values("rank")
    b.put(
        "ep_top_skills",
        ep_rows["skill"].tolist() or None,
        "not in BLS Employment Projections Table 6.2",
    )


def _add_beyond(b: _Builder, soc: str) -> None:
    """Figures the career sites do not show: major, cost of living, similar occupations."""
    b.put(
        "most_common_major",
        majors.most_common_major(soc),
        f"the Census field-of-degree table ({SOURCES['acs_field_of_degree'].label}) has no "
        "occupation group that covers this occupation",
    )
    states = pay.top_states(dataset.soc_rows("oews_wages", soc), None)
    b.put(
        "highest_paying_state_cost_adjusted",
        living_costs.best_adjusted(states),
        f"no state with at least {pay.MIN_EMPLOYMENT_STATE:,} published jobs and a BEA "
        "price parity",
    )
    b.profile["similar"] = similarity.most_similar(soc, 5)
    b.profile["similarity_measure"] = similarity.MEASURE


def _sources() -> list[SourceRelease]:
    ids = (
        "oews",
        "ep",
        "onet",
        "cps11",
        "cps11b",
        "cps39",
        "census_crosswalk",
        "acs_field_of_degree",
        "bea_rpp",
    )
    out = [SourceRelease(source=SOURCES[i].title, release=SOURCES[i].release) for i in ids]
    table = SOURCE_TABLES["ep_attainment"]
    # The attainment shares are older than the EP release that carries them.
    out.insert(
        2,
        SourceRelease(source=f"BLS EP {table.table}: {table.title}", release=f"ACS {table.period}"),
    )
    return out


@lru_cache(maxsize=2048)
def _public_profile(soc: str) -> Profile:
    occ = _one("occupations", soc)
    b = _Builder(dataset=PUBLIC, soc=soc, title=occ["title"])
    b.put("description", occ["description"], f"{_ONET} has no description for this SOC code")
    b.profile["onet_code"] = clean(occ["onet_code"])
    b.profile["major_group_title"] = clean(occ["major_group_title"])
    rows_of = source_rows.source_rows_of(soc)
    b.profile["source_rows"] = rows_of
    _add_pay(b, soc)
    _add_projections(b, soc)
    b.put("projection_factors", outlook.projection_factors(soc), outlook.factors_reason())
    b.put("separations", outlook.separations(soc), outlook.separations_reason())
    _add_education(b, soc, rows_of)
    _add_demographics(b, soc, rows_of)
    _add_skills(b, soc, rows_of)
    _add_beyond(b, soc)
    b.profile["sources"] = _sources()
    return b.build()


AREA_FIELDS = (*OEWS_FIELDS, "employment_per_1000", "location_quotient")
"""The OEWS cells an area profile takes from its area (everything else is national)."""


def _area_reason(row: pd.Series | None, field: str, footnotes: dict[str, str], area: Area) -> str:
    if row is None:
        return (
            f"{_OEWS} publishes no estimate for this occupation in {area.name} "
            "(the cell is not released)"
        )
    if clean(row.get(f"{field}_footnote")) == pay.TOP_CODE_FOOTNOTE:
        # OEWS's "equal to or greater than" amount bounds nothing (the release publishes
        # means far above it), so the reason names the footnote, not the amount.
        return (
            f"{_OEWS} does not publish this wage in {area.name}: it is top-coded "
            f"(OEWS footnote {pay.TOP_CODE_FOOTNOTE})"
        )
    return _oews_reason(row, field, footnotes)


def area_row(soc: str, area_code: str) -> pd.Series | None:
    """The all-industry OEWS cell of one occupation in one area, or None when unpublished."""
    wages = dataset.soc_rows("oews_wages", soc)
    rows = wages[(wages["area_code"] == area_code) & (wages["industry_code"] == pay.CROSS_INDUSTRY)]
    return rows.iloc[0] if len(rows) else None


@lru_cache(maxsize=1024)
def _area_profile(soc: str, area_code: str) -> Profile:
    """The public profile with its OEWS pay and jobs figures taken from one area's cells.

    Figures with no area source (projections, education, demographics, skills, the
    national rankings of places) stay the national ones; ``national`` keeps the
    national pay and jobs to set beside the area's.
    """
    base = _public_profile(soc)
    area = area_by_code(area_code)
    row = area_row(soc, area_code)
    notes = dataset.table("oews_footnotes")
    footnotes = dict(zip(notes["footnote_code"].astype(str), notes["footnote_text"], strict=True))
    replaced = {*AREA_FIELDS, "annual_mean_wage_rse"}
    b = _Builder()
    b.missing = {k: v for k, v in base.missing.items() if k not in replaced}
    for field in AREA_FIELDS:
        value = None if row is None else row[field]
        b.put(field, value, _area_reason(row, field, footnotes, area))
    _put_wage_rse_and_footnotes(b, row, footnotes)
    national = NationalPay(
        **{f.name: getattr(base, f.name) for f in dataclasses.fields(NationalPay)}
    )
    return dataclasses.replace(
        base,
        **b.profile,
        area=area,
        national=national,
        missing=dict(sorted(b.missing.items())),
    )


def seed_profile(query: str) -> Profile:
    """Return one of the seed page's two professions, with the public profile's keys.

    Args:
        query: The seed title, case and plural forgiven.

    Returns:
        The profile, with ``None`` (and a reason) where the seed shows "-"; the
        seed page's own figures (average age, gender and race split, ...) in
        the profile's seed fields.

    Raises:
        OccupationLookupError: The title is not one of the seed's two.
    """
    data = dataset.seed()
    key = normalize_title(query)
    for item in data["professions"]:
        if normalize_title(item["title"]) == key:
            return _seed_to_profile(item, data["source"])
    titles = [("", p["title"]) for p in data["professions"]]
    raise OccupationLookupError(
        query,
        f"'{query}' is not in the seed dataset, which holds only: "
        + "; ".join(t for _, t in titles)
        + ". Use --dataset public for any US occupation.",
        titles,
    )


def _seed_to_profile(item: dict[str, Any], source: dict[str, str]) -> Profile:
    # The seed file is JSON with the profile's field names: each value is read as that field.
    page = {key: Profile.field_from_json(key, value) for key, value in item.items()}
    b = _Builder(dataset=SEED, soc=None, title=page.pop("title"))
    reason = "the seed page shows '-'"
    for key, value in page.items():
        b.put(key, value, reason)
    gender: GenderPct = page["gender_pct"]
    race = dict(page["race_pct_seed"])
    b.profile["women_pct"] = gender.female
    b.profile["men_pct"] = gender.male
    b.profile["race_pct"] = RacePct(
        white=race.get("White"),
        black=race.get("Black or African American"),
        asian=race.get("Asian"),
        hispanic=race.get("Hispanic or Latino"),
    )
    b.put("median_age", None, "the seed page shows an average age, not a median")
    b.profile["sources"] = [SourceRelease(source=source["title"], release="as captured")]
    b.profile["similar"] = []
    b.missing["soc"] = "the seed page gives no SOC code"
    for key in Profile.json_keys(SEED):
        if key not in b.profile and key != "missing":
            b.put(key, None, "the seed page does not show this figure")
    return b.build()


def check_area(area: str | Area | None, dataset_name: str) -> Area | None:
    """The area a comparison is made in (None: the nation), refusing one for the seed data.

    Raises:
        UserInputError: An area with the seed dataset (the seed page has no places).
        AreaLookupError: The area is unknown or ambiguous.
    """
    if area is None or (isinstance(area, str) and not area.strip()):
        return None
    if check_dataset(dataset_name) == SEED:
        raise UserInputError(
            "An area needs the public dataset: the seed page's figures are national only "
            "(drop --area, or use --dataset public)."
        )
    return area if isinstance(area, Area) else resolve_area(area)


def profile(query: str, dataset_name: str = "public", area: str | Area | None = None) -> Profile:
    """Return the profile of the occupation ``query`` resolves to.

    Args:
        query: SOC code or title.
        dataset_name: ``"public"`` or ``"seed"``.
        area: An OEWS area (or what a reader typed for one: "Texas", "TX",
            "Austin"); the pay and jobs figures are then the area's. None or ""
            for the nation.

    Returns:
        The profile (a fresh copy; its maps and lists may be changed by the caller).
    """
    where = check_area(area, dataset_name)
    if check_dataset(dataset_name) == "seed":
        return copy.deepcopy(seed_profile(query))
    soc = resolve(query).soc
    if where is not None:
        return copy.deepcopy(_area_profile(soc, where.code))
    return copy.deepcopy(_public_profile(soc))


def _put_wage_rse_and_footnotes(b: _Builder, cell: Any, footnotes: dict[str, str]) -> None:
    """The annual mean's RSE and the cell's footnote texts, for a national or an area cell.

    OEWS has one wage RSE per cell; it belongs to the annual mean only when that is
    published (Actors: hourly only, footnote 4).

    Args:
        b: The profile builder being filled (its ``put``, ``profile`` and ``missing``).
        cell: The OEWS cross-industry row (a pandas Series), or None when there is none.
        footnotes: Footnote text by code.
    """
    if b.profile["annual_mean_wage"] is None:
        b.put(
            "annual_mean_wage_rse",
            None,
            "no annual mean wage is published ("
            + b.missing["annual_mean_wage"]
            + "), so it has no relative standard error",
        )
    else:
        b.put("annual_mean_wage_rse", b.profile["wage_rse"], b.missing.get("wage_rse", ""))
    b.profile["wage_footnotes"] = {
        f: footnotes.get(str(clean(cell[f"{f}_footnote"])))
        for f in OEWS_FIELDS
        if cell is not None and clean(cell[f"{f}_footnote"]) is not None
    }
