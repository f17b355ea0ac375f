"""Data augmentation: new training examples from label-preserving changes of images
(Course 2 w1, Course 4 w2).

Images are (h, w) grayscale or (h, w, 3) colour arrays with values in [0, 1]. The random changes
take an `rng`, so the same seed gives the same images; `Augment` chains them, `AugmentedImages`
applies them inside a PyTorch DataLoader's worker processes while the model trains, and `ten_crops`
is the test-time multi-crop.
"""

from typing import NamedTuple

import numpy as np

from course_lib.validation import as_array, as_count, as_number, as_rng, check_shape


def _image(image):
    image = np.asarray(image, dtype=float)
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3):
        raise ValueError(f"an image must be (h, w) or (h, w, 3); got shape {image.shape}")
    return image


def mirror(image):
    """The image flipped left to right."""
    return _image(image)[:, ::-1].copy()


def random_crop(image, size, rng=None):
    """A random size = (h_c, w_c) window of the image."""
    image = _image(image)
    h, w = image.shape[:2]
    if not (0 < size[0] <= h and 0 < size[1] <= w):
        raise ValueError(f"the crop {size} must fit inside the image {(h, w)}")
    rng = as_rng(rng)
    top, left = rng.integers(0, h - size[0] + 1), rng.integers(0, w - size[1] + 1)
    return image[top : top + size[0], left : left + size[1]].copy()


def rotate_shear(image, degrees=0.0, shear=0.0):
    """The image rotated by `degrees` (clockwise as displayed) and sheared by `shear` radians about
    its centre (edges filled by reflection)."""
    from skimage.transform import AffineTransform, warp

    image = _image(image)
    centre = np.array(image.shape[1::-1][:2], dtype=float) / 2 - 0.5
    to_origin, back = AffineTransform(translation=-centre), AffineTransform(translation=centre)
    turn = AffineTransform(rotation=np.deg2rad(degrees), shear=shear)
    return warp(image, (to_origin + turn + back).inverse, mode="reflect")


def color_shift(image, shift):
    """Add shift = (ΔR, ΔG, ΔB) to the three channels of a colour image, clipped to [0, 1]."""
    image = _image(image)
    if image.ndim != 3:
        raise ValueError("color_shift needs a colour image (h, w, 3)")
    return np.clip(image + np.asarray(shift, dtype=float).reshape(1, 1, 3), 0.0, 1.0)


class ColorPCA(NamedTuple):
    """Principal components of the RGB values of a set of images: eigenvalues λ (3,) and
    eigenvectors p (3, 3) as columns."""

    eigenvalues: np.ndarray
    eigenvectors: np.ndarray


def color_pca(images):
    """PCA of the colours of images (..., 3): the eigen-decomposition of the 3×3 covariance of all
    their RGB pixels."""
    pixels = np.asarray(images, dtype=float)
    if pixels.ndim < 3 or pixels.shape[-1] != 3:
        raise ValueError(
            f"color_pca needs colour images (h, w, 3) or (m, h, w, 3); got shape {pixels.shape}"
        )
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(pixels.reshape(-1, 3), rowvar=False))
    return ColorPCA(np.clip(eigenvalues, 0.0, None), eigenvectors)


def pca_color(image, alphas, pca=None):
    """AlexNet's PCA colour augmentation: add p·(α ⊙ λ) = Σ_i α_i λ_i p_i to every pixel, clipped to
    [0, 1].

    alphas (3,) are drawn from N(0, 0.1²) per image in training; pca defaults to color_pca(image)
    (AlexNet used the whole training set's). Large components (a strong red–blue cast) change most,
    as in the lecture.
    """
    image = _image(image)
    if image.ndim != 3:
        raise ValueError("pca_color needs a colour image (h, w, 3)")
    pca = color_pca(image) if pca is None else pca
    shift = pca.eigenvectors @ (np.asarray(alphas, dtype=float) * pca.eigenvalues)
    return np.clip(image + shift.reshape(1, 1, 3), 0.0, 1.0)


