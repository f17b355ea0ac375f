"""The playground's data: named 2-D problems on the plane [−6, 6]², the input features φ(x1, x2)."""

import numpy as np

CLASSIFICATION_DATASETS = ("circle", "xor", "gaussian", "spiral", "flower", "moons")
REGRESSION_DATASETS = ("plane", "gaussians")
DATASETS = CLASSIFICATION_DATASETS + REGRESSION_DATASETS + ("own",)
FEATURES = {  # name → (label, φ(x1, x2))
    "x1": ("x₁", lambda x1, x2: x1),
    "x2": ("x₂", lambda x1, x2: x2),
    "x1^2": ("x₁²", lambda x1, x2: x1**2),
    "x2^2": ("x₂²", lambda x1, x2: x2**2),
    "x1x2": ("x₁x₂", lambda x1, x2: x1 * x2),
    "sin_x1": ("sin x₁", lambda x1, x2: np.sin(x1)),
    "sin_x2": ("sin x₂", lambda x1, x2: np.sin(x2)),
}
RADIUS = 6.0  # the plane shown is [−RADIUS, RADIUS]²


def make_dataset(name, m=500, noise=0.0, rng=None):
    """m points of a named 2-D problem on [−6, 6]²: X (2, m) and targets Y (1, m).

    Classification sets give 0/1 labels; "plane" gives y = (x1 + x2)/12 and "gaussians" a sum of
    bumps, both in [−1, 1]. noise ∈ [0, 0.5] moves points (circle, xor, spiral, flower, moons),
    widens the clusters (gaussian) or is added to the targets (regression sets), as the TensorFlow
    Playground does.
    """
    rng = np.random.default_rng(rng)
    if not 0 <= noise <= 0.5:
        raise ValueError(
            f"noise must lie in [0, 0.5] (a fraction of the plane's radius); got {noise}"
        )
    half = m // 2
    if name == "circle":
        r = np.concatenate([rng.uniform(0, 0.5, half), rng.uniform(0.7, 1.0, m - half)]) * 5
        t = rng.uniform(0, 2 * np.pi, m)
        X = np.stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-5, 5, (2, m)) * noise
        y = np.r_[np.ones(half), np.zeros(m - half)]
    elif name == "xor":
        X = rng.uniform(-5, 5, (2, m))
        X += np.where(X > 0, 0.3, -0.3)  # a gap along the axes
        y = (X[0] * X[1] >= 0).astype(float)
        X = X + rng.uniform(-5, 5, (2, m)) * noise
    elif name == "gaussian":
        spread = 0.5 + 7 * noise  # variance grows with noise, from 0.5 to 4
        X = np.concatenate(
            [
                rng.normal(2, np.sqrt(spread), (2, half)),
                rng.normal(-2, np.sqrt(spread), (2, m - half)),
            ],
            axis=1,
        )
        y = np.r_[np.ones(half), np.zeros(m - half)]
    elif name == "spiral":
        parts = []
        for delta, n in ((0.0, half), (np.pi, m - half)):
            i = np.arange(n)
            r, t = i / n * 5, 1.75 * i / n * 2 * np.pi + delta
            parts.append(
                np.stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-1, 1, (2, n)) * noise * 2
            )
        X, y = np.concatenate(parts, axis=1), np.r_[np.ones(half), np.zeros(m - half)]
    elif name == "flower":  # the c1w3 planar flower: r = 4 sin(4θ), two classes of petals
        t = np.concatenate(
            [np.linspace(0, 3.12, half), np.linspace(3.12, 6.24, m - half)]
        ) + rng.normal(0, 0.2, m)
        r = 4 * np.sin(4 * t) + rng.normal(0, 0.2 + 2 * noise, m)
        X, y = np.stack([r * np.sin(t), r * np.cos(t)]), np.r_[np.zeros(half), np.ones(m - half)]
    elif name == "moons":
        t = rng.uniform(0, np.pi, m)
        upper = np.arange(m) < half
        X = np.where(upper, [np.cos(t), np.sin(t)], [1 - np.cos(t), 0.5 - np.sin(t)])
        X = (X - [[0.5], [0.25]]) * 3.5 + rng.normal(0, 0.3 + 4 * noise, (2, m)) * 0.5
        y = (~upper).astype(float)
    elif name in REGRESSION_DATASETS:
        X = rng.uniform(-5, 5, (2, m))
        y = regression_target(name, X) + rng.uniform(-1, 1, m) * noise
    else:
        raise ValueError(
            f"unknown dataset {name!r}; choose one of "
            f"{', '.join(map(repr, DATASETS[:-1]))} "
            "(or pass your own X, Y to the playground)"
        )
    return X, np.asarray(y, dtype=float).reshape(1, m)


def regression_target(name, X):
    """The noiseless targets (m,) of a regression set at the points X (2, m), in [−1, 1]."""
    if name == "plane":
        return (X[0] + X[1]) / 10
    centres = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    return sum(
        sign * np.exp(-((X[0] - cx) ** 2 + (X[1] - cy) ** 2) / 2) for cx, cy, sign in centres
    )


def input_features(X, names):
    """The chosen features φ(x) of the points X (2, m), one row each: (len(names), m)."""
    return np.stack([FEATURES[name][1](X[0], X[1]) for name in names])
