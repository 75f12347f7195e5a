"""A contributor's mistake is explained as path:line: message, all at once, with no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
GOOD_DOC = "---\ntitle: A digest\noutlet: The Test Gazette\npublished: 2020-01-02\n---\nText.\n"
GOOD_MILITIA = "---\nname: Gamma Group\nkind: militia\nsources: [doc-one]\n---\n"


def problems_for(make_tree, files: dict[str, str | bytes]) -> list[str]:
    root = make_tree({"documents/doc-one.md": GOOD_DOC, **files})
    with pytest.raises(ContentError) as caught:
        load_catalogue(root)
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(("files", "expected"), [
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\naliasses: [G]\nsources: [doc-one]\n---\n"},
     "gamma.md:4: unknown field 'aliasses': did you mean 'aliases'?"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: milita\nsources: [doc-one]\n---\n"},
     "gamma.md:3: kind: 'milita' is not allowed here: did you mean 'militia'?"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nfounded: 2019-02-30\n"
                           "sources: [doc-one]\n---\n"},
     "gamma.md:4: founded: '2019-02-30' is not a real calendar date"),
    ({"militias/gamma.md": "---\nkind: militia\nsources: [doc-one]\n---\n"},
     "gamma.md:2: missing required field 'name'"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nsources: [doc-two]\n---\n"},
     "gamma.md:4: source 'doc-two' is not a document"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nfounded: \"2007\"\n---\n"},
     "gamma.md:1: the profile 'gamma' cites no source"),
    ({"militias/gamma.md": GOOD_MILITIA + "As reported [@doc-nine].\n"},
     "gamma.md:6: citation [@doc-nine] names no document"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nparent: delta\n"
                           "sources: [doc-one]\n---\n"},
     "gamma.md:4: parent 'delta' is not known"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nsources: [doc-one]\n  bad: [\n---\n"},
     "gamma.md:5: YAML syntax error"),
    ({"militias/gamma.md": "name: Gamma\n"},
     "gamma.md:1: the file must start with a line '---'"),
    ({"militias/gamma.md": ""}, "gamma.md:1: the file is empty"),
    ({"militias/gamma.md": b"---\nname: Gamma\xff\n---\n"}, "gamma.md:2: not UTF-8 text"),
    ({"militias/Gamma Group.md": GOOD_MILITIA}, "Gamma Group.md:1: file name 'Gamma Group.md' is not a slug"),
    ({"militias/gamma.md": GOOD_MILITIA,
      "militias/other.md": "---\nname: Other\naliases: [gamma group]\nkind: militia\n"
                           "sources: [doc-one]\n---\n"},
     "other.md:3: the name 'gamma group' also names militias/gamma"),
    ({"places.yml": "- slug: far-away\n  name: Far\n  latitude: 51.5\n  longitude: -0.1\n"},
     "places.yml:3: coordinates (51.5, -0.1) are outside Iraq"),
    ({"incidents/2020-01-01-x.yml": "title: X\ndate: 2020-01-01\nkind: rocket\nplace: nowhere\n"
                                    "sources: [doc-one]\n"},
     "2020-01-01-x.yml:4: place 'nowhere' is not known"),
    ({"incidents/2020-01-01-x.yml": "title: X\ndate: 2020-01-01\nkind: rocket\n"
                                    "attribution:\n  - actor: nobody\n    status: claimed\n"
                                    "    sources: [doc-one]\nsources: [doc-one]\n"},
     "2020-01-01-x.yml:5: actor 'nobody' is not known"),
    ({"incidents/2020-01-01-x.yml": "title: X\ndate: 2020-01-01\nkind: rocket\nkilled: many\n"
                                    "sources: [doc-one]\n"},
     "2020-01-01-x.yml:4: killed: 'many' is not a count"),
    ({"documents/doc-two.md": GOOD_DOC.replace("---\nText", "url: javascript:alert(1)\n---\nText")},
     "doc-two.md:5: url: 'javascript:alert(1)' is not a web address"),
    ({"documents/doc-two.md": GOOD_DOC.replace("published: 2020-01-02", "published:")},
     "doc-two.md:4: missing required field 'published': the line is there but empty"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nleaders:\n  - person: x\n"
                           "sources: [doc-one]\n---\n"},
     "gamma.md:4: leaders: leadership is stated once, on the person's file"),
    ({"militias/index.md": GOOD_MILITIA}, "index.md:1: 'index.md' is a reserved name"),
    ({"militias/gamma.md": GOOD_MILITIA.replace("kind: militia", "kind: militia\nparent: delta"),
      "militias/delta.md": GOOD_MILITIA.replace("Gamma Group", "Delta").replace(
          "kind: militia", "kind: militia\nparent: gamma")},
     "gamma.md:4: 'gamma' is, through 'parent' or 'part-of', part of itself"),
    ({"militias/gamma.md": GOOD_MILITIA,
      "leaders/omar.md": "---\nname: Omar\ndied:\n  date: 2020-01-03\n  sources: [doc-one]\n"
                         "roles:\n  - organization: gamma\n    sources: [doc-one]\n"
                         "sources: [doc-one]\n---\n"},
     "omar.md:7: Omar died on 2020-01-03, so this role ended"),
    ({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nstatus:\n  - value: activ\n"
                           "sources: [doc-one]\n---\n"},
     "gamma.md:5: status: value: 'activ' is not allowed here: did you mean 'active'?"),
    ({"incidents/2020-01-01-x.yml": "title: X\ndate: 2020-01-01\nkind: rocket\n"
                                    "reports:\n  - about: killed\n    count: 3\n"
                                    "    sources: [doc-nine]\nsources: [doc-one]\n"},
     "2020-01-01-x.yml:5: source 'doc-nine' is not a document"),
    ({"incidents/2020-01-01-x.yml": "title: X\ndate: 2020-01-01\nkind: rocket\n"
                                    "launch_place: nowhere\nlaunch_sources: [doc-one]\n"
                                    "sources: [doc-one]\n"},
     "2020-01-01-x.yml:4: launch_place 'nowhere' is not known"),
    ({"places.yml": "- slug: jihad\n  name: Jihad\n  latitude: 33.27\n  longitude: 44.3\n",
      "incidents/2020-01-01-x.yml": "title: X\ndate: 2020-01-01\nkind: rocket\n"
                                    "launch_place: jihad\nsources: [doc-one]\n"},
     "2020-01-01-x.yml:4: the launch site cites no source"),
])
def test_each_mistake_is_reported_with_its_file_and_line(make_tree, files, expected):
    assert any(line.startswith(expected) for line in problems_for(make_tree, files)), \
        problems_for(make_tree, files)


def test_every_problem_of_a_run_is_reported_together(make_tree):
    found = problems_for(make_tree, {
        "militias/one.md": "---\nname: One\nkind: militia\nfoundd: 2001\nsources: [doc-one]\n---\n",
        "leaders/two.md": "---\nname: Two\nborn: 1990-13\nsources: [doc-one]\n---\n",
        "incidents/2020-01-01-x.yml": "title: X\ndate: 2020-01-01\nkind: rockt\nsources: [doc-one]\n",
    })
    assert [line.split(":")[0] for line in found] == ["2020-01-01-x.yml", "two.md", "one.md"]


def test_the_command_line_prints_problems_and_no_traceback(make_tree):
    root = make_tree({"documents/doc-one.md": GOOD_DOC,
                      "militias/gamma.md": "---\nname: Gamma\nkind: militia\nfoundd: 1\n"
                                           "summary: An armed group.\n---\n",
                      "leaders/delta.md": b"---\nname: \xff\n---\n"})
    result = subprocess.run([sys.executable, "-m", "generator", "--content", str(root), "check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.endswith("leaders/delta.md:2: not UTF-8 text (byte 0xff): save the file "
                             "with UTF-8 encoding") for line in lines), lines
    assert any("militias/gamma.md:4: unknown field 'foundd'" in line for line in lines), lines
    assert lines[-1] == "3 problems found; nothing was built."


def test_the_bundled_content_is_valid():
    catalogue = load_catalogue(ROOT / "content")
    assert len(catalogue.militias) >= 8 and len(catalogue.leaders) >= 11
