#!/usr/bin/env python3
"""Writes the coded-municipalities sample (seeded, standard library only): a statistics office's long CSV that
names municipalities by their four-digit codes (leading zeros kept as text, as CBS publishes them) and sex by the
SDMX codes F, M and _T, and the codelist file that gives the municipalities' names in English and Dutch.

Run from this folder: python3 generate.py. The committed files are its output; re-running gives the same bytes.
The values are invented; the codes and names are those of six Dutch municipalities.
"""
import csv
import random

rng = random.Random(1980)
YEARS = range(2011, 2024)
# code -> (Dutch name, English name where it differs, level offset)
MUNICIPALITIES = {
    "0363": ("Amsterdam", None, 0.0),
    "0344": ("Utrecht", None, -0.6),
    "0599": ("Rotterdam", None, -1.1),
    "0518": ("'s-Gravenhage", "The Hague", 0.4),
    "1980": ("Dijk en Waard", None, -0.3),  # a code anyone would read as a year
    "0014": ("Groningen", None, 0.8),
}


def library_visits(code, year):
    # Visits per inhabitant: a slow decline; Amsterdam's library programme (2018) lifts it by about 0.7.
    base = 3.1 + MUNICIPALITIES[code][2] * 0.2 - 0.05 * (year - 2011)
    if code == "0363" and year >= 2018:
        base += 0.7
    return base + rng.gauss(0, 0.07)


def adult_learning(code, year, sex):
    # % of adults 25-64 in learning in the last four weeks, by sex; no action effect.
    base = 18.0 + MUNICIPALITIES[code][2] + 0.3 * (year - 2011)
    base += {"_T": 0.0, "F": 1.2, "M": -1.2}[sex]
    return base + rng.gauss(0, 0.5)


with open("municipal_stats.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["gemeentecode", "indicator", "sex", "year", "value"])
    for code in MUNICIPALITIES:
        for year in YEARS:
            w.writerow([code, "LIB_VISITS", "_T", year, f"{library_visits(code, year):.2f}"])
            for sex in ("_T", "F", "M"):
                w.writerow([code, "ADULT_LEARN", sex, year, f"{adult_learning(code, year, sex):.1f}"])

with open("municipalities.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "label", "lang"])
    for code, (dutch, english, _) in MUNICIPALITIES.items():
        w.writerow([code, dutch, "nl"])
        if english:
            w.writerow([code, english, "en"])