class Augment:
    """A random, label-preserving change of one image, drawn from rng: mirror with probability ½
    (mirror=True), a random crop of `crop` = (h, w) (or an int for a square) pixels after
    zero-padding by `pad` (back to the input's
    size when crop is None: a random shift of up to `pad` pixels), a rotation in ±degrees and a
    shear in ±shear radians, a colour shift in ±color per channel and a PCA colour shift with α ~
    N(0, pca_std²). Options left at 0 are off.

    `augment(image, rng)` returns a new array of the output shape
    (crop, or the input's when crop is None).
    """

    def __init__(
        self, mirror=False, crop=None, pad=0, degrees=0.0, shear=0.0, color=0.0, pca_std=0.0
    ):
        if crop is not None:
            pair = (crop, crop) if np.ndim(crop) == 0 else tuple(crop)
            if len(pair) != 2:
                raise ValueError(
                    f"crop must be None, a whole number ≥ 1 or a pair (h, w) of them; got {crop!r}"
                )
            note = " (or a pair (h, w) of them, or None)"
            crop = tuple(as_count(c, "crop", 1, note=note) for c in pair)
        self.mirror, self.crop, self.pad = bool(mirror), crop, as_count(pad, "pad")
        self.degrees = as_number(degrees, "degrees", low=0)
        self.shear = as_number(shear, "shear", low=0)
        self.color = as_number(color, "color", low=0)
        self.pca_std = as_number(pca_std, "pca_std", low=0)

    def __call__(self, image, rng):
        image = original = _image(image)
        if self.mirror and rng.random() < 0.5:
            image = mirror(image)
        crop = self.crop if self.crop is not None else (image.shape[:2] if self.pad else None)
        if self.pad:
            padding = ((self.pad, self.pad), (self.pad, self.pad)) + ((0, 0),) * (image.ndim - 2)
            image = np.pad(image, padding)
        if crop is not None:
            image = random_crop(image, crop, rng)
        if self.degrees or self.shear:
            image = rotate_shear(
                image,
                rng.uniform(-self.degrees, self.degrees),
                rng.uniform(-self.shear, self.shear),
            )
        if self.color:
            image = color_shift(image, rng.uniform(-self.color, self.color, size=3))
        if self.pca_std:
            image = pca_color(image, rng.normal(0.0, self.pca_std, size=3))
        # a new array even when nothing (or only a crop, a view) changed it: the caller's is theirs
        return image.copy() if np.may_share_memory(image, original) else image

    def __repr__(self):
        options = {
            "mirror": self.mirror,
            "crop": self.crop,
            "pad": self.pad,
            "degrees": self.degrees,
            "shear": self.shear,
            "color": self.color,
            "pca_std": self.pca_std,
        }
        return "Augment(" + ", ".join(f"{k}={v!r}" for k, v in options.items() if v) + ")"


class AugmentedImages:
    """A map-style dataset for torch.utils.data.DataLoader: item (index, epoch) is augment applied
    to image X[index] with rng = default_rng([seed, epoch, index]) — the same images whatever the
    number of worker processes.

    X is (N, C, H, W) float32 (PyTorch's layout), y (N,) labels; items are
    (image (C, h, w) float32, label).
    """

    def __init__(self, X, y, augment, seed=0):
        self.X, self.y, self.augment, self.seed = (
            np.asarray(X, dtype=np.float32),
            np.asarray(y),
            augment,
            seed,
        )
        if self.X.ndim != 4 or self.X.shape[1] not in (1, 3) or len(self.y) != len(self.X):
            raise ValueError(
                f"AugmentedImages needs X (N, 1 or 3, H, W) and y (N,); got "
                f"{self.X.shape} and {self.y.shape}"
            )

    def __len__(self):
        return len(self.X)

    def __getitem__(self, key):
        index, epoch = key if isinstance(key, tuple) else (key, 0)
        image = self.X[index].transpose(1, 2, 0)  # (H, W, C) for the NumPy transforms
        image = image[:, :, 0] if image.shape[2] == 1 else image
        out = self.augment(image, np.random.default_rng([self.seed, epoch, index]))
        out = out[None] if out.ndim == 2 else out.transpose(2, 0, 1)
        return np.ascontiguousarray(out, dtype=np.float32), self.y[index]


def ten_crops(images, size, mirror=True):
    """The test-time multi-crop of images (N, C, H, W): the four corner and the centre size × size
    crops, and the same five of the mirrored images when mirror=True (the "10-crop"); returns
    (crops, N, C, size, size)."""
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"ten_crops needs images (N, C, H, W); got shape {images.shape}")
    H, W = images.shape[2:]
    size = as_count(size, "the crop size", 1, min(H, W), note=f" for {H}×{W} images")
    top, left = (H - size) // 2, (W - size) // 2
    corners = [(0, 0), (0, W - size), (H - size, 0), (H - size, W - size), (top, left)]
    views = [images, images[..., ::-1]] if mirror else [images]
    return np.stack([view[:, :, i : i + size, j : j + size] for view in views for i, j in corners])


def shift_images(X, image_shape, dy, dx):
    """Each column of X (h·w, m) as an image moved dy pixels down and dx right (zeros fill in);
    returns (h·w, m)."""
    if not isinstance(image_shape, (tuple, list)) or len(image_shape) != 2:
        raise TypeError(
            f"image_shape must be a pair (h, w) such as (8, 8); got {image_shape!r:.60}"
        )
    h, w = (as_count(size, "image_shape", 1) for size in image_shape)
    dy = as_count(dy, "dy", -(h - 1), h - 1, note=" (pixels down; negative moves up)")
    dx = as_count(dx, "dx", -(w - 1), w - 1, note=" (pixels right; negative moves left)")
    X = as_array(X, "X")
    check_shape(X, (h * w, None), "X", f"one flattened {h}×{w} image per column ({h * w}, m)")
    images = X.T.reshape(-1, h, w)
    moved = np.zeros_like(images)
    moved[:, max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = images[
        :, max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
    ]
    return moved.reshape(-1, h * w).T
