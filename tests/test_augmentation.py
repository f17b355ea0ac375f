"""course_lib.augmentation (c4w2): transforms keep shapes and labels, are reproducible under a seed,
mirroring twice is the identity, PCA colour augmentation follows Σ α_i λ_i p_i, the DataLoader
dataset gives the same items whatever the number of workers, ten_crops cuts the right windows; and
train_classifier with augment= is deterministic."""

import copy
import multiprocessing
import sys
import threading
import warnings

import numpy as np
import pytest
import torch

from course_lib.architectures import DigitsCNN
from course_lib.augmentation import (
    Augment,
    AugmentedImages,
    ColorPCA,
    color_pca,
    color_shift,
    mirror,
    pca_color,
    random_crop,
    rotate_shear,
    shift_images,
    ten_crops,
)
from course_lib.torch_models import predict_proba, train_classifier, trainer
from course_lib.torch_models.trainer import loader_batches

RNG = np.random.default_rng(0)
GRAY = RNG.random((6, 7))
COLOUR = RNG.random((6, 7, 3))
EVERYTHING = Augment(mirror=True, crop=(6, 6), pad=1, degrees=15, shear=0.2, color=0.1, pca_std=0.1)


# ---------------------------------------------------------------- single transforms


@pytest.mark.parametrize("image", [GRAY, COLOUR], ids=["gray", "colour"])
def test_mirror_flips_left_right_and_twice_is_the_identity(image):
    flipped = mirror(image)
    assert flipped.shape == image.shape
    np.testing.assert_array_equal(flipped[:, 0], image[:, -1])
    # the colour channels are not flipped
    np.testing.assert_array_equal(flipped[2, 3], image[2, 7 - 1 - 3])
    np.testing.assert_array_equal(mirror(flipped), image)
    assert not np.shares_memory(flipped, image)


def test_random_crop_is_a_window_of_the_image_and_seeded():
    image = np.arange(6 * 7, dtype=float).reshape(6, 7)
    seen = set()
    for seed in range(60):
        crop = random_crop(image, (4, 3), seed)
        assert crop.shape == (4, 3)
        top, left = divmod(int(crop[0, 0]), 7)
        np.testing.assert_array_equal(crop, image[top : top + 4, left : left + 3])
        seen.add((top, left))
        # same seed, same window
        np.testing.assert_array_equal(random_crop(image, (4, 3), seed), crop)
    assert seen == {(t, left) for t in range(3) for left in range(5)}  # every position can come up
    np.testing.assert_array_equal(random_crop(image, (6, 7), 0), image)
    assert random_crop(COLOUR, (2, 2), np.random.default_rng(1)).shape == (2, 2, 3)


def test_rotate_shear_keeps_the_shape_and_zero_is_the_identity():
    for image in (GRAY, COLOUR):
        np.testing.assert_allclose(rotate_shear(image), image, atol=1e-12)
        assert rotate_shear(image, 20, 0.3).shape == image.shape
    np.testing.assert_allclose(rotate_shear(GRAY, 360), GRAY, atol=1e-9)
    square = RNG.random((5, 5))
    quarter = rotate_shear(square, 90)
    # a quarter turn about the centre
    assert any(np.allclose(quarter, np.rot90(square, k), atol=1e-9) for k in (1, -1))
    assert not np.allclose(rotate_shear(GRAY, 0, 0.3), GRAY)


def test_color_shift_adds_per_channel_and_clips():
    image = np.full((2, 3, 3), 0.5)
    shifted = color_shift(image, (0.1, -0.2, 0.7))
    np.testing.assert_allclose(shifted[..., 0], 0.6)
    np.testing.assert_allclose(shifted[..., 1], 0.3)
    np.testing.assert_allclose(shifted[..., 2], 1.0)  # 1.2 clipped
    np.testing.assert_array_equal(color_shift(COLOUR, (0, 0, 0)), COLOUR)


