"""The profile contract: every figure of one occupation, typed, with why a figure is absent.

A :class:`Profile` is what ``analysis profile --format json`` prints and what
the comparison, tables, narrative and plots read (as attributes). Figures a
source does not publish are ``None`` (see :func:`is_missing`), with the reason
in ``Profile.missing``. Some fields exist for one dataset only: the public
profile carries the official detail (OEWS percentiles, EP rows, CPS codes), the
seed profile the career page's own figures (job satisfaction, average age, ...).
A profile's JSON holds the common fields and its own dataset's.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.records import Record

PUBLIC = "public"
SEED = "seed"


def is_missing(value: Any) -> bool:
    """Return True when a figure is missing: None, pandas NA or NaN."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def clean(value: Any) -> Any:
    """Return ``value`` as a JSON-friendly Python scalar; a missing figure becomes None."""
    if is_missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        if is_missing(value):
            return None
    return value


@dataclass(frozen=True)
class PlaceWage(Record):
    """A named place (state, metro area, industry) and its annual mean wage, as a page shows."""

    name: str
    annual_mean_wage: float | None


@dataclass(frozen=True)
class Place(PlaceWage):
    """A ranked place from OEWS: its annual mean wage and published employment."""

    employment: float | None


@dataclass(frozen=True)
class RankedPlace(Place):
    """The best-paying state, area or industry, its ties, and what the ranking left out.

    ``kind`` says what it is ("state", "metropolitan statistical area",
    "nonmetropolitan area", "NAICS subsector", "OEWS industry group");
    ``tied_with`` lists the places whose mean is not significantly below this
    one's (empty when it leads clearly); ``top_coded`` names the places over the
    employment floor whose mean OEWS does not publish (top-coded, footnote 5),
    left out of the ranking, and ``note`` says so, with no dollar bound.
    """

    kind: str | None = None
    top_coded: list[str] = field(default_factory=list)
    tied_with: list[PlaceWage] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class Area(Record):
    """An OEWS area a comparison is made in: its OEWS code, name and kind.

    ``kind`` is "state" (states, DC and territories), "metropolitan statistical
    area" or "nonmetropolitan area" (OEWS files both under its area type "metro").
    """

    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class NationalPay(Record):
    """An occupation's national OEWS figures, set beside its figures in an area."""

    employment: float | None
    employment_rse: float | None
    hourly_mean_wage: float | None
    annual_mean_wage: float | None
    annual_mean_wage_rse: float | None
    annual_wage_p10: float | None
    annual_wage_p25: float | None
    annual_median_wage: float | None
    annual_wage_p75: float | None
    annual_wage_p90: float | None


@dataclass(frozen=True)
class AdjustedPlace(Record):
    """The best paying state after dividing wages by the state's BEA price parity."""

    name: str
    annual_mean_wage: float
    annual_mean_wage_adjusted: float
    price_parity: float
    price_parity_year: int


@dataclass(frozen=True)
class EducationShare(Record):
    """One education level and its share of workers (percent)."""

    level: str
    share_pct: float | None


@dataclass(frozen=True)
class Major(Record):
    """The most common bachelor's field of degree, as a page shows it."""

    field: str | None
    share_pct: float | None
    group: str | None


@dataclass(frozen=True)
class PublishedMajor(Major):
    """The most common field of degree in the occupation's group, from a dated release."""

    release: str


@dataclass(frozen=True)
class RacePct(Record):
    """CPS race shares (percent); Hispanic or Latino is an ethnicity of any race."""

    white: float | None = field(default=None, metadata={"label": "White"})
    black: float | None = field(default=None, metadata={"label": "Black or African American"})
    asian: float | None = field(default=None, metadata={"label": "Asian"})
    hispanic: float | None = field(default=None, metadata={"label": "Hispanic or Latino"})

    def labelled(self) -> list[tuple[str, float | None]]:
        """(official label, share) for every group, in field order."""
        return [(f.metadata["label"], getattr(self, f.name)) for f in dataclasses.fields(self)]

    def any_published(self) -> bool:
        """True when at least one share is published."""
        return any(share is not None for _, share in self.labelled())


RACE_GROUPS = tuple(f.name for f in dataclasses.fields(RacePct))
"""The race groups of :class:`RacePct`, in order."""


@dataclass(frozen=True)
class GenderPct(Record):
    """The seed page's gender split (percent)."""

    male: float | None
    female: float | None


@dataclass(frozen=True)
class SimilarOccupation(Record):
    """An occupation with a similar skill profile and how similar (correlation)."""

    soc: str
    title: str
    similarity: float


