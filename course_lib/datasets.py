"""Offline datasets in the course's layout: X (n_x, m) with examples as columns, Y (1, m).

The planar flower follows the course's recipe; the rest come bundled with scikit-learn and
scikit-image (no download). See data/README.md for sources and licences.
"""

from typing import NamedTuple

import numpy as np
import sklearn.datasets
from sklearn.model_selection import train_test_split

from course_lib.validation import as_count, as_examples_matrix, as_rng


class Dataset(NamedTuple):
    """A train/test split with examples as columns; image_shape is (h, w) for image sets, else
    None."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    classes: tuple
    image_shape: tuple | None = None

    def __repr__(self):
        return (
            f"Dataset(X_train {self.X_train.shape}, Y_train {self.Y_train.shape}, "
            f"X_test {self.X_test.shape}, Y_test {self.Y_test.shape}, classes {self.classes})"
        )


def load_planar_dataset(seed=1):
    """The c1w3 "flower": m = 400 points in two petal-shaped classes; X (2, 400), Y (1, 400).

    For class j: θ = linspace(3.12j, 3.12(j+1), 200) + 0.2ε, r = 4 sin(4θ) + 0.2ε′, x =
    (r sin θ, r cos θ).
    """
    # the course's legacy generator, so the classic figure is reproduced
    rs = np.random.RandomState(seed)
    m, N, a = 400, 200, 4
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1))
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rs.randn(N) * 0.2
        r = a * np.sin(4 * t) + rs.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


DATASETS_2D = ("flower", "noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles")


def load_2d_dataset(name, seed=1):
    """One of DATASETS_2D as X (2, m), Y (1, m): the flower (m = 400) or an extra set of 200
    points."""
    if name == "flower":
        return load_planar_dataset(seed)
    N = 200
    makers = {
        "noisy_circles": lambda: sklearn.datasets.make_circles(
            n_samples=N, factor=0.5, noise=0.3, random_state=seed
        ),
        "noisy_moons": lambda: sklearn.datasets.make_moons(
            n_samples=N, noise=0.2, random_state=seed
        ),
        "blobs": lambda: sklearn.datasets.make_blobs(
            n_samples=N, n_features=2, centers=6, random_state=seed
        ),
        "gaussian_quantiles": lambda: sklearn.datasets.make_gaussian_quantiles(
            cov=0.5, n_samples=N, n_features=2, n_classes=2, random_state=seed
        ),
    }
    if name not in makers:
        raise ValueError(
            f"unknown dataset {name!r}; choose one of {', '.join(map(repr, DATASETS_2D))}"
        )
    X, y = makers[name]()
    return X.T, (y % 2).reshape(1, -1).astype(float)


def load_overfit_moons(m=600, noise=0.3, seed=0):
    """c2w1's overfitting problem: two half-moons whose classes overlap (noise 0.3); X (2, m), Y
    (1, m).

    Even the best possible classifier (moons_bayes_predict) misses about 9% of the points, so a big
    network can only fit 200 training points by fitting their noise, and regularization visibly
    helps.
    """
    X, y = sklearn.datasets.make_moons(n_samples=m, noise=noise, random_state=seed)
    return X.T, y.reshape(1, -1).astype(float)


def moons_bayes_predict(X, noise=0.3):
    """The best possible classifier for load_overfit_moons: the class whose noisy half-moon is
    likelier at x.

    p(x | c) = mean over the curve points μ_c(t), t ∈ [0, π], of N(x; μ_c(t), noise² I); predicts
    (1, m). Its error on fresh data estimates the Bayes (base) error of the problem.
    """
    X = as_examples_matrix(X, "X", n_x=2)
    t = np.linspace(0, np.pi, 500)
    curves = (np.stack([np.cos(t), np.sin(t)]), np.stack([1 - np.cos(t), 1 - np.sin(t) - 0.5]))
    X = np.asarray(X, dtype=float)
    likelihood = [
        np.exp(-((X[:, :, None] - c[:, None, :]) ** 2).sum(axis=0) / (2 * noise**2)).mean(axis=1)
        for c in curves
    ]
    return (likelihood[1] > likelihood[0]).astype(int).reshape(1, -1)


def load_moons():
    """c2w2's optimization data, the course's recipe: make_moons(300, noise 0.2) under seed 3; X
    (2, 300), Y (1, 300)."""
    X, y = sklearn.datasets.make_moons(n_samples=300, noise=0.2, random_state=3)
    return X.T, y.reshape(1, -1).astype(float)


def daily_temperatures(days=365, seed=0):
    """A year of daily temperatures (°C), generated: a seasonal cycle 11 + 8 sin(2π(t − 110)/365)
    plus weather that persists from day to day (AR(1) noise, φ = 0.7, σ = 2). A real-looking series
    for averaging; (days,)."""
    rng = np.random.default_rng(seed)
    t = np.arange(1, days + 1)
    weather = np.zeros(days)
    for i in range(1, days):
        weather[i] = 0.7 * weather[i - 1] + rng.normal(0, 2.0)
    return 11 + 8 * np.sin(2 * np.pi * (t - 110) / 365) + weather


def load_circles():
    """c2w1's initialization data: make_circles(300, noise 0.05) under seed 1 for train, (100) under
    seed 2 for test."""
    X_train, y_train = sklearn.datasets.make_circles(n_samples=300, noise=0.05, random_state=1)
    X_test, y_test = sklearn.datasets.make_circles(n_samples=100, noise=0.05, random_state=2)
    return Dataset(
        X_train.T,
        y_train.reshape(1, -1).astype(float),
        X_test.T,
        y_test.reshape(1, -1).astype(float),
        ("outer", "inner"),
    )


def _split(X, y, test_fraction, seed, classes, image_shape=None):
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_fraction, random_state=seed, stratify=y
    )
    return Dataset(
        X_train.T,
        y_train.reshape(1, -1).astype(float),
        X_test.T,
        y_test.reshape(1, -1).astype(float),
        tuple(classes),
        image_shape,
    )


def load_faces(test_fraction=0.3, seed=0):
    """Face (1) vs non-face (0): scikit-image's lfw_subset, 200 grayscale 25×25 images in [0, 1].

    X is (625, m): each image flattened to a column, as the course does with its cat pictures.
    """
    import skimage.data

    images = skimage.data.lfw_subset()  # first 100 are faces, the next 100 are not
    y = np.r_[np.ones(100), np.zeros(100)]
    return _split(
        images.reshape(200, -1), y, test_fraction, seed, ("non-face", "face"), images.shape[1:]
    )


def picture_to_column(picture, image_shape):
    """A photo (h, w) or (h, w, 3|4) of any size → grayscale, resized to image_shape, in [0, 1],
    as a column (h·w, 1): how a model trained on load_faces sees a picture of one's own (c1w2)."""
    from skimage.color import rgb2gray, rgba2rgb
    from skimage.transform import resize
    from skimage.util import img_as_float

    picture = img_as_float(np.asarray(picture))
    if picture.ndim == 3 and picture.shape[2] == 4:
        picture = rgba2rgb(picture)
    if picture.ndim == 3:
        picture = rgb2gray(picture)
    if picture.ndim != 2:
        raise ValueError(
            f"expected an image (h, w) or (h, w, 3); got an array of shape {picture.shape}"
        )
    return resize(picture, image_shape, anti_aliasing=True).reshape(-1, 1)