def test_color_pca_of_colours_along_one_direction():
    u = np.array([1.0, 0.0, -1.0]) / np.sqrt(2)  # a red–blue axis
    signs = np.array([1, -1, 1, -1]).reshape(2, 2, 1)
    image = 0.5 + 0.1 * signs * u  # four pixels c ± 0.1·u
    pca = color_pca(image)
    assert (
        isinstance(pca, ColorPCA)
        and pca.eigenvalues.shape == (3,)
        and pca.eigenvectors.shape == (3, 3)
    )
    largest = 4 * 0.1**2 / 3  # Σ s² / (n − 1), np.cov's unbiased covariance
    np.testing.assert_allclose(pca.eigenvalues, [0, 0, largest], atol=1e-15)
    assert (pca.eigenvalues >= 0).all()
    np.testing.assert_allclose(abs(pca.eigenvectors[:, 2] @ u), 1.0)
    # α = (0, 0, 2): every pixel moves by 2·λ₃·p₃ along the red–blue axis
    np.testing.assert_allclose(
        pca_color(image, (0, 0, 2), pca), image + 2 * largest * pca.eigenvectors[:, 2], atol=1e-15
    )
    np.testing.assert_allclose(
        pca_color(image, (5, -3, 2)), image + 2 * largest * pca.eigenvectors[:, 2], atol=1e-15
    )


def test_pca_color_is_sum_of_alpha_lambda_p_by_hand():
    c, s = np.cos(0.3), np.sin(0.3)
    P = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])  # columns p₁, p₂, p₃
    pca = ColorPCA(np.array([0.01, 0.02, 0.05]), P)
    alphas = np.array([0.5, -1.0, 2.0])
    image = np.full((2, 2, 3), 0.5)
    shift = sum(alphas[i] * pca.eigenvalues[i] * P[:, i] for i in range(3))
    np.testing.assert_allclose(shift, [0.005 * c + 0.02 * s, 0.005 * s - 0.02 * c, 0.1])
    np.testing.assert_allclose(pca_color(image, alphas, pca), image + shift, rtol=1e-14)
    np.testing.assert_array_equal(pca_color(COLOUR, (0, 0, 0)), COLOUR)  # α = 0: the identity
    bright = pca_color(np.full((2, 2, 3), 0.99), (0, 0, 10), pca)
    assert bright.max() == 1.0  # clipped to [0, 1]


def test_color_pca_of_several_images():
    images = RNG.random((4, 3, 3, 3))
    pca = color_pca(images)
    np.testing.assert_allclose(
        pca.eigenvectors @ np.diag(pca.eigenvalues) @ pca.eigenvectors.T,
        np.cov(images.reshape(-1, 3), rowvar=False),
        atol=1e-14,
    )


# ---------------------------------------------------------------- Augment


def test_augment_keeps_shapes_and_is_reproducible_under_a_seed():
    image = RNG.random((6, 6, 3))
    out = EVERYTHING(image, np.random.default_rng(5))
    assert out.shape == (6, 6, 3) and out.min() >= 0 and out.max() <= 1
    np.testing.assert_array_equal(EVERYTHING(image, np.random.default_rng(5)), out)
    assert not np.allclose(EVERYTHING(image, np.random.default_rng(6)), out)
    gray = Augment(mirror=True, crop=(6, 6), pad=1, degrees=15, shear=0.2)
    assert gray(GRAY[:, :6], np.random.default_rng(0)).shape == (6, 6)
    assert Augment(crop=(4, 5))(GRAY, np.random.default_rng(0)).shape == (4, 5)


def test_augment_without_options_is_the_identity():
    np.testing.assert_array_equal(Augment()(COLOUR, np.random.default_rng(0)), COLOUR)
    assert repr(Augment()) == "Augment()"
    assert (
        repr(Augment(mirror=True, crop=(6, 6), pad=1)) == "Augment(mirror=True, crop=(6, 6), pad=1)"
    )


