#!/usr/bin/env python3
"""Writes Examples/igf-proposals.csv: 120 fictional proposals in the columns the IGF's
proposal form exports (title, session type with duration, sub-theme, organisers and
speakers with stakeholder group, region, gender and onsite/online, moderators, policy
questions, SDGs, MAG score and rank per theme). Deterministic: the same file every run.
Every name, organisation and address in it is invented.

    scripts/make-igf-proposals.py                      # the two Examples/ files
    scripts/make-igf-proposals.py --rows 5000 -o F.csv # a larger spreadsheet (benchmarks)"""
import argparse, csv, io, random, sys

args = argparse.ArgumentParser()
args.add_argument("--rows", type=int, default=120)
args.add_argument("-o", "--output", default=None)
args = args.parse_args()

rng = random.Random(2023)
themes = ["AI & Emerging Technologies", "Avoiding Internet Fragmentation", "Cybersecurity, Cybercrime & Online Safety",
          "Data Governance & Trust", "Digital Divides & Inclusion"]
formats = [("Panel - 90 Min", 30), ("Round Table - 90 Min", 20), ("Round Table - 60 Min", 15), ("Break-out Group Discussions - 60 Min", 8),
           ("Town Hall - 60 Min", 6), ("Open Forum - 60 Min", 8), ("Lightning Talk - 20 Min", 8), ("Launch & Award - 30 Min", 5)]
groups = ["Government", "Civil Society", "Private Sector", "Technical Community", "Intergovernmental Organization"]
regions = ["African Group", "Asia-Pacific Group", "GRULAC", "WEOG", "Eastern European Group"]
first = ["Amina", "Kenji", "Lucía", "Olena", "Tendai", "Priya", "Jonas", "Fatima", "Mateus", "Yuki", "Aroha", "Samir", "Ingrid",
         "Chidi", "Mei", "Rafael", "Leila", "Tomasz", "Nadia", "Kwame", "Sofía", "Arjun", "Hana", "Omar", "Elena", "Tariq"]
last = ["Okafor", "Tanaka", "Fernández", "Kovalenko", "Moyo", "Raman", "Berg", "Haddad", "Souza", "Sato", "Ngata", "Khalil",
        "Larsen", "Eze", "Lin", "Costa", "Nasser", "Nowak", "Petrova", "Mensah", "Ruiz", "Mehta", "Kim", "Farouk", "Ionescu", "Aziz"]
orgs = ["Open Net Alliance", "Ministry of Digital Affairs", "DataTrust Lab", "Global Youth Coalition", "Pacific ICT Council",
        "Secure Web Initiative", "Andes Digital Rights", "Nordic Internet Society", "AfriConnect", "Women in Tech Network",
        "Cloud Industry Forum", "Regional Registry Forum", "Children's Online Rights", "Institute for Data Policy", "UN Tech Office"]
genders = ["female", "male", "female", "male", "non-binary"]
topics = ["generative AI", "undersea cables", "child safety online", "cross-border data flows", "community networks",
          "digital public infrastructure", "content moderation", "DNS abuse", "open standards", "meaningful connectivity",
          "algorithmic accountability", "digital identity", "cyber norms", "multilingual internet", "e-waste"]
verbs = ["Rethinking", "Governing", "Building trust in", "Closing the gap on", "Who decides on", "Local voices on", "Scaling"]

# A fixed pool of people, so some appear in several proposals (one person in the import).
people = []
for i in range(max(300, args.rows // 2)):
    name = f"{first[i % len(first)]} {last[(i + (i // len(first)) * 5) % len(last)]}"
    people.append({"name": name, "org": orgs[(i * 5) % len(orgs)], "group": groups[i % len(groups)],
                   "region": regions[(i * 3) % len(regions)], "gender": genders[i % len(genders)],
                   "attendance": "online" if i % 4 == 3 else "onsite",
                   "email": f"{name.split()[0].lower()}.{i}@example.org"})

def cell(ps):
    return "\n".join(f"{p['name']} ({p['org']}; {p['group']}; {p['region']}; {p['gender']}; {p['attendance']}) <{p['email']}>" for p in ps)

weighted = [f for f, w in formats for _ in range(w)]
rows = []
for n in range(1, args.rows + 1):
    fmt = rng.choice(weighted)
    theme = themes[n % len(themes)]
    team = rng.sample(people, 4)
    organisers, speakers = team[:1], team[1:4]
    # The 2023 call wants the moderator onsite.
    moderator = [rng.choice([p for p in people if p["attendance"] == "onsite" and p not in team])]
    title = f"{rng.choice(verbs)} {rng.choice(topics)}" + (f": {rng.choice(topics)}" if n % 3 == 0 else "")
    rows.append({
        "Proposal ID": f"WS{n:03d}" if args.rows < 1000 else f"WS{n:05d}", "Title": title, "Session Type": fmt, "Sub-theme": theme,
        "Organisers": cell(organisers), "Speakers": cell(speakers), "Moderator": cell(moderator),
        "Online Moderator": cell([rng.choice([p for p in people if p not in team and p not in moderator])]) if n % 2 == 0 else "", "Rapporteur": "",
        "Abstract": f"A {fmt.split(' - ')[0].lower()} on {title.lower()}, with voices from {team[1]['region']} and {team[2]['region']}.",
        "Policy Questions": f"1. Who should govern {rng.choice(topics)}?\n2. What can the IGF recommend?",
        "SDGs": ", ".join(f"GOAL {g}" for g in sorted(rng.sample(range(1, 18), 2))),
        "Score": f"{rng.uniform(2.5, 5.0):.2f}",
    })
# MAG rank per sub-theme: by score, best first.
for theme in themes:
    ranked = sorted((r for r in rows if r["Sub-theme"] == theme), key=lambda r: -float(r["Score"]))
    for i, r in enumerate(ranked, 1):
        r["Rank"] = str(i)

def write(path, rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    # Excel's "CSV UTF-8" starts with a BOM.
    open(path, "w", encoding="utf-8-sig", newline="").write(out.getvalue())

if args.output:
    write(args.output, rows)
    sys.exit(0)
write("Examples/igf-proposals.csv", rows)
# The same spreadsheet with the mistakes real forms produce: a misspelt sub-theme, a row
# without a title, a duration that is no number, a score typed as text.
broken = [dict(r) for r in rows[:12]]
broken[3]["Sub-theme"] = "Data Governence & Trust"
broken[6]["Title"] = ""
broken[8]["Session Type"] = "Panel"
broken[8]["Duration"] = "ninety"
broken[10]["Score"] = "n/a"
for r in broken:
    r.setdefault("Duration", "")
write("Examples/igf-proposals-broken.csv", broken)
