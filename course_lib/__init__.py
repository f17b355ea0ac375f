"""course_lib: the Deep Learning Specialization's math in NumPy, shared by every workbook notebook.

One module per topic (activations, dense, initializers, losses, regularization, network, logistic,
gradcheck, normalization, splits, bias_variance, augmentation, optimizers, schedules, batchnorm,
search, metrics, strategy, conv, cnn, architectures, transfer, torch_models, datasets, plots,
widgets, playground, checks, workbook); the names learners know from the course are re-exported
here.
"""

from course_lib.activations import (
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    softmax,
    softmax_backward,
    tanh,
    tanh_backward,
)
from course_lib.dense import (
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
)
from course_lib.initializers import initialize_parameters, initialize_parameters_deep
from course_lib.losses import compute_cost, compute_cost_with_regularization
from course_lib.network import (
    L_model_backward,
    L_model_forward,
    Model,
    TrainingDiverged,
    predict,
    update_parameters,
)

__version__ = "0.1.0"


def setup(blas_threads=1, dpi=110, alt_text=True):
    """Notebook set-up: cap BLAS (and PyTorch, if imported) threads for steady timings on small
    machines, draw figures at `dpi` (each saved at its own dpi, so panels keep theirs), show each
    figure as an image with alt text built from its titles and labels (`alt_text`; see
    course_lib.plots.set_alt_text), and show a call to an unwritten exercise (a learner copy's
    stub) as one line naming it; returns a one-line summary."""
    import sys

    import matplotlib
    import numpy as np
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=blas_threads, user_api="blas")
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(blas_threads)
    matplotlib.rcParams.update(
        {
            "figure.dpi": dpi,
            "savefig.dpi": "figure",
            "figure.figsize": (4.5, 3.2),
            "axes.titlesize": 10,
            "font.size": 9,
        }
    )
    np.set_printoptions(precision=4, suppress=True)
    if alt_text:
        from course_lib.plots import enable_alt_text

        enable_alt_text()
    from course_lib.workbook.view import explain_unwritten_exercises

    explain_unwritten_exercises()
    return f"course_lib {__version__} · NumPy {np.__version__} · BLAS threads {blas_threads}"


__all__ = [
    "sigmoid",
    "sigmoid_backward",
    "tanh",
    "tanh_backward",
    "relu",
    "relu_backward",
    "leaky_relu",
    "leaky_relu_backward",
    "softmax",
    "softmax_backward",
    "linear_forward",
    "linear_activation_forward",
    "linear_backward",
    "linear_activation_backward",
    "initialize_parameters",
    "initialize_parameters_deep",
    "compute_cost",
    "compute_cost_with_regularization",
    "L_model_forward",
    "L_model_backward",
    "update_parameters",
    "predict",
    "Model",
    "TrainingDiverged",
    "setup",
]
