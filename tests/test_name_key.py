"""One name key: `make check`'s collision check, the scaffolds and the ACLED actor table compare
names with the linker's own key, so two names check-equal exactly when they link-equal."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.mentions import link_documents
from generator.pipeline import load_catalogue
from generator.references import name_key

DASHES = "-‐‑‒–—―−"
APOSTROPHES = "'’‘`ʿʾ"
WORD = st.text(alphabet="abcdefghiklmnoqrstuyz", min_size=3, max_size=7)


@st.composite
def alias_and_spelling(draw: st.DrawFn) -> tuple[str, str]:
    """An alias like "Kata'ib al-Fooq" and the same name as an outlet might print it."""
    words = draw(st.lists(WORD, min_size=2, max_size=3))
    joiners = draw(st.lists(st.sampled_from(" -'"), min_size=len(words) - 1,
                            max_size=len(words) - 1))
    alias = words[0].capitalize() + "".join(j + w for j, w in zip(joiners, words[1:], strict=True))
    printed = "".join(draw(st.sampled_from(DASHES)) if c == "-" else
                      draw(st.sampled_from(APOSTROPHES)) if c == "'" else c for c in alias)
    # all-capitals words are read as acronyms by the linker (KH, AAH), so case varies only down
    return alias, draw(st.sampled_from([printed, printed.lower()]))


@settings(max_examples=25, deadline=None)
@given(alias_and_spelling())
def test_two_spellings_that_check_equal_also_link_equal(tmp_path_factory, pair):
    alias, printed = pair
    assert name_key(alias) == name_key(printed)
    root = tmp_path_factory.mktemp("names") / "content"
    (root / "militias").mkdir(parents=True)
    (root / "documents").mkdir()
    (root / "documents" / "doc-one.md").write_text(
        f"---\ntitle: A report\noutlet: A paper\npublished: 2020-01-02\n---\n"
        f"Fighters of {printed} were seen in the city.\n", encoding="utf-8")
    (root / "militias" / "the-group.md").write_text(
        f"---\nname: Zzyx Qqwv Group\naliases: [{alias!r}]\nkind: militia\n"
        f"sources: [doc-one]\n---\n", encoding="utf-8")
    links = link_documents(load_catalogue(Path(root)))
    assert "the-group" in links.backlinks, (alias, printed)


def test_an_alias_written_with_an_em_dash_collides_and_links_like_a_hyphen():
    assert name_key("Kata’ib Hizballah—Iraq") == name_key("kataib hizballah-iraq")
    assert name_key("عصائب أهل الحق") == name_key("عصائب اهل الحق")