@dataclass(frozen=True)
class CensusPart(Record):
    """A Census occupation covering part of a SOC code no single Census code covers."""

    census_code: str
    census_title: str


@dataclass(frozen=True)
class OnetCode(Record):
    """An O*NET-SOC occupation: its code and title."""

    onet_code: str
    title: str


@dataclass(frozen=True)
class EpAttainmentRow(Record):
    """Where the educational attainment (BLS EP Table 5.3) comes from.

    ``footnote_1``: BLS marks the row "not an exact match with ACS"; ``group``:
    what it is copied from, where a source names it (Table 5.3 does not, so "a
    broader ACS occupation group"); ``sharing_socs``: the other occupations
    with exactly the same shares.
    """

    footnote_1: bool
    group: str | None
    sharing_socs: tuple[str, ...]
    note: str | None

    @property
    def group_row(self) -> bool:
        """The figure is a group's row, not one measured for this occupation alone."""
        return self.footnote_1 or bool(self.sharing_socs)


@dataclass(frozen=True)
class CensusRow(Record):
    """Where the CPS figures (Tables 11, 11b, 39) come from: one Census occupation.

    ``sharing_socs``: the other occupations the Census code covers; ``parts``:
    the Census occupations covering this SOC code's parts when no single one
    covers it (13-1020, 21-1018, 31-1120).
    """

    census_code: str | None
    census_title: str | None
    sharing_socs: tuple[str, ...]
    parts: tuple[CensusPart, ...]
    note: str | None

    @property
    def group_row(self) -> bool:
        """The figures describe a Census occupation that covers other occupations too."""
        return bool(self.sharing_socs)


@dataclass(frozen=True)
class OnetRow(Record):
    """Which O*NET occupation a family of O*NET figures comes from.

    ``onet_source_code`` is the code whose ratings are used: the SOC-level
    ``onet_code`` (``.00``) when O*NET rates it, else None, the figures are
    missing and ``rated_specialties`` names the narrower O*NET occupations
    O*NET does rate (their ratings describe other occupations and are not used).
    """

    onet_code: str | None
    onet_source_code: str | None
    rated_specialties: tuple[OnetCode, ...]
    note: str | None


@dataclass(frozen=True)
class OnetShare(Record):
    """One category of an O*NET education, training or experience distribution.

    ``standard_error`` and ``recommend_suppress`` are None for ratings from
    occupational experts (O*NET writes 'n/a' there).
    """

    category: int
    label: str
    pct: float | None
    standard_error: float | None
    recommend_suppress: bool | None


ONET_SUPPRESS_WARNING = (
    "O*NET advises against using these ratings: too few respondents or too much variation"
)
"""What the page says beside a distribution with a Recommend Suppress = "Y" share."""

ONET_SCALES = (
    ("onet_required_education", "RL", "required education"),
    ("onet_related_experience", "RW", "related work experience"),
    ("onet_on_site_training", "PT", "on-site or in-plant training"),
    ("onet_on_the_job_training", "OJ", "on-the-job training"),
)
"""The profile field, O*NET scale and measure (in words) of each ETE distribution."""


ONET_SOURCES = {
    "Incumbent": "incumbents (workers in the job)",
    "Occupational Expert": "occupational experts",
}
"""O*NET's Domain Source in plain words."""


@dataclass(frozen=True)
class OnetDistribution(Record):
    """An O*NET education, training or experience distribution, kept as detail.

    Not the headline ("what it takes to become one" is BLS's EP Table 5.4): a
    survey of a few respondents, so it carries who answered (``domain_source``
    as O*NET writes it, ``respondents`` in words with the count ``n``), when,
    and O*NET's Recommend Suppress flags. ``suppressed_categories`` names the
    categories whose share O*NET flags; ``suppressed`` is True when any is
    flagged, False when none is, and None when O*NET gives no flag at all (its
    occupational-expert ratings). ``median`` is the category where the
    cumulative share first reaches 50 %, as in the ``onet_*`` fields.
    """

    key: str
    """The profile field holding the median (``onet_on_the_job_training``, ...)."""
    scale: str
    measure: str
    median: str | None
    n: int | None
    domain_source: str | None
    respondents: str | None
    date: str | None
    suppressed: bool | None
    suppressed_categories: tuple[str, ...]
    shares: tuple[OnetShare, ...]

    @property
    def warning(self) -> str | None:
        """The page's flag, naming the flagged shares; None when nothing is flagged."""
        if not self.suppressed:
            return None
        flagged = [
            f"'{s.label}'" + (f" ({s.pct:.2f}%)" if s.pct is not None else "")
            for s in self.shares
            if s.recommend_suppress
        ]
        shares = "share" if len(flagged) == 1 else "shares"
        return f"{ONET_SUPPRESS_WARNING}. Flagged {shares}: {'; '.join(flagged)}"


