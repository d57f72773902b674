#!/usr/bin/env python3
"""The peers of the ingest benchmark, each printing the control totals `observations value_sum` it read.

usage: peers.py pandas|polars|lxml|sdmx1 FILE
"""
import sys

tool, path = sys.argv[1], sys.argv[2]
if tool == "pandas":
    import pandas as pd
    df = pd.read_csv(path, engine="c")
    print(len(df), float(df["value"].sum()))
elif tool == "polars":
    import polars as pl
    df = pl.read_csv(path)
    print(df.height, float(df["value"].sum()))
elif tool == "lxml":
    from lxml import etree
    n, total = 0, 0.0
    for _, el in etree.iterparse(path, events=("end",)):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "ObsValue":
            total += float(el.get("value")); n += 1
        elif tag == "Obs" and el.get("OBS_VALUE") is not None:
            total += float(el.get("OBS_VALUE")); n += 1
        if tag in ("Obs", "Series"):
            el.clear()
    print(n, total)
elif tool == "sdmx1":
    import sdmx
    msg = sdmx.read_sdmx(path)
    s = sdmx.to_pandas(msg.data[0])
    print(len(s), float(s.sum()))
