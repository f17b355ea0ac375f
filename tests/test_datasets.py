"""course_lib.datasets: shapes in the course's layout, labels, determinism, splits and helpers."""

import numpy as np
import pytest
import sklearn.datasets
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.datasets import (
    DATASETS_2D,
    Dataset,
    load_2d_dataset,
    load_breast_cancer_data,
    load_circles,
    load_digits_32,
    load_digits_data,
    load_faces,
    load_overfit_moons,
    load_planar_dataset,
    one_hot,
)
from course_lib.normalization import normalization_stats, normalize, standardize


def test_planar_flower_matches_the_course():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    np.testing.assert_allclose(X[:, 0], [1.20444229, 3.57611415], rtol=1e-8)
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert Y.sum() == 200
    np.testing.assert_array_equal(Y[0, :200], 0)  # the course fills class 0 first
    np.testing.assert_array_equal(Y[0, 200:], 1)
    assert np.abs(X).max() < 5  # petals of radius a = 4 plus noise


def test_planar_flower_is_deterministic():
    X1, Y1 = load_planar_dataset()
    X2, Y2 = load_planar_dataset()
    X3, _ = load_planar_dataset(seed=2)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", DATASETS_2D)
def test_every_2d_dataset_loads_in_course_layout(name):
    X, Y = load_2d_dataset(name)
    m = X.shape[1]
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert m in (200, 400)
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert 0.3 < Y.mean() < 0.7
    assert np.all(np.isfinite(X))
    X2, Y2 = load_2d_dataset(name)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)


def test_unknown_dataset_lists_the_valid_names():
    with pytest.raises(ValueError) as info:
        load_2d_dataset("spirals")
    message = str(info.value)
    assert "'spirals'" in message
    for name in DATASETS_2D:
        assert repr(name) in message


def _check_split(data, n_x, m_total, test_fraction):
    assert isinstance(data, Dataset)
    m_train, m_test = data.X_train.shape[1], data.X_test.shape[1]
    assert m_train + m_test == m_total
    assert m_test == int(np.ceil(test_fraction * m_total))
    assert data.X_train.shape == (n_x, m_train) and data.X_test.shape == (n_x, m_test)
    assert data.Y_train.shape == (1, m_train) and data.Y_test.shape == (1, m_test)
    assert data.X_train.dtype == np.float64 and data.Y_train.dtype == np.float64


def test_load_faces():
    data = load_faces()
    _check_split(data, 625, 200, 0.3)
    assert data.image_shape == (25, 25)
    assert data.classes == ("non-face", "face")
    assert 0.0 <= data.X_train.min() and data.X_train.max() <= 1.0
    assert data.X_train.max() > 0.9  # really in [0, 1], not in [0, 1/255]
    # stratified: 100 faces and 100 non-faces split 70/30 each
    assert data.Y_train.sum() == 70 and data.Y_test.sum() == 30
    assert repr(data).startswith("Dataset(X_train (625, 140)")


def test_load_faces_split_is_seeded():
    a, b, c = load_faces(seed=0), load_faces(seed=0), load_faces(seed=1)
    np.testing.assert_array_equal(a.X_train, b.X_train)
    assert not np.array_equal(a.X_train, c.X_train)


def test_load_breast_cancer_data():
    data = load_breast_cancer_data()
    _check_split(data, 30, 569, 0.3)
    assert data.classes == ("benign", "malignant")
    assert set(np.unique(data.Y_train)) == {0.0, 1.0}
    # 212 of the 569 tumours are malignant (y = 1), in both halves of the stratified split
    assert data.Y_train.sum() + data.Y_test.sum() == 212
    assert (
        abs(data.Y_train.mean() - 212 / 569) < 0.01 and abs(data.Y_test.mean() - 212 / 569) < 0.01
    )
    assert data.X_train.max() > 1000  # raw units, as the docstring warns
    assert data.image_shape is None


def test_load_digits_data():
    data = load_digits_data()
    _check_split(data, 64, 1797, 0.25)
    assert data.image_shape == (8, 8)
    assert data.classes == tuple(range(10))
    assert data.X_train.min() == 0.0 and data.X_train.max() == 1.0
    assert set(np.unique(data.Y_train)) == set(range(10))
    counts_train = np.bincount(data.Y_train.astype(int).ravel(), minlength=10)
    counts_test = np.bincount(data.Y_test.astype(int).ravel(), minlength=10)
    assert counts_test.min() >= 43 and counts_test.max() <= 46  # stratified: ~45 of each digit
    assert counts_train.min() >= 130


