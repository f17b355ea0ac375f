"""Data augmentation: new training examples from label-preserving changes of images (Course 2 w1, Course 4 w2).

Images are (h, w) grayscale or (h, w, 3) colour arrays with values in [0, 1].
"""
import numpy as np

from course_lib.validation import as_rng


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
    return image[top:top + size[0], left:left + size[1]].copy()


def rotate_shear(image, degrees=0.0, shear=0.0):
    """The image rotated by `degrees` and sheared by `shear` radians about its centre (edges filled by reflection)."""
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


def shift_images(X, image_shape, dy, dx):
    """Each column of X (h·w, m) as an image moved dy pixels down and dx right (zeros fill in); returns (h·w, m)."""
    h, w = image_shape
    images = np.asarray(X, dtype=float).T.reshape(-1, h, w)
    moved = np.zeros_like(images)
    moved[:, max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
        images[:, max(-dy, 0):h + min(-dy, 0), max(-dx, 0):w + min(-dx, 0)]
    return moved.reshape(-1, h * w).T