def load_breast_cancer_data(test_fraction=0.3, seed=0):
    """Wisconsin breast cancer, 569 tumours × 30 measurements; Y = 1 for malignant. Raw units:
    standardize first."""
    data = sklearn.datasets.load_breast_cancer()
    return _split(data.data, 1 - data.target, test_fraction, seed, ("benign", "malignant"))


def load_digits_data(test_fraction=0.25, seed=0):
    """scikit-learn's handwritten digits: 1797 8×8 images, pixels scaled to [0, 1]; X (64, m), Y
    (1, m) labels 0-9."""
    data = sklearn.datasets.load_digits()
    return _split(data.data / 16.0, data.target, test_fraction, seed, tuple(range(10)), (8, 8))


def load_digits_32(test_fraction=0.25, seed=0):
    """The digits for CNNs (c4w1–2): each 8×8 image upsampled to 32×32 (LeNet-5's input), pixels in
    [0, 1].

    Returns X_train, y_train, X_test, y_test in PyTorch's layout: X (N, 1, 32, 32) float32, y (N,)
    int64 labels 0-9. The split is load_digits_data's (same test_fraction and seed → the same
    examples, in the same order).
    """
    import skimage.transform

    data = sklearn.datasets.load_digits()
    index_train, index_test = train_test_split(
        np.arange(len(data.target)),
        test_size=test_fraction,
        random_state=seed,
        stratify=data.target,
    )
    images = skimage.transform.resize(
        data.images / 16.0, (len(data.target), 32, 32), anti_aliasing=True
    )
    X = np.clip(images, 0.0, 1.0).astype(np.float32)[:, None]
    y = data.target.astype(np.int64)
    return X[index_train], y[index_train], X[index_test], y[index_test]


