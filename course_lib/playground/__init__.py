"""The playground: a TensorFlow-Playground-class explorer built on course_lib's own network
(all courses).

`PlaygroundCore` is pure and synchronous: settings in (dataset, noise, train/test ratio, batch size,
input features, hidden layers, α, activation, regularization, optimizer, problem type, seed, stop
condition), `step(n)` trains n epochs of mini-batch gradient descent with course_lib.network.Model,
and the views are
numbers: loss history, accuracy, the output and every hidden unit over the input plane, |W[l]|.
`Playground` wraps it in ipywidgets with play / pause / step / reset; playing is an asyncio task on
the kernel's event loop that steps the core and redraws a PNG at a steady rate, so the kernel stays
free.

Data live on the plane [−6, 6]², as in the TensorFlow Playground; the input features are computed
from
(x1, x2). Classification: sigmoid output, cross-entropy J = −(1/m) Σ [y log a + (1 − y) log(1 − a)].
Regression: linear output, J = (1/2m) Σ (a − y)². Settings travel as a dict or a URL-like string
("dataset=xor&hidden=4,2&…") so an instructor can hand a configuration to a class.

Modules: `data` (the named datasets and input features), `settings` (options, DEFAULTS, their
check and string form), `core` (PlaygroundCore, LossHistory), `drawing` (the figure), `widget`
(Playground).
"""

from course_lib.playground.core import LossHistory, PlaygroundCore
from course_lib.playground.data import (
    CLASSIFICATION_DATASETS,
    DATASETS,
    FEATURES,
    RADIUS,
    REGRESSION_DATASETS,
    input_features,
    make_dataset,
    regression_target,
)
from course_lib.playground.drawing import (
    BLUE,
    COLUMN_GAP,
    ORANGE,
    PLAYGROUND_CMAP,
    ROW_GAP,
    draw_playground,
    plot_output,
)
from course_lib.playground.settings import (
    ACTIVATIONS,
    DEFAULTS,
    LEARNING_RATES,
    LIVE_SETTINGS,
    MAX_LAYERS,
    MAX_NEURONS,
    PROBLEMS,
    RATES,
    REGULARIZATIONS,
    check_settings,
    parse_hidden,
    settings_from_string,
    settings_to_string,
)
from course_lib.playground.widget import Playground

__all__ = [
    "CLASSIFICATION_DATASETS",
    "REGRESSION_DATASETS",
    "DATASETS",
    "FEATURES",
    "RADIUS",
    "make_dataset",
    "regression_target",
    "input_features",
    "ACTIVATIONS",
    "REGULARIZATIONS",
    "PROBLEMS",
    "LEARNING_RATES",
    "RATES",
    "MAX_LAYERS",
    "MAX_NEURONS",
    "DEFAULTS",
    "LIVE_SETTINGS",
    "parse_hidden",
    "check_settings",
    "settings_to_string",
    "settings_from_string",
    "LossHistory",
    "PlaygroundCore",
    "ORANGE",
    "BLUE",
    "PLAYGROUND_CMAP",
    "COLUMN_GAP",
    "ROW_GAP",
    "draw_playground",
    "plot_output",
    "Playground",
]