def test_one_hot_round_trip_and_shape():
    Y = np.array([[0, 2, 1, 2, 3]])
    H = one_hot(Y, 4)
    assert H.shape == (4, 5)
    np.testing.assert_array_equal(H[:, 1], [0, 0, 1, 0])
    np.testing.assert_array_equal(H.sum(axis=0), 1)
    np.testing.assert_array_equal(np.argmax(H, axis=0).reshape(1, -1), Y)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 10).flatmap(
        lambda C: st.tuples(st.just(C), st.lists(st.integers(0, C - 1), min_size=1, max_size=30))
    )
)
def test_one_hot_round_trip_property(case):
    C, labels = case
    Y = np.array(labels, dtype=float).reshape(1, -1)
    H = one_hot(Y, C)
    assert H.shape == (C, Y.shape[1])
    np.testing.assert_array_equal(np.argmax(H, axis=0), labels)
    np.testing.assert_array_equal(H.sum(axis=0), 1)


@pytest.mark.parametrize("labels", [[[0, 1, 3]], [[-1, 0, 1]], [[0, 5, 2]]])
def test_one_hot_refuses_labels_out_of_range(labels):
    with pytest.raises(ValueError, match=r"0\.\.2"):
        one_hot(np.array(labels), 3)


def test_standardize_uses_training_statistics_only():
    rng = np.random.default_rng(0)
    X_train = rng.normal(loc=[[5.0], [-3.0]], scale=[[2.0], [0.5]], size=(2, 500))
    # shifted by one unit
    X_test = rng.normal(loc=[[6.0], [-3.0]], scale=[[2.0], [0.5]], size=(2, 100))
    before = X_train.copy(), X_test.copy()
    train, test = standardize(X_train, X_test)
    np.testing.assert_allclose(train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(train.std(axis=1), 1, rtol=1e-12)
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    np.testing.assert_allclose(test, (X_test - mu) / sigma, rtol=1e-12)
    assert test[0].mean() > 0.3  # the test set keeps its shift: not re-centred on its own mean
    np.testing.assert_array_equal(X_train, before[0])
    np.testing.assert_array_equal(X_test, before[1])


def test_standardize_single_array_and_constant_feature():
    X = np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 4.0]])
    scaled = standardize(X)
    assert isinstance(scaled, np.ndarray)
    np.testing.assert_array_equal(scaled[1], 0.0)  # σ = 0: no division by zero
    assert np.all(np.isfinite(scaled))


def test_one_hot_refuses_fractional_labels():
    # probabilities passed by mistake must not be truncated silently to class 0
    with pytest.raises(ValueError, match="whole numbers"):
        one_hot(np.array([[0.2, 0.9, 0.6]]), 2)
    with pytest.raises(ValueError, match="1.5"):
        one_hot(np.array([[0, 1.5]]), 3)


# ---- c2w1 data sets ------------------------------------------------------------------------------


def test_load_overfit_moons():
    X, Y = load_overfit_moons()
    assert X.shape == (2, 600) and Y.shape == (1, 600)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.sum() == 300
    X_ref, y_ref = sklearn.datasets.make_moons(n_samples=600, noise=0.3, random_state=0)
    np.testing.assert_array_equal(X, X_ref.T)
    np.testing.assert_array_equal(Y[0], y_ref)
    X2, Y2 = load_overfit_moons()
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    X_small, Y_small = load_overfit_moons(200, noise=0.1, seed=3)
    assert X_small.shape == (2, 200) and Y_small.shape == (1, 200)
    assert not np.array_equal(load_overfit_moons(seed=1)[0], X)


def test_load_circles_follows_the_recipe():
    data = load_circles()
    assert isinstance(data, Dataset)
    assert data.X_train.shape == (2, 300) and data.Y_train.shape == (1, 300)
    assert data.X_test.shape == (2, 100) and data.Y_test.shape == (1, 100)
    assert data.classes == ("outer", "inner")
    X_ref, y_ref = sklearn.datasets.make_circles(n_samples=300, noise=0.05, random_state=1)
    np.testing.assert_array_equal(data.X_train, X_ref.T)
    np.testing.assert_array_equal(data.Y_train[0], y_ref)
    X_ref, y_ref = sklearn.datasets.make_circles(n_samples=100, noise=0.05, random_state=2)
    np.testing.assert_array_equal(data.X_test, X_ref.T)
    np.testing.assert_array_equal(data.Y_test[0], y_ref)
    radius = np.linalg.norm(data.X_train, axis=0)
    # class 1 is the inner circle
    assert radius[data.Y_train[0] == 1].mean() < radius[data.Y_train[0] == 0].mean()
    np.testing.assert_array_equal(load_circles().X_train, data.X_train)