def one_hot(Y, C):
    """Labels Y (1, m) in 0…C−1 to a one-hot matrix (C, m)."""
    values = np.asarray(Y, dtype=float).ravel()
    if not np.all(values == np.round(values)):
        raise ValueError(
            "labels must be whole numbers 0..C-1 (class indices, not probabilities); "
            f"got e.g. {values[values != np.round(values)][0]:g}"
        )
    labels = values.astype(int)
    if labels.min() < 0 or labels.max() >= C:
        raise ValueError(
            f"labels must lie in 0..{C - 1}; got values from {labels.min()} to {labels.max()}"
        )
    return np.eye(C)[:, labels]


def degrade_digits(X, rng, blur=0.5, contrast=0.8, noise=0.12, n_patterns=None, image_shape=(8, 8)):
    """c3w2's "app" look for digit images X (64, m) in [0, 1]: Gaussian blur (σ = blur pixels),
    lower contrast x → 0.5 + contrast·(x − 0.5), additive noise N(0, noise²), clipped to [0, 1];
    returns a new (64, m) array.

    n_patterns=None draws fresh noise for every image; n_patterns=k draws only k noise images and
    gives each example one of them (the lecture's "one hour of car noise" behind 10,000 hours of
    speech).
    """
    import scipy.ndimage

    X = np.asarray(X, dtype=float)
    n_x = int(np.prod(image_shape))
    if X.ndim != 2 or X.shape[0] != n_x:
        hint = " — did you mean X.T?" if X.ndim == 2 and X.shape[1] == n_x else ""
        raise ValueError(
            f"X must be (n_x, m) = ({n_x}, m), one flattened {image_shape} image per "
            f"column; got {X.shape}{hint}"
        )
    if not (0 < contrast <= 1 and blur >= 0 and noise >= 0):
        raise ValueError(
            f"need 0 < contrast ≤ 1, blur ≥ 0 and noise ≥ 0; got contrast={contrast}, "
            f"blur={blur}, noise={noise}"
        )
    rng = as_rng(rng)
    m = X.shape[1]
    images = X.T.reshape(m, *image_shape)
    if blur > 0:
        images = scipy.ndimage.gaussian_filter(images, sigma=(0, blur, blur), mode="constant")
    images = 0.5 + contrast * (images - 0.5)
    if n_patterns is None:
        patterns = rng.normal(0.0, noise, (m, *image_shape))
    else:
        n_patterns = as_count(
            n_patterns, "n_patterns", 1, note=" (or None for fresh noise per image)"
        )
        bank = rng.normal(0.0, noise, (n_patterns, *image_shape))
        patterns = bank[rng.integers(n_patterns, size=m)]
    return np.clip(images + patterns, 0.0, 1.0).reshape(m, n_x).T


class DigitSources(NamedTuple):
    """Two sources of one task (c3w2): plentiful clean "web" digits and scarcer degraded "app"
    digits.

    X_web (64, m_web), Y_web (1, m_web); X_app (64, m_app), Y_app (1, m_app); labels 0-9; disjoint
    images."""

    X_web: np.ndarray
    Y_web: np.ndarray
    X_app: np.ndarray
    Y_app: np.ndarray

    def __repr__(self):
        return (
            f"DigitSources(X_web {self.X_web.shape}, Y_web {self.Y_web.shape}, "
            f"X_app {self.X_app.shape}, Y_app {self.Y_app.shape})"
        )


def load_digit_sources(m_app=800, seed=0, **degrade):
    """scikit-learn's 1797 digits cut into two sources of one task: m_app of them, degraded by
    degrade_digits (seeded; keyword arguments go to it) as the "app" photos, the other 1797 − m_app
    kept clean as the "web" set.

    Both are shuffled with `seed` and hold every class in about equal numbers (a stratified cut).
    """
    data = sklearn.datasets.load_digits()
    m = len(data.target)
    m_app = as_count(m_app, "m_app", 10, m - 10, note=f" (the app share of {m} digits)")
    index_web, index_app = train_test_split(
        np.arange(m), test_size=m_app, random_state=seed, stratify=data.target
    )
    X = data.data.T / 16.0
    Y = data.target.reshape(1, -1).astype(float)
    rng = np.random.default_rng(seed)
    X_app = degrade_digits(X[:, index_app], rng, **degrade)
    return DigitSources(X[:, index_web], Y[:, index_web], X_app, Y[:, index_app])
