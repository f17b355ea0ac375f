"""course_lib.plots: the shared figures carry axis labels and the leaky ReLU's small slope shows."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.plots import (
    DecisionRegions,
    plot_activation,
    plot_costs,
    plot_decision_boundary,
    scatter_classes,
)

# no display needed (course_lib.plots has already imported pyplot: this switches it)
matplotlib.use("Agg")

X = np.array([[0.0, 1.0, 2.0, 3.0], [1.0, 0.0, 1.0, 0.0]])
Y = np.array([[0, 1, 0, 1]])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_decision_boundary_and_scatter_label_the_axes_x1_x2():
    boundary = plot_decision_boundary(lambda G: G[:1] > 1.5, X, Y, title="t")
    for ax in (boundary, scatter_classes(X, Y)):
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("x₁", "x₂")


def test_decision_regions_are_replaced_under_the_points():
    regions = DecisionRegions(X, Y, resolution=20)
    points = list(regions.ax.collections)
    regions.show(lambda G: G[:1] > 1.5, title="first")
    regions.show(lambda G: G[1:] > 1.5)
    assert list(regions.ax.collections) == [*points, regions.regions]  # the first regions removed
    assert regions.regions.get_zorder() < min(p.get_zorder() for p in points)
    assert regions.ax.get_title() == ""  # a show without a title clears the last one


def test_plot_costs_labels_iteration_and_cost():
    ax = plot_costs([0.7, 0.5, 0.4])
    assert ax.get_xlabel() == "iteration"
    assert ax.get_ylabel().startswith("cost")
    assert ax.get_title()


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_plot_activation_labels_and_width(name):
    ax = plot_activation(name)
    assert (ax.get_xlabel(), ax.get_title()) == ("z", name)
    assert "g′(z)" in ax.get_ylabel()
    assert ax.figure.get_figwidth() >= 4


def test_only_leaky_relu_gets_a_zoom_that_shows_its_slope():
    insets = {n: plot_activation(n).child_axes for n in ["sigmoid", "tanh", "relu", "leaky_relu"]}
    assert [n for n, axes in insets.items() if axes] == ["leaky_relu"]
    (inset,) = insets["leaky_relu"]
    low, high = inset.get_ylim()
    assert low <= 0.01 <= high and high <= 0.05  # 0.01 fills a visible part of the inset
    assert "0.01" in inset.get_title()
