"""One module per public source: each parses an official file into tidy frames.

No analysis happens here; ``analysis.data.build`` assembles what these return.
"""
