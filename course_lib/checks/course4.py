"""Checks for Course 4 (Convolutional Neural Networks): c4w2 case studies and practical advice (the
multiplications of a CONV layer, AlexNet's PCA colour augmentation).
"""

import numpy as np

from course_lib import augmentation
from course_lib.checks.framework import call, mismatch, run


def check_conv_multiplications(conv_multiplications):
    """c4w2: multiplications of a CONV layer, n_H·n_W·n_C outputs × f·f·n_C_prev each, on the
    lecture's layers."""
    # imported here, not at the top: course_lib.architectures imports torch (0.7 s), which every
    # notebook's `from course_lib import checks` would otherwise pay for
    from course_lib.architectures import conv_multiplications as reference

    inputs = [
        ("the lecture's 5×5 same conv, 28×28×192 → 28×28×32", (28, 28, 192, 5, 32)),
        ("the 1×1 bottleneck, 28×28×192 → 28×28×16", (28, 28, 192, 1, 16)),
        ("5×5 after the bottleneck, 28×28×16 → 28×28×32", (28, 28, 16, 5, 32)),
        ("a non-square output, 7×5×3 → 3×3 conv with 4 filters", (7, 5, 3, 3, 4)),
        ("one output number (1×1×1, f = 1, one channel)", (1, 1, 1, 1, 1)),
    ]
    cases = []
    for description, (n_H, n_W, n_C_prev, f, n_C) in inputs:
        got = call("conv_multiplications", conv_multiplications, n_H, n_W, n_C_prev, f, n_C)
        expected = reference(n_H, n_W, n_C_prev, f, n_C)
        mistakes = [
            (
                "the input channels are left out: "
                "each output multiplies through all n_C_prev channels",
                n_H * n_W * n_C * f * f,
            ),
            (
                "f is used where f·f belongs: a filter window is f × f",
                n_H * n_W * n_C * f * n_C_prev,
            ),
            (
                "the filters are left out: "
                "there are n_H·n_W·n_C outputs, one per filter and position",
                n_H * n_W * f * f * n_C_prev,
            ),
            (
                "the parameters (f·f·n_C_prev + 1)·n_C are counted, not the multiplications",
                (f * f * n_C_prev + 1) * n_C,
            ),
        ]
        mistakes = [(text, wrong) for text, wrong in mistakes if wrong != expected]
        cases.append((description, [mismatch("the count", got, np.float64(expected), mistakes)]))
    run("conv_multiplications", cases)


def check_pca_color(pca_color):
    """c4w2: AlexNet's PCA colour shift, image + Σ_i α_i λ_i p_i clipped to [0, 1], against
    augmentation.pca_color."""
    rng = np.random.default_rng(11)
    small = rng.random((4, 5, 3)) * 0.6 + 0.2
    reddish = np.stack(
        [rng.random((6, 6)) * 0.8 + 0.1, np.full((6, 6), 0.3), rng.random((6, 6)) * 0.5], axis=2
    )
    inputs = [
        ("a 4×5 colour image, α = (0.1, −0.2, 0.3)", small, np.array([0.1, -0.2, 0.3])),
        (
            "a reddish 6×6 image, α = (0, 0, 1) (the main component only)",
            reddish,
            np.array([0.0, 0.0, 1.0]),
        ),
        ("α = 0 (the image must come back unchanged)", small, np.zeros(3)),
        (
            "a big α = (0, 0, 30) that pushes values past 1 and below 0 (clip them)",
            reddish,
            np.array([0.0, 0.0, 30.0]),
        ),
    ]
    cases = []
    for description, image, alphas in inputs:
        pca = augmentation.color_pca(image)
        got = call("pca_color", pca_color, image.copy(), alphas.copy(), pca)
        expected = augmentation.pca_color(image, alphas, pca)
        P, lam = pca.eigenvectors, pca.eigenvalues
        mistakes = [
            (
                "the eigenvalues are left out: the shift is Σ α_i λ_i p_i",
                np.clip(image + P @ alphas, 0, 1),
            ),
            (
                "the eigenvectors are taken as rows (P.T): p_i is column i of pca.eigenvectors",
                np.clip(image + P.T @ (alphas * lam), 0, 1),
            ),
            ("the values are not clipped to [0, 1]", image + P @ (alphas * lam)),
            (
                "the square roots of the eigenvalues are used: AlexNet scales by λ_i itself",
                np.clip(image + P @ (alphas * np.sqrt(lam)), 0, 1),
            ),
        ]
        cases.append((description, [mismatch("the image", got, expected, mistakes)]))
    run("pca_color", cases)
