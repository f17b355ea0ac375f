"""course_lib.checks for c4w2 (multiplication count, PCA colour): the right answer passes, typical wrong ones fail.

CORRECT below is read by tests/test_checks.py's meta-test, which requires every check_* to have a right answer.
"""
import numpy as np
import pytest
from test_checks import fails_with  # one helper for every checks test (tests/ is on sys.path)

from course_lib import checks


def conv_multiplications_right(n_H, n_W, n_C_prev, f, n_C):
    return n_H * n_W * n_C * f * f * n_C_prev


def pca_color_right(image, alphas, pca):
    return np.clip(image + pca.eigenvectors @ (alphas * pca.eigenvalues), 0.0, 1.0)


CORRECT = {
    "check_conv_multiplications": conv_multiplications_right,
    "check_pca_color": pca_color_right,
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_right_answer_passes(name, capsys):
    getattr(checks, name)(CORRECT[name])
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize("wrong, message", [
    (lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * f, "input channels are left out"),
    (lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * n_C_prev, "f is used where f·f belongs"),
    (lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * f * f * n_C_prev, "filters are left out"),
    (lambda n_H, n_W, n_C_prev, f, n_C: (f * f * n_C_prev + 1) * n_C, "the parameters (f·f·n_C_prev + 1)·n_C are counted"),
    (lambda n_H, n_W, n_C_prev, f, n_C: None, "forget a `return`"),
])
def test_conv_multiplications_mistakes_are_named(wrong, message):
    fails_with(checks.check_conv_multiplications, wrong, message)


@pytest.mark.parametrize("wrong, message", [
    (lambda image, alphas, pca: np.clip(image + pca.eigenvectors @ alphas, 0, 1), "eigenvalues are left out"),
    (lambda image, alphas, pca: np.clip(image + pca.eigenvectors.T @ (alphas * pca.eigenvalues), 0, 1), "taken as rows"),
    (lambda image, alphas, pca: image + pca.eigenvectors @ (alphas * pca.eigenvalues), "not clipped"),
    (lambda image, alphas, pca: np.clip(image + pca.eigenvectors @ (alphas * np.sqrt(pca.eigenvalues)), 0, 1), "square roots"),
    (lambda image, alphas, pca: np.clip(image + (pca.eigenvectors @ (alphas * pca.eigenvalues)).reshape(3, 1, 1), 0, 1),
     "shape"),
])
def test_pca_color_mistakes_are_named(wrong, message):
    fails_with(checks.check_pca_color, wrong, message)


def test_pca_color_in_place_change_is_refused():
    def in_place(image, alphas, pca):
        image += pca.eigenvectors @ (alphas * pca.eigenvalues)
        np.clip(image, 0, 1, out=image)
        return image

    fails_with(checks.check_pca_color, in_place, "in place")
