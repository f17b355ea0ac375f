"""Interactive panels: a slider changes a hyperparameter, the model is retrained and the figure
redrawn.

One module per purpose: `panel` (the Panel base class every panel extends), `course1` … `course4`
(the panels of each course), `pictures` (PicturePredictor); the playground lives in
course_lib.playground and is re-exported here, so every widget imports from course_lib.widgets.
"""

from course_lib.datasets import picture_to_column
from course_lib.playground import Playground
from course_lib.widgets.course1 import LearningRatePanel, ShallowNetworkPanel
from course_lib.widgets.course2 import (
    BiasVarianceCurvePanel,
    EWAPanel,
    MiniBatchPanel,
    OptimizerPanel,
    RegularizationPanel,
)
from course_lib.widgets.course3 import ThresholdPanel
from course_lib.widgets.course4 import OutputSizePanel
from course_lib.widgets.panel import Panel, figure_png
from course_lib.widgets.pictures import PicturePredictor

__all__ = [
    "Panel",
    "figure_png",
    "LearningRatePanel",
    "ShallowNetworkPanel",
    "RegularizationPanel",
    "BiasVarianceCurvePanel",
    "MiniBatchPanel",
    "EWAPanel",
    "OptimizerPanel",
    "ThresholdPanel",
    "OutputSizePanel",
    "PicturePredictor",
    "picture_to_column",
    "Playground",
]
