import nbformat as nbf

nb = nbf.v4.new_notebook()
c = []
c.append(
    nbf.v4.new_markdown_cell(
        "# Occupational landscape\n\nWhere a pair of professions sits among all occupations of a SOC major group (or all 830)."
    )
)
p = nbf.v4.new_code_cell(
    'group = "43"  # SOC major group prefix such as 43 (office support); empty string for all occupations\n'
    'profession_a = "43-4151"  # first profession to highlight: title or SOC code\n'
    'profession_b = "43-4051"  # second profession to highlight: title or SOC code'
)
p.metadata["tags"] = ["parameters"]
c.append(p)
c.append(
    nbf.v4.new_code_cell(
        "from analysis.presentation import landscape\nfrom analysis.notebook import figure\n\ntable = landscape.occupation_table(group or None)\nhighlight = landscape.highlight_socs(profession_a, profession_b)\ntable.describe().round(1)"
    )
)
c.append(nbf.v4.new_code_cell("figure(landscape.pay_vs_education(table, highlight))"))
c.append(nbf.v4.new_code_cell("figure(landscape.women_vs_pay(table, highlight))"))
c.append(
    nbf.v4.new_code_cell(
        "# NBVAL_CHECK_OUTPUT\ntable[table['soc'].isin(highlight)].set_index('soc')"
    )
)
nb.cells = c
nb.metadata["kernelspec"] = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/landscape.ipynb")
