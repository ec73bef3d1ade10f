#!/usr/bin/env python3
"""Puts uci-20.md into docs/results/issue9/README.md between the lines <!-- uci20 --> and <!-- /uci20 -->."""
p, t = "docs/results/issue9/README.md", open("docs/results/issue9/uci-20.md").read().rstrip("\n")
s = open(p).read()
head, rest = s.split("<!-- uci20 -->\n", 1)
open(p, "w").write(head + "<!-- uci20 -->\n" + t + "\n<!-- /uci20 -->" + rest.split("<!-- /uci20 -->", 1)[1])