def test_augment_mirror_only_gives_the_image_or_its_mirror():
    flip = Augment(mirror=True)
    outcomes = [flip(GRAY, np.random.default_rng(seed)) for seed in range(20)]
    mirrored = [np.array_equal(out, mirror(GRAY)) for out in outcomes]
    assert all(m or np.array_equal(out, GRAY) for m, out in zip(mirrored, outcomes, strict=True))
    assert 0 < sum(mirrored) < 20


def test_augment_padding_without_crop_keeps_the_shape():
    """BUG: Augment's docstring promises the input's shape when crop is None, but pad=1 alone gives
    (h + 2, w + 2).

    Either refuse pad without crop in __init__ (ValueError) or keep the shape; both satisfy this
    test."""
    try:
        augment = Augment(pad=1)
    except ValueError:
        return
    assert augment(GRAY, np.random.default_rng(0)).shape == GRAY.shape


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    "call, message",
    [
        pytest.param(
            lambda: mirror(np.zeros((4, 4, 4))),
            r"\(h, w\) or \(h, w, 3\); got shape \(4, 4, " r"4\)",
            id="mirror-4-channels",
        ),
        pytest.param(lambda: mirror(np.zeros(5)), r"got shape \(5,\)", id="mirror-1d"),
        pytest.param(
            lambda: mirror(np.zeros((2, 3, 4, 4))), r"got shape \(2, 3, 4, " r"4\)", id="mirror-4d"
        ),
        pytest.param(
            lambda: random_crop(GRAY, (7, 3)),
            r"the crop \(7, 3\) must fit inside the image " r"\(6, 7\)",
            id="crop-too-tall",
        ),
        pytest.param(lambda: random_crop(GRAY, (3, 8)), "must fit inside", id="crop-too-wide"),
        pytest.param(lambda: random_crop(GRAY, (0, 3)), "must fit inside", id="crop-empty"),
        pytest.param(
            lambda: color_shift(GRAY, (0.1, 0.1, 0.1)),
            r"needs a colour image \(h, w, " r"3\)",
            id="color-shift-gray",
        ),
        pytest.param(
            lambda: pca_color(GRAY, (0, 0, 0)), "needs a colour image", id="pca-color-gray"
        ),
        pytest.param(
            lambda: color_pca(np.zeros((4, 4))),
            r"color_pca needs colour " r"images",
            id="color-pca-2d",
        ),
        pytest.param(
            lambda: color_pca(np.zeros((4, 4, 2))),
            "color_pca needs colour images",
            id="color-pca-2-channels",
        ),
        pytest.param(
            lambda: Augment(pad=-1), "pad must be a whole number ≥ 0; got -1", id="pad-negative"
        ),
        pytest.param(
            lambda: Augment(degrees=-5), "degrees must be ≥ 0; got -5", id="degrees-negative"
        ),
        pytest.param(lambda: Augment(shear=-0.1), "shear must be", id="shear-negative"),
        pytest.param(lambda: Augment(color=float("nan")), "color must be", id="color-nan"),
        pytest.param(lambda: Augment(pca_std=-0.1), "pca_std must be", id="pca-std-negative"),
        pytest.param(
            lambda: Augment(crop=(9, 9))(GRAY, np.random.default_rng(0)),
            "must fit inside",
            id="augment-crop-too-big",
        ),
        pytest.param(
            lambda: Augment(color=0.1)(GRAY, np.random.default_rng(0)),
            "needs a colour image",
            id="augment-color-on-gray",
        ),
        pytest.param(
            lambda: AugmentedImages(np.zeros((4, 8, 8, 1)), np.zeros(4), Augment()),
            r"X \(N, 1 or 3, H, W\).*\(4, 8, 8, 1\)",
            id="dataset-nhwc",
        ),
        pytest.param(
            lambda: AugmentedImages(np.zeros((4, 1, 8, 8)), np.zeros(3), Augment()),
            r"y \(N,\); got \(4, 1, 8, 8\) and \(3,\)",
            id="dataset-label-count",
        ),
        pytest.param(
            lambda: AugmentedImages(np.zeros((1, 8, 8)), np.zeros(1), Augment()),
            "AugmentedImages needs",
            id="dataset-3d",
        ),
        pytest.param(
            lambda: ten_crops(np.zeros((1, 8, 8)), 4),
            r"ten_crops needs images \(N, C, H, " r"W\)",
            id="ten-crops-3d",
        ),
        pytest.param(
            lambda: ten_crops(np.zeros((1, 1, 8, 6)), 7),
            r"whole number in 1..6 for 8×6 " r"images; got 7",
            id="ten-crops-too-big",
        ),
        pytest.param(
            lambda: ten_crops(np.zeros((1, 1, 8, 8)), 0), "crop size", id="ten-crops-zero"
        ),
    ],
)
def test_bad_inputs_raise_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(
            lambda: ten_crops(np.zeros((1, 1, 8, 8)), 4.0), "crop size", id="ten-crops-float"
        ),
        pytest.param(lambda: Augment(pad=1.5), "pad must be a whole number", id="pad-float"),
        pytest.param(
            lambda: Augment(crop=(8, 8.0)), "crop must be a whole number", id="crop-float"
        ),
        pytest.param(
            lambda: Augment(degrees="5"), "degrees must be a number ≥ 0", id="degrees-str"
        ),
    ],
)
def test_arguments_of_the_wrong_type_raise_type_errors(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_a_bad_rng_is_refused():
    with pytest.raises(TypeError, match="rng must be a np.random.Generator or an int seed"):
        random_crop(GRAY, (2, 2), "seed")


# ---------------------------------------------------------------- AugmentedImages and the
# DataLoader

X8 = RNG.random((10, 1, 8, 8)).astype(np.float32)
Y8 = np.arange(10) % 3
X_COLOUR = RNG.random((6, 3, 8, 8)).astype(np.float32)


def test_augmented_images_keep_shapes_and_labels():
    dataset = AugmentedImages(X8, Y8, Augment(mirror=True, crop=(8, 8), pad=1, degrees=10))
    assert len(dataset) == 10
    for i in range(10):
        image, label = dataset[i]
        assert image.shape == (1, 8, 8) and image.dtype == np.float32 and image.flags.c_contiguous
        assert label == Y8[i]
    cropped = AugmentedImages(X_COLOUR, np.zeros(6), Augment(crop=(5, 4), color=0.1, pca_std=0.1))
    assert cropped[0][0].shape == (3, 5, 4)


def test_augmented_images_seeded_by_seed_epoch_and_index():
    augment = Augment(mirror=True, crop=(8, 8), pad=2, degrees=10)
    before = X8.copy()
    dataset = AugmentedImages(X8, Y8, augment, seed=3)
    image = dataset[(4, 1)][0]
    # same seed, same image
    np.testing.assert_array_equal(AugmentedImages(X8, Y8, augment, seed=3)[(4, 1)][0], image)
    expected = augment(X8[4, 0], np.random.default_rng([3, 1, 4]))[None]
    np.testing.assert_array_equal(image, expected.astype(np.float32))
    np.testing.assert_array_equal(dataset[4][0], dataset[(4, 0)][0])  # a plain index is epoch 0
    assert not np.array_equal(dataset[(4, 2)][0], image)  # another epoch, another change
    # another seed
    assert not np.array_equal(AugmentedImages(X8, Y8, augment, seed=4)[(4, 1)][0], image)
    np.testing.assert_array_equal(X8, before)  # the images themselves are never changed


def test_augmented_images_colour_round_trip_without_augmentation():
    dataset = AugmentedImages(X_COLOUR, np.arange(6), Augment())
    for i in range(6):
        np.testing.assert_array_equal(dataset[i][0], X_COLOUR[i])  # NCHW → HWC → NCHW is exact


def test_dataloader_gives_the_same_items_whatever_num_workers():
    dataset = AugmentedImages(X8, Y8, Augment(mirror=True, crop=(8, 8), pad=1, degrees=10), seed=1)
    keys = [
        [(i, epoch) for i in order]
        for epoch, order in enumerate([[3, 1, 4, 0], [9, 2, 6], [5, 3, 5, 8, 7]])
    ]

    def batches(num_workers):
        return [
            (images.numpy(), labels.numpy())
            for images, labels in loader_batches(dataset, keys, num_workers)
        ]

    serial, parallel = batches(0), batches(2)
    assert len(serial) == len(parallel) == 3
    for (images, labels), (images2, labels2), batch in zip(serial, parallel, keys, strict=True):
        np.testing.assert_array_equal(images, images2)
        np.testing.assert_array_equal(labels, labels2)
        np.testing.assert_array_equal(labels, Y8[[i for i, _ in batch]])
        np.testing.assert_array_equal(images, np.stack([dataset[key][0] for key in batch]))


_SEEN_BY_WORKERS = "as imported"


class _WorkerView:
    """A dataset whose items are _SEEN_BY_WORKERS as the process reading them sees it."""

    def __len__(self):
        return 2

    def __getitem__(self, key):
        return _SEEN_BY_WORKERS


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_workers_are_forked_whatever_python_default_and_without_a_warning(monkeypatch):
    """Python 3.14 made forkserver Linux's default and 3.12 warns at a fork() beside threads: the
    workers still fork (they see this process's state, as a notebook's functions), quietly."""
    monkeypatch.setattr(sys.modules[__name__], "_SEEN_BY_WORKERS", "set in this process")
    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("forkserver", force=True)  # Python 3.14's default on Linux
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)  # a second thread, as in a Jupyter kernel
    thread.start()
    try:
        with warnings.catch_warnings(record=True) as caught:  # os.fork() warns, never raises
            warnings.simplefilter("always")
            batches = list(loader_batches(_WorkerView(), [[0, 1]], num_workers=1))
    finally:
        stop.set()
        thread.join()
        multiprocessing.set_start_method(before, force=True)
    assert batches == [["set in this process"] * 2]
    assert [str(w.message) for w in caught if "fork()" in str(w.message)] == []


