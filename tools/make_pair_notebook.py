import nbformat as nbf

nb = nbf.v4.new_notebook()
cells = []


def md(s, tags=None):
    c = nbf.v4.new_markdown_cell(s)
    if tags:
        c.metadata["tags"] = tags
    cells.append(c)


def code(s, tags=None):
    c = nbf.v4.new_code_cell(s)
    if tags:
        c.metadata["tags"] = tags
    cells.append(c)


md(
    "# Profession pair report\n\nEdit the two professions in the parameters cell below and run all cells. "
    "Every figure is computed in `src/analysis/`; cells only call it. `papermill --help-notebook "
    "notebooks/pair_report.ipynb` lists the parameters.",
    tags=["remove-from-report"],
)
code(
    'profession_a = "order processing specialist"  # first profession: job title or SOC code (43-9022)\n'
    'profession_b = "customer relations representative"  # second profession: title or SOC code\n'
    'dataset = "public"  # public: official BLS, O*NET and Census data; seed: the career-site page',
    tags=["parameters"],
)
code(
    "from analysis import notebook as nb\nfrom analysis.presentation import plots\n\ncomp = nb.load(profession_a, profession_b, dataset)\nnb.title(comp)"
)
md("## At a glance")
code('# NBVAL_CHECK_OUTPUT\nnb.seed_section(comp, "overview")')
md("## Pay")
code('# NBVAL_CHECK_OUTPUT\nnb.seed_section(comp, "pay")')
code("# NBVAL_CHECK_OUTPUT\nnb.pay_gap_table(comp)")
code("nb.figure(plots.wage_percentile_chart(comp))")
code("nb.places(comp)")
code("nb.places_note()")
code("nb.state_winners(comp)")
code("nb.figure(plots.top_states_chart(comp))")
md("## Education")
code('# NBVAL_CHECK_OUTPUT\nnb.seed_section(comp, "education")')
code("nb.education_detail(comp)")
code("nb.entry_requirements(comp)")
code("nb.figure(plots.education(comp))")
md("## Demographics")
code('# NBVAL_CHECK_OUTPUT\nnb.seed_section(comp, "demographics")')
code("nb.figure(plots.demographics(comp))")
md("## What women earn compared with men")
code("# NBVAL_CHECK_OUTPUT\nnb.gender_pay(comp)")
code("nb.gender_pay_note(comp)")
code("nb.figure(plots.gender_earnings(comp))")
md("## Pay and the cost of living")
code("nb.cost_of_living(comp)")
code("nb.cost_of_living_note()")
code("nb.figure(plots.cost_adjusted_states(comp))")
md("## Skills and how alike the two are")
code("nb.skills(comp)")
code("nb.indices(comp)")
code("nb.similar_occupations(comp)")
code("nb.data_and_method(comp)")
code(
    "# The compare JSON, written beside the report as <pair>.json (not shown in the HTML)\nnb.emit_payload(comp)",
    tags=["remove-from-report", "compare-json"],
)
nb.cells = cells
nb.metadata["kernelspec"] = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/pair_report.ipynb")
