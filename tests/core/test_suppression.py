"""Small-cell suppression: an attacker who knows every published number, every total and what
"<5"/"<10"/"*" mean tries to pin a hidden small count down, and must fail.

The attacker solves the linear program "smallest and largest value of this hidden cell that is
consistent with everything published" (scipy's HiGHS, independent of the code under test). That
covers solving the row and column equations (a determined cell has min == max) and the bounds
("<5" is 0–4, "*" is at least the threshold).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from sportello.core.suppression import (
    COMPLEMENT_MARK,
    Grid,
    protect,
    protect_series,
    suppress_counts,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def published_ranges(result):
    """For every hidden small count: the (min, max) an attacker can derive."""
    grids = result.grids
    active = [g for g in range(len(grids)) if g not in result.withheld]
    keys, values = {}, {}
    for g in active:
        for pos in grids[g].positions():
            k = result.key(g, pos)
            values[k] = grids[g].value(pos)
            if result.is_hidden(g, pos) and k not in keys:
                keys[k] = len(keys)
    if not keys:
        return {}
    rows, rhs = [], []
    for g in active:
        grid = grids[g]
        lines = []
        if grid.row_totals:
            lines += [([(i, j) for j in range(grid.C)], (i, grid.C)) for i in range(grid.R)]
        if grid.col_totals:
            lines += [([(i, j) for i in range(grid.R)], (grid.R, j)) for j in range(grid.C)]
        if grid.exists((grid.R, grid.C)):
            lines.append(([(grid.R, j) for j in range(grid.C)], (grid.R, grid.C)))
        for cells, total in lines:
            coeffs, constant = [0.0] * len(keys), 0
            for pos, sign in [*((p, 1) for p in cells), (total, -1)]:
                k = result.key(g, pos)
                if k in keys:
                    coeffs[keys[k]] += sign
                else:
                    constant += sign * values[k]
            rows.append(coeffs)
            rhs.append(-constant)
    bounds = []
    for k in keys:
        threshold = result.thresholds[k]
        value = values[k]
        bounds.append((0, threshold - 1) if value < threshold else (threshold, None))
    ranges = {}
    for k, index in keys.items():
        value, threshold = values[k], result.thresholds[k]
        if not 0 < value < threshold:
            continue
        objective = [0.0] * len(keys)
        objective[index] = 1.0
        low = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=bounds)
        objective[index] = -1.0
        high = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=bounds)
        assert low.status == 0 and high.status == 0, "the true table must be feasible"
        ranges[k] = (low.fun, -high.fun)
    return ranges


def assert_safe(result):
    for g, grid in enumerate(result.grids):
        if g in result.withheld:
            continue
        for pos in grid.positions():
            shown = result.shown(g, pos)
            value = grid.value(pos)
            if 0 < value < result.thresholds[result.key(g, pos)]:
                assert shown.hidden and shown.number is None, (g, pos, value)
            if shown.hidden:
                assert shown.text in {COMPLEMENT_MARK, "<5", "<10"}
    for key, (low, high) in published_ranges(result).items():
        assert high - low >= 1 - 1e-6, f"{key} can be recovered: between {low} and {high}"


counts = st.one_of(st.integers(0, 4), st.integers(0, 12), st.integers(5, 40))


@st.composite
def grids(draw, max_rows=4, max_cols=4):
    rows = draw(st.integers(1, max_rows))
    cols = draw(st.integers(1, max_cols))
    values = [[draw(counts) for _ in range(cols)] for _ in range(rows)]
    sensitive = [draw(st.booleans()) for _ in range(rows)]
    return Grid(
        values=values,
        thresholds=[[10 if s else 5] * cols for s in sensitive],
        row_totals=draw(st.booleans()),
        col_totals=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(grids())
def test_no_hidden_small_count_can_be_worked_out_from_one_table(grid):
    assert_safe(protect([grid]))


@st.composite
def linked(draw):
    """A 'by municipality' column and two breakdowns of the same people by municipality (rows):
    the breakdowns' row totals and grand total are the column's numbers."""
    rows = draw(st.integers(1, 4))
    first = [[draw(counts) for _ in range(draw(st.just(3)))] for _ in range(rows)]
    totals = [sum(row) for row in first]
    second = []
    for total in totals:
        cuts = sorted(draw(st.integers(0, total)) for _ in range(2))
        second.append([cuts[0], cuts[1] - cuts[0], total - cuts[1]])
    shared = {(i, 3): ("municipality", i) for i in range(rows)} | {(rows, 3): "all"}
    master = Grid(
        values=[[t] for t in totals],
        row_totals=False,
        keys={(i, 0): ("municipality", i) for i in range(rows)} | {(rows, 0): "all"},
    )
    sensitive = draw(st.booleans())
    return [
        master,
        Grid(values=first, keys=dict(shared)),
        Grid(
            values=second,
            thresholds=[[10 if sensitive else 5, 5, 5] for _ in range(rows)],
            keys=dict(shared),
        ),
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(linked())
def test_linked_tables_sharing_totals_reveal_no_small_count(tables):
    assert_safe(protect(tables))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_period_hides_the_same_cells(data):
    rows, cols = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 3))
    periods = [
        [Grid(values=[[data.draw(counts) for _ in range(cols)] for _ in range(rows)])]
        for _ in range(data.draw(st.integers(2, 3)))
    ]
    results = protect_series(periods)
    patterns = [{pos for pos in r.grids[0].positions() if r.is_hidden(0, pos)} for r in results]
    assert all(p == patterns[0] for p in patterns)
    for result in results:
        assert_safe(result)


def test_a_small_count_alone_in_its_row_hides_the_next_smallest():
    # Ottiglio has 3 people from Morocco: the row total would give it away.
    grid = Grid(values=[[3, 12, 20], [8, 9, 30]])
    result = protect([grid])
    shown = [[result.shown(0, (i, j)).text for j in range(4)] for i in range(3)]
    assert shown[0][0] == "<5"
    assert shown[0][1] == COMPLEMENT_MARK  # the next smallest of the row
    assert shown[1][0] == COMPLEMENT_MARK and shown[1][1] == COMPLEMENT_MARK
    assert shown[0][3] == "35" and shown[2][3] == "82"  # the totals stay published
    assert_safe(result)


def test_two_small_counts_that_add_up_to_a_known_total_are_protected():
    # 4 + 4 = 8 with both shown as "<5" would say: both are exactly 4.
    cells, total = suppress_counts([4, 4])
    assert [c.text for c in cells] == ["<5", "<5"]
    assert total.hidden and total.text == COMPLEMENT_MARK
    assert total.number is None


def test_sensitive_categories_use_ten():
    cells, total = suppress_counts([7, 7, 30], thresholds=[10, 5, 5])
    assert cells[0].text == "<10"
    assert cells[1].text == "7" or cells[1].text == COMPLEMENT_MARK
    assert total.text == "44"


def test_zero_stays_zero():
    cells, total = suppress_counts([0, 3, 12, 0, 25])
    assert cells[0].text == "0" and cells[3].text == "0"
    assert cells[1].text == "<5" and cells[2].text == COMPLEMENT_MARK
    assert total.text == "40"


def test_a_table_of_only_small_counts_hides_its_total_too():
    cells, total = suppress_counts([1, 2])
    assert [c.text for c in cells] == ["<5", "<5"]
    assert total.text == "<5"