# ---------------------------------------------------------------- ten_crops and shift_images


def test_ten_crops_corners_centre_and_mirrored_half():
    images = np.arange(2 * 1 * 5 * 6).reshape(2, 1, 5, 6)
    crops = ten_crops(images, 3)
    assert crops.shape == (10, 2, 1, 3, 3)
    # corners top-left, top-right, bottom-left, bottom-right; centre at ((5 − 3)//2, (6 − 3)//2) =
    # (1, 1)
    windows = [
        (slice(0, 3), slice(0, 3)),
        (slice(0, 3), slice(3, 6)),
        (slice(2, 5), slice(0, 3)),
        (slice(2, 5), slice(3, 6)),
        (slice(1, 4), slice(1, 4)),
    ]
    mirrored = images[..., ::-1]
    for k, (rows, cols) in enumerate(windows):
        np.testing.assert_array_equal(crops[k], images[:, :, rows, cols])
        np.testing.assert_array_equal(crops[5 + k], mirrored[:, :, rows, cols])
    # mirrored top-left = the top-right crop, flipped
    np.testing.assert_array_equal(crops[5], crops[1][..., ::-1])
    np.testing.assert_array_equal(crops[0, 0, 0], [[0, 1, 2], [6, 7, 8], [12, 13, 14]])
    five = ten_crops(images, 3, mirror=False)
    assert five.shape == (5, 2, 1, 3, 3)
    np.testing.assert_array_equal(five, crops[:5])
    whole = ten_crops(images, 5)
    np.testing.assert_array_equal(whole[4], images[:, :, :, 0:5])


