"""Checks for the notebooks' exercises: each runs the learner's function on several cases (edge
cases included), compares with course_lib's reference, and explains a failure — which case,
expected vs got, and the usual mistake when the wrong answer matches one.

A check prints "✓ …" when every case passes and raises CheckFailed (an AssertionError) otherwise.

Where each week's checks live:
    framework   CheckFailed and the machinery every check uses (call, mismatch, entry, run)
    course1     c1w2 sigmoid, propagate · c1w3 forward_propagation, backward_propagation ·
                c1w4 initialize_parameters_deep, L_model_backward
    course2     c2w1a compute_cost_with_regularization, dropout_forward, dropout_backward ·
                c2w1b initialize_parameters_he · c2w2 random_mini_batches,
                update_parameters_with_adam · c2w3 batchnorm_forward
    course3     c3w1 f1_score · c3w2 multilabel_cost
    course4     c4w2 conv_multiplications, pca_color
    playground  the playground notebook's feature_map
"""

from course_lib.checks.course1 import (
    check_backward_propagation,
    check_forward_propagation,
    check_initialize_parameters_deep,
    check_L_model_backward,
    check_propagate,
    check_sigmoid,
)
from course_lib.checks.course2 import (
    check_batchnorm_forward,
    check_compute_cost_with_regularization,
    check_dropout_backward,
    check_dropout_forward,
    check_initialize_parameters_he,
    check_random_mini_batches,
    check_update_parameters_with_adam,
)
from course_lib.checks.course3 import check_f1_score, check_multilabel_cost
from course_lib.checks.course4 import check_conv_multiplications, check_pca_color
from course_lib.checks.framework import CheckFailed
from course_lib.checks.playground import check_feature_map

__all__ = [
    "CheckFailed",
    # course1
    "check_sigmoid",
    "check_propagate",
    "check_forward_propagation",
    "check_backward_propagation",
    "check_initialize_parameters_deep",
    "check_L_model_backward",
    # course2
    "check_compute_cost_with_regularization",
    "check_dropout_forward",
    "check_dropout_backward",
    "check_initialize_parameters_he",
    "check_random_mini_batches",
    "check_update_parameters_with_adam",
    "check_batchnorm_forward",
    # course3
    "check_f1_score",
    "check_multilabel_cost",
    # course4
    "check_conv_multiplications",
    "check_pca_color",
    # playground
    "check_feature_map",
]
