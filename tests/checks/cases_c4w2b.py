"""The registry's entries for the checks of c4w2b: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks


def pca_color_right(image, alphas, pca):
    return np.clip(image + pca.eigenvectors @ (alphas * pca.eigenvalues), 0.0, 1.0)


CASES = {
    checks.check_pca_color: (
        pca_color_right,
        [
            (
                lambda image, alphas, pca: np.clip(image + pca.eigenvectors @ alphas, 0, 1),
                "eigenvalues are left out",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + pca.eigenvectors.T @ (alphas * pca.eigenvalues), 0, 1
                ),
                "taken as rows",
            ),
            (
                lambda image, alphas, pca: image + pca.eigenvectors @ (alphas * pca.eigenvalues),
                "not clipped",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + pca.eigenvectors @ (alphas * np.sqrt(pca.eigenvalues)), 0, 1
                ),
                "square roots",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + (pca.eigenvectors @ (alphas * pca.eigenvalues)).reshape(3, 1, 1), 0, 1
                ),
                "shape",
            ),
        ],
    ),
}