def test_ten_crops_of_the_whole_image_is_the_image_five_times():
    crops = ten_crops(X8, 8, mirror=False)
    for crop in crops:
        np.testing.assert_array_equal(crop, X8)


def test_shift_images_moves_the_columns_as_images():
    X = np.arange(12, dtype=float).reshape(1, 12).T  # one 3×4 image as a column
    np.testing.assert_array_equal(shift_images(X, (3, 4), 0, 0), X)
    down_right = shift_images(X, (3, 4), 1, 1).T.reshape(3, 4)
    np.testing.assert_array_equal(down_right, [[0, 0, 0, 0], [0, 0, 1, 2], [0, 4, 5, 6]])
    up_left = shift_images(X, (3, 4), -1, -2).T.reshape(3, 4)
    np.testing.assert_array_equal(up_left, [[6, 7, 0, 0], [10, 11, 0, 0], [0, 0, 0, 0]])


# ---------------------------------------------------------------- train_classifier with augment


def easy_images(m=40, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, m)
    X = 0.3 * rng.random((m, 1, 8, 8))
    # class 0 bright at the top, class 1 at the bottom: mirroring keeps the label
    X[y == 0, :, :4, :] += 0.7
    X[y == 1, :, 4:, :] += 0.7
    return X.astype(np.float32), y