# ---- normalization (c2w1) ------------------------------------------------------------------------


def test_normalization_stats_and_normalize():
    X_train = np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 10.0, 10.0]])
    mu, sigma = normalization_stats(X_train)
    assert mu.shape == sigma.shape == (2, 1)
    np.testing.assert_allclose(mu, [[3.0], [10.0]])
    # σ² = (4 + 1 + 0 + 9) / 4; a constant feature: σ = 1
    np.testing.assert_allclose(sigma, [[np.sqrt(3.5)], [1.0]])
    np.testing.assert_allclose(normalize(np.array([[3.0], [12.0]]), mu, sigma), [[0.0], [2.0]])


def test_normalize_refuses_the_wrong_layout():
    mu, sigma = normalization_stats(np.random.default_rng(0).standard_normal((3, 20)))
    with pytest.raises(
        ValueError,
        match=r"X must be \(n_x, m\) = \(3, m\) with examples as "
        r"columns; got \(5, 3\) — did you mean X.T",
    ):
        normalize(np.zeros((5, 3)), mu, sigma)
    with pytest.raises(ValueError, match="examples as columns"):
        normalization_stats(np.zeros(5))
    with pytest.raises(ValueError, match="X_train contains 1 NaN"):
        normalization_stats(np.array([[1.0, np.nan]]))


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 5),
    st.integers(2, 60),
    st.floats(-1e3, 1e3),
    st.floats(1e-2, 1e3),
    st.integers(0, 2**32 - 1),
)
def test_normalized_train_features_have_mean_zero_and_std_one(n_x, m, loc, scale, seed):
    rng = np.random.default_rng(seed)
    X_train = loc + scale * rng.standard_normal((n_x, m)) * rng.uniform(0.5, 2.0, (n_x, 1))
    X_dev = loc + scale * rng.standard_normal((n_x, 7))
    before = X_train.copy(), X_dev.copy()
    train, dev = standardize(X_train, X_dev)
    np.testing.assert_allclose(train.mean(axis=1), 0, atol=1e-9)
    np.testing.assert_allclose(train.std(axis=1), 1, rtol=1e-9)
    mu, sigma = normalization_stats(X_train)
    np.testing.assert_array_equal(dev, normalize(X_dev, mu, sigma))  # dev uses the training μ and σ
    np.testing.assert_allclose(
        dev,
        (X_dev - X_train.mean(axis=1, keepdims=True)) / X_train.std(axis=1, keepdims=True),
        rtol=1e-9,
        atol=1e-9,
    )
    np.testing.assert_array_equal(X_train, before[0])
    np.testing.assert_array_equal(X_dev, before[1])


@pytest.mark.parametrize("make", [lambda v: v.ravel(), lambda v: v.T])
def test_normalize_refuses_mu_and_sigma_that_are_not_columns(make):
    X = np.arange(12.0).reshape(2, 6)
    mu, sigma = normalization_stats(X)
    with pytest.raises(
        ValueError,
        match=r"μ must be a column \(n_x, 1\), as "
        r"normalization_stats returns it \(axis=1",
    ):
        normalize(X, make(mu), sigma)


def test_load_digits_32_is_load_digits_data_upsampled():
    X_train, y_train, X_test, y_test = load_digits_32()
    assert X_train.shape == (1347, 1, 32, 32) and X_test.shape == (450, 1, 32, 32)
    assert X_train.dtype == np.float32 and y_train.dtype == np.int64 and y_test.shape == (450,)
    assert X_train.min() >= 0.0 and X_train.max() <= 1.0 and X_train.max() > 0.9
    data = load_digits_data()
    # the same split, in the same order
    np.testing.assert_array_equal(y_train, data.Y_train.ravel())
    np.testing.assert_array_equal(y_test, data.Y_test.ravel())
    # back to 8×8: each block's centre
    small = X_test[:, 0].reshape(450, 8, 4, 8, 4)[:, :, 1:3, :, 1:3].mean(axis=(2, 4))
    original = data.X_test.T.reshape(450, 8, 8)
    assert all(
        np.corrcoef(a.ravel(), b.ravel())[0, 1] > 0.95 for a, b in zip(small, original, strict=True)
    )
    assert (
        np.abs(small - original).mean() < 0.06 < np.abs(small - np.roll(original, 1, axis=0)).mean()
    )
    other = load_digits_32(test_fraction=0.3, seed=1)
    assert len(other[3]) == 540 and not np.array_equal(other[1][:100], y_train[:100])


