"""Checks for c4w2b, practical advice: PCA colour augmentation."""

import numpy as np

from course_lib import augmentation
from course_lib.checks.framework import call, mismatch, run

__all__ = ["check_pca_color"]


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