AUGMENT = Augment(mirror=True, crop=(8, 8), pad=1)


def _train(model, seed=0, num_workers=0, augment=AUGMENT, epochs=2):
    X, y = easy_images()
    return train_classifier(
        model,
        X,
        y,
        X[:10],
        y[:10],
        epochs=epochs,
        batch_size=8,
        device="cpu",
        seed=seed,
        progress=False,
        augment=augment,
        num_workers=num_workers,
    )


def test_train_classifier_with_augment_is_deterministic_under_a_seed():
    torch.manual_seed(0)
    model = DigitsCNN(num_classes=2)
    a, b, c, plain = (copy.deepcopy(model) for _ in range(4))
    history_a, history_b = _train(a), _train(b)
    assert history_a == history_b
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(p, q)
    assert _train(c, seed=1)["loss"] != history_a["loss"]
    # the augmentation did change the images
    assert _train(plain, augment=None)["loss"] != history_a["loss"]


def test_train_classifier_same_history_whatever_num_workers():
    torch.manual_seed(1)
    model = DigitsCNN(num_classes=2)
    serial, parallel = copy.deepcopy(model), copy.deepcopy(model)
    history_serial, history_parallel = (
        _train(serial, num_workers=0),
        _train(parallel, num_workers=2),
    )
    for key in history_serial:
        np.testing.assert_allclose(
            history_parallel[key], history_serial[key], rtol=1e-6, err_msg=key
        )
    assert history_parallel == history_serial  # same batches, same order: bit for bit on the CPU


def test_train_classifier_with_augment_measures_accuracy_on_the_unchanged_images():
    torch.manual_seed(2)
    model = DigitsCNN(num_classes=2)
    X, y = easy_images()
    history = _train(model, augment=Augment(mirror=True, crop=(8, 8), pad=1, degrees=10), epochs=3)
    assert history["train_accuracy"][-1] == np.mean(predict_proba(model, X).argmax(1) == y)
    assert history["loss"][-1] < history["loss"][0]


def _notebook_shift(image, rng):
    """An augment as a learner defines it in a notebook (its module is __main__)."""
    return np.roll(image, int(rng.integers(-1, 2)), axis=-1)


_notebook_shift.__module__ = "__main__"


def test_a_notebook_augment_with_spawned_workers_runs_in_this_process_with_the_same_result(
    monkeypatch,
):
    """macOS and Windows start DataLoader workers with 'spawn', which cannot import a function
    defined in a notebook: train_classifier warns and augments in this process instead."""
    torch.manual_seed(3)
    model = DigitsCNN(num_classes=2)
    serial, spawned = copy.deepcopy(model), copy.deepcopy(model)
    history_serial = _train(serial, augment=_notebook_shift)
    monkeypatch.setattr(trainer, "WORKER_START_METHOD", "spawn")
    with pytest.warns(UserWarning, match="worker processes started by 'spawn'"):
        history_spawned = _train(spawned, num_workers=2, augment=_notebook_shift)
    assert history_spawned == history_serial