# ---- c3w2: two sources of one task (clean "web" digits, degraded "app" digits) -------------------


def test_digit_sources_shapes_range_and_disjoint_images():
    from course_lib.datasets import load_digit_sources

    sources = load_digit_sources()
    assert sources.X_web.shape == (64, 997) and sources.Y_web.shape == (1, 997)
    assert sources.X_app.shape == (64, 800) and sources.Y_app.shape == (1, 800)
    for X in (sources.X_web, sources.X_app):
        assert X.min() >= 0.0 and X.max() <= 1.0
    assert set(np.unique(sources.Y_app)) == set(range(10)) and set(np.unique(sources.Y_web)) == set(
        range(10)
    )
    digits = sklearn.datasets.load_digits()
    web_rows = {tuple(column) for column in (sources.X_web.T * 16).round().astype(int)}
    # web images are the clean digits
    assert len(web_rows & {tuple(row) for row in digits.data.astype(int)}) == len(web_rows)
    assert (
        np.bincount(np.r_[sources.Y_web[0], sources.Y_app[0]].astype(int)).tolist()
        == np.bincount(digits.target).tolist()
    )


def test_digit_sources_are_deterministic_and_seeded():
    from course_lib.datasets import load_digit_sources

    a, b, c = load_digit_sources(seed=0), load_digit_sources(seed=0), load_digit_sources(seed=1)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a.X_app, c.X_app)
    small = load_digit_sources(m_app=100, noise=0.0, blur=0.0, contrast=1.0)
    assert small.X_app.shape == (64, 100)
    assert small.X_app.max() <= 1.0 and np.all(
        np.isin(np.round(small.X_app * 16, 9), np.arange(17))
    )  # nothing changed


def test_degraded_digits_are_blurred_lower_contrast_and_noisy():
    from course_lib.datasets import degrade_digits

    X, _ = load_digits_data().X_train, None
    out = degrade_digits(X, np.random.default_rng(0))
    assert out.shape == X.shape and out.min() >= 0 and out.max() <= 1
    assert not np.shares_memory(out, X)
    # lower contrast: the brightest pixel is dimmer
    assert out.max(axis=0).mean() < X.max(axis=0).mean()
    assert np.abs(out - X).mean() > 0.05
    np.testing.assert_array_equal(out, degrade_digits(X, np.random.default_rng(0)))
    plain = degrade_digits(X, np.random.default_rng(0), blur=0.0, contrast=1.0, noise=0.0)
    np.testing.assert_allclose(plain, X)


def test_degrade_with_few_noise_patterns_reuses_them():
    from course_lib.datasets import degrade_digits

    # mid grey: the noise is not clipped, so each image shows its pattern exactly
    X = np.full((64, 50), 0.5)
    out = degrade_digits(
        X, np.random.default_rng(3), blur=0.0, contrast=1.0, noise=0.05, n_patterns=3
    )
    assert len({tuple(column.round(12)) for column in out.T}) == 3
    fresh = degrade_digits(X, np.random.default_rng(3), blur=0.0, contrast=1.0, noise=0.05)
    assert len({tuple(column.round(12)) for column in fresh.T}) == 50


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"X": np.zeros((50, 64))}, "did you mean X.T"),
        ({"contrast": 0.0}, "0 < contrast"),
        ({"noise": -0.1}, "noise ≥ 0"),
        ({"n_patterns": 0}, "n_patterns must be a whole number"),
        ({"n_patterns": 2.5}, "n_patterns must be a whole number"),
    ],
)
def test_degrade_bad_inputs(kwargs, message):
    from course_lib.datasets import degrade_digits

    arguments = {"X": np.zeros((64, 5)), "rng": 0, **kwargs}
    error = TypeError if isinstance(kwargs.get("n_patterns"), float) else ValueError
    with pytest.raises(error, match=message):
        degrade_digits(**arguments)


def test_digit_sources_bad_size():
    from course_lib.datasets import load_digit_sources

    with pytest.raises(ValueError, match="m_app must be a whole number in 10..1787"):
        load_digit_sources(m_app=5000)
