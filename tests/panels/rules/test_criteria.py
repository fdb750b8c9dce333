from __future__ import annotations

import pytest

from cspmonitor.panels.rules import CriteriaError, criteria_sets, load
from cspmonitor.panels.rules.criteria import read


def test_it_holds_the_mace_and_high_risk_asb_sets():
    assert {"mace", "asb-high-risk"} <= set(criteria_sets())


def test_it_needs_every_required_criterion():
    screening = load("mace").screen(["child_criminal_exploitation"])
    assert not screening.met
    assert "Single-agency" in screening.explanation


def test_it_is_met_with_the_required_criterion_and_enough_others():
    screening = load("mace").screen(["single_agency_exhausted", "child_criminal_exploitation"])
    assert screening.met
    assert [c.key for c in screening.chosen] == ["single_agency_exhausted", "child_criminal_exploitation"]


def test_it_counts_a_criterion_chosen_twice_once(tmp_path):
    path = tmp_path / "two.toml"
    path.write_text(
        'title = "Two"\nminimum = 2\n[[criterion]]\nkey = "a"\ntext = "A"\n'
        '[[criterion]]\nkey = "b"\ntext = "B"\n'
    )
    assert not read(path).screen(["a", "a"]).met
    assert read(path).screen(["a", "b"]).met


def test_it_refuses_a_criterion_it_does_not_hold():
    with pytest.raises(CriteriaError, match="unknown criteria made_up"):
        load("asb-high-risk").screen(["made_up"])


def test_it_refuses_a_minimum_above_the_number_of_criteria(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('title = "Bad"\nminimum = 3\n[[criterion]]\nkey = "a"\ntext = "A"\n')
    with pytest.raises(CriteriaError, match=r"bad.toml: 'minimum' \(3\) is more than the 1 criteria"):
        read(path)


def test_it_names_the_criterion_missing_its_text(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('title = "Bad"\n[[criterion]]\nkey = "a"\n')
    with pytest.raises(CriteriaError, match="criterion 1 needs a text 'key' and a text 'text'"):
        read(path)


def test_it_names_a_set_it_does_not_hold():
    with pytest.raises(CriteriaError, match="No criteria set called 'nope'"):
        load("nope")