@dataclass(frozen=True)
class SourceRows(Record):
    """Which published row each group of figures of a public profile comes from."""

    education_attainment: EpAttainmentRow | None
    cps: CensusRow | None
    onet_skills: OnetRow
    """Skills, and the similarity vector."""
    onet_education_experience: OnetRow
    """Required education, related experience, on-site and on-the-job training."""


@dataclass(frozen=True)
class ProjectionFactor(Record):
    """One of BLS's factors affecting the occupation's utilization (EP Table 1.12), as published.

    ``industry_code`` TE1000 ("Total, all industries") is BLS's headline reason;
    the other rows say why the occupation's share changes within one industry.
    """

    industry: str
    industry_code: str
    text: str


@dataclass(frozen=True)
class Separations(Record):
    """Why openings arise (EP Table 1.10): annual averages over the projection decade.

    Rates are percent of the occupation's employment per year: workers leaving
    the labor force (retiring, other exits) and workers moving to another
    occupation; openings are in thousands per year (growth plus separations).
    """

    labor_force_exit_rate_pct: float | None
    occupational_transfer_rate_pct: float | None
    total_separations_rate_pct: float | None
    annual_openings_thousands: float | None


@dataclass(frozen=True)
class SourceRelease(Record):
    """A data source and its release."""

    source: str
    release: str


def _only(dataset: str, default: Any = None, factory: Any = None) -> Any:
    """A field that one dataset's profile carries (and writes to its JSON)."""
    if factory is not None:
        return field(default_factory=factory, metadata={"dataset": dataset})
    return field(default=default, metadata={"dataset": dataset})


def _in_area() -> Any:
    """A field of a public profile in one OEWS area (written to its JSON only then)."""
    return field(default=None, metadata={"dataset": PUBLIC, "area": True})


