import numpy as np
import pytest

from cspmonitor.analysis.multiple import adjust, benjamini_hochberg, holm, rejected

HAND_P = [0.01, 0.04, 0.03, 0.005]


def test_it_adjusts_the_hand_worked_example_by_holm():
    # Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04; the running
    # maximum lifts the last to 0.06. Back in input order:
    np.testing.assert_allclose(holm(HAND_P), [0.03, 0.06, 0.06, 0.02], rtol=0, atol=1e-12)


def test_it_adjusts_the_hand_worked_example_by_benjamini_hochberg():
    # Sorted times 4/1, 4/2, 4/3, 4/4 = 0.02, 0.02, 0.04, 0.04, already monotone.
    np.testing.assert_allclose(benjamini_hochberg(HAND_P), [0.02, 0.04, 0.04, 0.02], rtol=0, atol=1e-12)


def test_it_makes_benjamini_hochberg_monotone_from_the_top():
    # 0.04 * 3/2 = 0.06 exceeds 0.05 * 3/3 = 0.05, so the step-up minimum brings it to 0.05.
    np.testing.assert_allclose(benjamini_hochberg([0.01, 0.04, 0.05]), [0.03, 0.05, 0.05], rtol=0, atol=1e-12)


def test_it_caps_adjusted_p_values_at_one():
    assert holm([0.6, 0.7, 0.9]).max() == 1.0
    assert benjamini_hochberg([0.99, 0.999]).max() <= 1.0


def test_it_leaves_nans_alone_and_does_not_count_them():
    with_nan = holm([0.01, np.nan, 0.04])
    assert np.isnan(with_nan[1])
    np.testing.assert_allclose(with_nan[[0, 2]], holm([0.01, 0.04]), rtol=0, atol=1e-15)
    assert np.isnan(benjamini_hochberg([np.nan, np.nan])).all()
    assert not rejected(with_nan)[1]


def test_it_keeps_the_order_of_the_raw_p_values():
    rng = np.random.default_rng(11)
    p = rng.uniform(size=200) ** 3
    order = np.argsort(p)
    for method in (holm, benjamini_hochberg):
        adjusted = method(p)
        assert np.all(np.diff(adjusted[order]) >= -1e-15)
        assert np.all(adjusted >= p - 1e-15)


def test_it_handles_an_empty_list():
    assert holm([]).size == 0
    assert benjamini_hochberg([]).size == 0


def test_it_refuses_values_that_are_not_p_values():
    with pytest.raises(ValueError, match="between 0 and 1"):
        holm([0.2, 1.5])
    with pytest.raises(ValueError, match="method"):
        adjust([0.2], "bonferroni-ish")


@pytest.mark.parametrize(("ours", "theirs"), [("holm", "holm"), ("bh", "fdr_bh")])
def test_it_matches_statsmodels(ours, theirs):
    # statsmodels (a test-only dependency) is the reference implementation.
    from statsmodels.stats import multitest

    rng = np.random.default_rng(2023)
    for size in (1, 2, 7, 42, 500):
        # A mix of tiny, middling and tied p-values, as a table of crime types produces.
        p = np.concatenate([rng.uniform(size=size) ** 4, [0.05, 0.05]])
        rng.shuffle(p)
        expected = multitest.multipletests(p, method=theirs)[1]
        np.testing.assert_allclose(adjust(p, ours), expected, rtol=1e-12, atol=1e-15)


def test_it_flags_only_what_is_below_alpha():
    assert rejected([0.049, 0.05, 0.2], alpha=0.05).tolist() == [True, False, False]