@dataclass(frozen=True, kw_only=True)
class Profile(Record):
    """One occupation's figures (public data or the seed page), absent ones None."""

    dataset: str
    soc: str | None
    title: str
    description: str | None
    # Pay (OEWS May 2025; the seed page's own figures for the seed)
    employment: float | None
    hourly_mean_wage: float | None
    annual_mean_wage: float | None
    annual_wage_p10: float | None
    annual_median_wage: float | None
    annual_wage_p90: float | None
    annual_mean_wage_rse: float | None
    highest_paying_state: PlaceWage | None
    highest_paying_metro: PlaceWage | None
    best_paying_industry: PlaceWage | None
    employment_change_pct_2024_2034: float | None
    # Education and experience
    most_common_education: EducationShare | None
    years_of_experience: str | int | None
    time_to_become: str | None
    most_common_major: Major | None
    # Demographics (CPS; the seed page's own for the seed)
    median_age: float | None
    women_pct: float | None
    men_pct: float | None
    race_pct: RacePct | None
    women_to_men_earnings_pct: float | None
    top_skills: list[str] | None
    highest_paying_state_cost_adjusted: AdjustedPlace | None
    similar: list[SimilarOccupation]
    sources: list[SourceRelease]
    missing: dict[str, str]
    """Why each missing figure is missing, keyed by field name."""

    # Public data only
    onet_code: str | None = _only(PUBLIC)
    major_group_title: str | None = _only(PUBLIC)
    employment_rse: float | None = _only(PUBLIC)
    wage_rse: float | None = _only(PUBLIC)
    hourly_wage_p10: float | None = _only(PUBLIC)
    hourly_wage_p25: float | None = _only(PUBLIC)
    hourly_median_wage: float | None = _only(PUBLIC)
    hourly_wage_p75: float | None = _only(PUBLIC)
    hourly_wage_p90: float | None = _only(PUBLIC)
    annual_wage_p25: float | None = _only(PUBLIC)
    annual_wage_p75: float | None = _only(PUBLIC)
    wage_footnotes: dict[str, str] = _only(PUBLIC, factory=dict)
    employment_2024_thousands: float | None = _only(PUBLIC)
    employment_2034_thousands: float | None = _only(PUBLIC)
    annual_openings_thousands: float | None = _only(PUBLIC)
    self_employed_pct_2024: float | None = _only(PUBLIC)
    typical_entry_education: str | None = _only(PUBLIC)
    work_experience: str | None = _only(PUBLIC)
    typical_ojt: str | None = _only(PUBLIC)
    education_attainment: list[EducationShare] = _only(PUBLIC, factory=list)
    onet_required_education: str | None = _only(PUBLIC)
    onet_related_experience: str | None = _only(PUBLIC)
    onet_on_site_training: str | None = _only(PUBLIC)
    onet_on_the_job_training: str | None = _only(PUBLIC)
    onet_distributions: list[OnetDistribution] = _only(PUBLIC, factory=list)
    """O*NET's four ETE distributions (RL, RW, PT, OJ) with who answered, how many, flags."""
    census_code: str | None = _only(PUBLIC)
    census_title: str | None = _only(PUBLIC)
    socs_sharing_census_code: int | None = _only(PUBLIC)
    cps_base_thousands: float | None = _only(PUBLIC)
    """CPS Table 11 employed (thousands): the base of the women's and race shares."""
    cps_age_base_thousands: float | None = _only(PUBLIC)
    """CPS Table 11b employed (thousands): the base of the median age."""
    cps_earnings_base_thousands: float | None = _only(PUBLIC)
    """CPS Table 39 full-time wage and salary workers (thousands): base of women's pay."""
    total_median_weekly: float | None = _only(PUBLIC)
    men_median_weekly: float | None = _only(PUBLIC)
    women_median_weekly: float | None = _only(PUBLIC)
    ep_top_skills: list[str] | None = _only(PUBLIC)
    similarity_measure: str | None = _only(PUBLIC)
    highest_paying_nonmetro_area: RankedPlace | None = _only(PUBLIC)
    """OEWS nonmetropolitan areas, ranked apart from the metropolitan statistical areas."""
    source_rows: SourceRows | None = _only(PUBLIC)
    """Which EP row, Census occupation and O*NET code the figures come from."""
    projection_factors: list[ProjectionFactor] | None = _only(PUBLIC)
    """BLS's reasons for the projected change (EP Table 1.12): TE1000 first, then industries."""
    separations: Separations | None = _only(PUBLIC)
    """Separation rates and annual openings (EP Table 1.10)."""

    # The seed page only
    job_satisfaction: str | None = _only(SEED)
    average_age: float | None = _only(SEED)
    best_paying_company: str | None = _only(SEED)
    most_common_college: str | None = _only(SEED)
    gender_pct: GenderPct | None = _only(SEED)
    race_pct_seed: list[tuple[str, float | None]] | None = _only(SEED)
    """The seed page's race categories and shares, in its order."""
    lgbt_pct: float | None = _only(SEED)

    # A public profile in one OEWS area only (``--area``): its pay and jobs fields above
    # are then the area's cells, and these say where, how concentrated, and the nation's.
    area: Area | None = _in_area()
    """The OEWS area of the pay and jobs figures; None (and not written) for the nation."""
    employment_per_1000: float | None = _in_area()
    """OEWS jobs in the occupation per 1,000 jobs of all occupations in the area."""
    location_quotient: float | None = _in_area()
    """OEWS location quotient: the occupation's share of the area's jobs over its US share."""
    national: NationalPay | None = _in_area()
    """The occupation's national OEWS figures, set beside the area's."""

    @classmethod
    def json_keys(cls, dataset: str) -> list[str]:
        """The keys of a ``dataset`` profile's JSON: common fields and that dataset's own.

        The area fields are left out: a profile writes them only when it is in an area.
        """
        return [
            f.name
            for f in dataclasses.fields(cls)
            if f.metadata.get("dataset", dataset) == dataset and not f.metadata.get("area")
        ]

    @classmethod
    def area_keys(cls) -> list[str]:
        """The keys a profile in an area writes after :meth:`json_keys`."""
        return [f.name for f in dataclasses.fields(cls) if f.metadata.get("area")]

    def json_fields(self) -> list[str]:
        """The fields this profile writes: common ones, its own dataset's, its area's."""
        keys = self.json_keys(self.dataset)
        return keys + self.area_keys() if self.area is not None else keys

    @property
    def is_seed(self) -> bool:
        """True for a profile of the seed page's figures."""
        return self.dataset == SEED

    def why_missing(self, name: str) -> str | None:
        """The reason the figure ``name`` is missing, or None when it is published.

        Raises:
            AttributeError: ``name`` is not a field of the profile (a misspelling).
        """
        if name not in {f.name for f in dataclasses.fields(self)}:
            raise AttributeError(f"Profile has no field '{name}'")
        return self.missing.get(name)

    def annual_wage_percentiles(self) -> list[tuple[str, float | None]]:
        """Annual wage at the 10th, 25th, 50th, 75th and 90th percentiles, labelled."""
        return [
            ("10th percentile", self.annual_wage_p10),
            ("25th percentile", self.annual_wage_p25),
            ("Median", self.annual_median_wage),
            ("75th percentile", self.annual_wage_p75),
            ("90th percentile", self.annual_wage_p90),
        ]
