"""The workbook's benchmark (`make bench`): prints, from one run on this machine,
1. course_lib's L-layer training step against the same model in PyTorch (CPU, float64, 1 thread
   each);
2. one epoch of mini-batch Adam against torch.optim.Adam on the same model;
3. the vectorized NumPy conv (and max pool) forward+backward against torch.nn.functional (CPU,
   1 thread; conv targets ≤ 1.2× torch's time in float32, ≤ 0.5× in float64) with its peak traced
   memory, and the lecture's loop version against the vectorized one on a small case;
4. one against two BLAS threads for a training step (why course_lib.setup picks 1);
5. the redraw time of each panel after a control change, first visits (target ≤ 100 ms) and
   revisits of a setting already seen (target ≤ 30 ms), and where a panel computes the
   neighbouring slider positions in the background, a step to a new neighbour after that work;
6. each notebook's run time, executed top to bottom in a fresh kernel on a temporary copy;
7. the playground: redraw time after a control change and while playing (target ≤ 100 ms, as a
   panel's first visit), epochs/s of the default network stepped alone
   and playing in the background with its redraws (target ≥ 20), and traced memory after 10 000
   epochs against after 1 000.
`python tools/bench.py --only playground panels` runs only those sections; `--no-notebooks` skips
section 6. Timings are medians of repeated runs; ratios are what to compare across machines.
"""

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import torch

import course_lib
from course_lib.bias_variance import sweep
from course_lib.conv import (
    conv_backward,
    conv_backward_fast,
    conv_forward,
    conv_forward_fast,
    pool_backward,
    pool_backward_fast,
    pool_forward,
    pool_forward_fast,
)
from course_lib.datasets import (
    daily_temperatures,
    load_breast_cancer_data,
    load_digits_data,
    load_faces,
    load_moons,
    load_overfit_moons,
    load_planar_dataset,
)
from course_lib.network import Model
from course_lib.normalization import standardize
from course_lib.playground import FEATURES, Playground, PlaygroundCore
from course_lib.splits import split_dataset
from course_lib.widgets import (
    BiasVarianceCurvePanel,
    EWAPanel,
    LearningRatePanel,
    MiniBatchPanel,
    OptimizerPanel,
    OutputSizePanel,
    Panel,
    RegularizationPanel,
    ShallowNetworkPanel,
    ThresholdPanel,
)

ROOT = Path(__file__).resolve().parents[1]


def median_time(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def torch_step_fn(layer_dims, X, Y, learning_rate):
    """One gradient-descent step of [LINEAR→RELU]×(L−1)→LINEAR→SIGMOID with BCE in torch float64."""
    layers = []
    for l in range(1, len(layer_dims)):
        layers.append(torch.nn.Linear(layer_dims[l - 1], layer_dims[l], dtype=torch.float64))
        layers.append(torch.nn.ReLU() if l < len(layer_dims) - 1 else torch.nn.Sigmoid())
    net = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(net.parameters(), lr=learning_rate)
    loss_fn = torch.nn.BCELoss()
    Xt, Yt = torch.from_numpy(X.T.copy()), torch.from_numpy(Y.T.copy())

    def step():
        optimizer.zero_grad()
        loss = loss_fn(net(Xt), Yt)
        loss.backward()
        optimizer.step()

    return step


def bench_training_step():
    print("1. One training step (forward, cost, backward, update), float64, 1 thread each")
    flower = load_planar_dataset()
    digits = load_digits_data()
    cases = [
        ("flower [2, 4, 1], m = 400", [2, 4, 1], *flower, 2000),
        (
            "digits [64, 64, 32, 1], m = 1347",
            [64, 64, 32, 1],
            digits.X_train,
            digits.Y_train % 2,
            300,
        ),
        (
            "faces-size [625, 20, 7, 5, 1], m = 1000",
            [625, 20, 7, 5, 1],
            np.random.default_rng(0).random((625, 1000)),
            (np.random.default_rng(1).random((1, 1000)) > 0.5) * 1.0,
            300,
        ),
    ]
    for name, layer_dims, X, Y, steps in cases:
        model = Model(layer_dims, learning_rate=0.01, rng=0)
        ours = (
            median_time(lambda model=model, X=X, Y=Y, steps=steps: model.step(X, Y, steps), 5)
            / steps
        )
        torch_step = torch_step_fn(layer_dims, X, Y, 0.01)
        theirs = (
            median_time(lambda step=torch_step, steps=steps: [step() for _ in range(steps)], 5)
            / steps
        )
        print(
            f"   {name:42s} course_lib {ours * 1e6:8.1f} µs   torch {theirs * 1e6:8.1f} µs   "
            f"ratio {ours / theirs:5.2f}× (target ≤ 1.5×)"
        )


def torch_adam_epoch_fn(layer_dims, batches, learning_rate):
    """One epoch of mini-batch Adam on [LINEAR→RELU]×(L−1)→LINEAR→SIGMOID with BCE, torch
    float64."""
    layers = []
    for l in range(1, len(layer_dims)):
        layers.append(torch.nn.Linear(layer_dims[l - 1], layer_dims[l], dtype=torch.float64))
        layers.append(torch.nn.ReLU() if l < len(layer_dims) - 1 else torch.nn.Sigmoid())
    net = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(net.parameters(), lr=learning_rate, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.BCELoss()
    tensors = [(torch.from_numpy(X.T.copy()), torch.from_numpy(Y.T.copy())) for X, Y in batches]

    def epoch():
        for Xt, Yt in tensors:
            optimizer.zero_grad()
            loss_fn(net(Xt), Yt).backward()
            optimizer.step()

    return epoch


def bench_adam_epoch():
    print(
        "2. One epoch of mini-batch Adam (batches of 64, shuffling included for course_lib), "
        "float64, 1 thread each"
    )
    digits = load_digits_data()
    X, Y = digits.X_train, digits.Y_train % 2
    for name, layer_dims in (
        ("moons [2, 5, 2, 1], m = 300", [2, 5, 2, 1]),
        ("digits [64, 64, 32, 1], m = 1347", [64, 64, 32, 1]),
    ):
        data = load_moons() if layer_dims[0] == 2 else (X, Y)
        model = Model(layer_dims, optimizer="adam", learning_rate=0.001, rng=0)
        ours = median_time(lambda model=model, data=data: model.fit_epochs(*data, 10, 64), 5) / 10
        batches = [
            (data[0][:, k : k + 64], data[1][:, k : k + 64]) for k in range(0, data[0].shape[1], 64)
        ]
        epoch = torch_adam_epoch_fn(layer_dims, batches, 0.001)
        theirs = median_time(lambda epoch=epoch: [epoch() for _ in range(10)], 5) / 10
        print(
            f"   {name:42s} course_lib {ours * 1e3:7.2f} ms   torch {theirs * 1e3:7.2f} ms   "
            f"ratio {ours / theirs:5.2f}× (target ≤ 1.5×)"
        )


def numpy_conv_step_fn(
    A_prev, W, b, hparameters, forward=conv_forward_fast, backward=conv_backward_fast
):
    """conv forward then backward with a fixed dZ (the gradients of all of A_prev, W and b, as torch
    computes them)."""
    dZ = (
        np.random.default_rng(0)
        .standard_normal(forward(A_prev, W, b, hparameters)[0].shape)
        .astype(A_prev.dtype)
    )

    def step():
        _, cache = forward(A_prev, W, b, hparameters)
        return backward(dZ, cache)

    return step


def torch_conv_step_fn(A_prev, W, b, stride, pad):
    """torch.nn.functional.conv2d forward + backward on the same data in NCHW, weight
    (C_out, C_in, f, f)."""
    A_t = torch.from_numpy(A_prev.transpose(0, 3, 1, 2).copy()).requires_grad_()
    W_t = torch.from_numpy(W.transpose(3, 2, 0, 1).copy()).requires_grad_()
    b_t = torch.from_numpy(b.reshape(-1).copy()).requires_grad_()
    dZ_t = None

    def step():
        nonlocal dZ_t
        A_t.grad = W_t.grad = b_t.grad = None
        Z_t = torch.nn.functional.conv2d(A_t, W_t, b_t, stride=stride, padding=pad)
        dZ_t = torch.ones_like(Z_t) if dZ_t is None else dZ_t
        Z_t.backward(dZ_t)

    return step


def paired_times(ours, theirs, repeats):
    """Medians of ours() and theirs() timed in alternation, and the median of the pairs' ratios (a
    change of the machine's load between two runs then moves both)."""
    pairs = [(median_time(ours, 1), median_time(theirs, 1)) for _ in range(repeats)]
    ours_times, theirs_times = zip(*pairs, strict=True)
    ratio = statistics.median(o / t for o, t in pairs)
    return statistics.median(ours_times), statistics.median(theirs_times), ratio


def traced_peak(fn):
    """The peak of memory traced (NumPy's arrays included) while fn() runs, above its start."""
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak - start


CONV_TARGETS = {np.float32: 1.2, np.float64: 0.5}  # × torch's time (issue 24)


def bench_convolution():
    print(
        "3. Convolution: vectorized NumPy conv forward+backward vs torch.nn.functional.conv2d "
        "forward+backward, 1 thread, timed in alternation (ratio: median of the pairs)"
    )
    rng = np.random.default_rng(0)
    for dtype, target in CONV_TARGETS.items():
        A_prev = rng.standard_normal((64, 32, 32, 16)).astype(dtype)
        W = (rng.standard_normal((3, 3, 16, 32)) * 0.1).astype(dtype)
        b = np.zeros((1, 1, 1, 32), dtype=dtype)
        step = numpy_conv_step_fn(A_prev, W, b, {"stride": 1, "pad": 1})
        ours, theirs, ratio = paired_times(step, torch_conv_step_fn(A_prev, W, b, 1, 1), 11)
        name = f"batch 64, 16→32, 32×32, 3×3, pad 1, {np.dtype(dtype).name}"
        print(
            f"   {name:52s} course_lib {ours * 1e3:7.1f} ms   torch {theirs * 1e3:7.1f} ms   "
            f"ratio {ratio:5.2f}× (target ≤ {target}×, {'ok' if ratio <= target else 'OVER'})"
        )
        peak = traced_peak(step)
        Z, cache = conv_forward_fast(A_prev, W, b, {"stride": 1, "pad": 1})
        outputs = Z.nbytes + sum(g.nbytes for g in conv_backward_fast(Z, cache))
        print(
            f"   {'':52s} peak traced memory of one forward+backward {peak / 1e6:5.1f} MB "
            f"(its outputs Z, dA_prev, dW, db: {outputs / 1e6:.1f} MB of it)"
        )
    A_prev = rng.standard_normal((64, 32, 32, 32))
    dA = rng.standard_normal((64, 16, 16, 32))
    ours = median_time(
        lambda: pool_backward_fast(dA, pool_forward_fast(A_prev, {"f": 2, "stride": 2})[1]), 7
    )
    A_t = torch.from_numpy(A_prev.transpose(0, 3, 1, 2).copy()).requires_grad_()
    dA_t = torch.from_numpy(dA.transpose(0, 3, 1, 2).copy())
    theirs = median_time(lambda: torch.nn.functional.max_pool2d(A_t, 2, 2).backward(dA_t), 7)
    print(
        f"   {'max pool 2×2, s 2, batch 64, 32 ch, 32×32, float64':52s} course_lib "
        f"{ours * 1e3:7.1f} ms   "
        f"torch {theirs * 1e3:7.1f} ms   ratio {ours / theirs:5.2f}×"
    )
    digits = rng.standard_normal((1347, 8, 8, 1))
    step = numpy_conv_step_fn(
        digits, rng.standard_normal((3, 3, 1, 8)), np.zeros((1, 1, 1, 8)), {"stride": 1, "pad": 1}
    )
    print(
        f"   {'digits-size: 1347 × 8×8, 1→8, 3×3, pad 1, float64':52s} course_lib "
        f"{median_time(step, 7) * 1e3:7.1f} ms "
        "forward+backward (the c4w1 NumPy CNN's conv layer)"
    )
    print(
        "   The lecture's loop version vs the vectorized one (same results), float64, small case:"
    )
    A_prev, W, b = (
        rng.standard_normal((4, 8, 8, 3)),
        rng.standard_normal((3, 3, 3, 8)),
        rng.standard_normal((1, 1, 1, 8)),
    )
    loop = median_time(
        numpy_conv_step_fn(A_prev, W, b, {"stride": 1, "pad": 1}, conv_forward, conv_backward), 3
    )
    fast = median_time(numpy_conv_step_fn(A_prev, W, b, {"stride": 1, "pad": 1}), 20)
    print(
        f"   {'conv 4 × 8×8, 3→8, 3×3, pad 1':52s} loop {loop * 1e3:7.1f} ms   vectorized "
        f"{fast * 1e3:7.2f} ms   "
        f"speed-up {loop / fast:6.0f}×"
    )
    A_prev = rng.standard_normal((4, 8, 8, 8))
    dA = rng.standard_normal((4, 4, 4, 8))
    hp = {"f": 2, "stride": 2}
    loop = median_time(lambda: pool_backward(dA, pool_forward(A_prev, hp)[1]), 3)
    fast = median_time(lambda: pool_backward_fast(dA, pool_forward_fast(A_prev, hp)[1]), 20)
    print(
        f"   {'max pool 4 × 8×8 × 8, 2×2, s 2':52s} loop {loop * 1e3:7.1f} ms   vectorized "
        f"{fast * 1e3:7.2f} ms   "
        f"speed-up {loop / fast:6.0f}×"
    )


def bench_blas_threads():
    from threadpoolctl import threadpool_limits

    print("4. BLAS threads for the notebooks' training (course_lib.setup uses 1)")
    digits = load_digits_data()
    X, Y = digits.X_train, digits.Y_train % 2
    times = {}
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            model = Model([64, 64, 32, 1], learning_rate=0.01, rng=0)
            times[threads] = median_time(lambda model=model: model.step(X, Y, 100), 5) / 100
    print(
        f"   digits [64, 64, 32, 1] step: 1 thread {times[1] * 1e6:.0f} µs, 2 threads "
        f"{times[2] * 1e6:.0f} µs "
        f"(2 threads take {times[2] / times[1]:.2f}× the time of 1)"
    )


def panel_classes(base=Panel):
    """Every subclass of Panel that course_lib.widgets defines, depth first, in definition order."""
    found = []
    for panel_class in base.__subclasses__():
        found += [panel_class, *panel_classes(panel_class)]
    return found


def overfit_moons_parts():
    sizes = {"train": 200, "dev": 1000, "test": 1000}
    return split_dataset(*load_overfit_moons(m=2200, seed=5), sizes, rng=0)


def regularization_cases():
    parts = overfit_moons_parts()

    def notebook_panel():  # one per case: each starts from the notebook's λ = 0, keep_prob = 1
        return RegularizationPanel(
            parts["train"], parts["dev"], [2, 30, 10, 1], learning_rate=1.0, num_iterations=1000
        )

    return [
        ("c2w1a regularization, λ 0 ↔ 0.7", notebook_panel(), "lambd", [0.7, 0.0]),
        # both with dropout: a move to keep_prob = 1 trains without it, and would halve the cost
        # of the moves a median is taken over
        ("c2w1a regularization, keep_prob 0.86 ↔ 0.8", notebook_panel(), "keep_prob", [0.8, 0.86]),
    ]


def curve_explorer_cases():
    parts = overfit_moons_parts()
    quick_sweep = sweep(
        "λ", [0, 1], lambda lambd: Model([2, 4, 1], lambd=lambd), parts["train"], parts["dev"], 10
    )
    panel = BiasVarianceCurvePanel([quick_sweep, quick_sweep._replace(name="λ again")])
    return [("c2w1a curve explorer, sweep switch", panel, "sweep", ["λ again", "λ"])]


def learning_rate_cases():
    faces = load_faces()
    panel = LearningRatePanel(faces.X_train, faces.Y_train, faces.X_test, faces.Y_test)
    return [("c1w2 learning rate, α 0.005 ↔ 0.01 (faces)", panel, "learning_rate", [0.01, 0.005])]


def threshold_cases():
    cancer = load_breast_cancer_data()
    X_train, X_dev = standardize(cancer.X_train[[0, 1]], cancer.X_test[[0, 1]])
    classifier = Model([2, 1], init="zeros", learning_rate=0.1).fit(X_train, cancer.Y_train, 1000)
    panel = ThresholdPanel(cancer.Y_test, classifier.predict_proba(X_dev))
    return [("c3w1 threshold 0.5 ↔ 0.2 (breast cancer)", panel, "threshold", [0.2, 0.5])]


# how to bench each panel, as its notebook uses it: a function returning
# [(name, panel, the control moved, the two values it alternates between), …]
PANEL_CASES = {
    LearningRatePanel: learning_rate_cases,
    ShallowNetworkPanel: lambda: [
        ("c1w3 explorer, n_h 4 ↔ 5 (flower)", ShallowNetworkPanel(), "n_h", [5, 4])
    ],
    RegularizationPanel: regularization_cases,
    BiasVarianceCurvePanel: curve_explorer_cases,
    MiniBatchPanel: lambda: [
        (
            "c2w2 mini-batch size 64 ↔ 8 (moons)",
            MiniBatchPanel(*load_moons(), [2, 5, 2, 1], 0.05),
            "mini_batch_size",
            [8, 64],
        )
    ],
    EWAPanel: lambda: [
        ("c2w2 EWA, β 0.9 ↔ 0.98", EWAPanel(daily_temperatures()), "beta", [0.98, 0.9])
    ],
    OptimizerPanel: lambda: [
        (
            "c2w2 optimizer path, momentum ↔ adam",
            OptimizerPanel(),
            "optimizer",
            ["adam", "momentum"],
        )
    ],
    ThresholdPanel: threshold_cases,
    OutputSizePanel: lambda: [
        ("c4w1 output size, n = 16 ↔ 6", OutputSizePanel(pad=3), "n", [16, 6])
    ],
}


FIRST_VISIT_TARGET, REVISIT_TARGET = 0.100, 0.030  # seconds, issue 24


def timed_moves(panel, control, values, before_each=None):
    """The time of each move of `control` through `values` (before_each runs untimed first)."""
    times = []
    for value in values:
        if before_each:
            before_each()
        start = time.perf_counter()
        panel.controls[control].value = value
        times.append(time.perf_counter() - start)
    return times


def walk_with_background_work(panel, control, moves):
    """The time of each of up to `moves` steps of `control` to a neighbouring value not visited
    yet (fewer where the slider runs out of them), each after the panel's background work (its
    neighbours computed while the learner looks) has finished: what a learner stepping a slider
    feels."""

    async def walk():
        seen, times = {panel.controls[control].value}, []
        for _ in range(moves + 1):
            if panel._prefetch_task is not None:
                await panel._prefetch_task
            new = [s[control] for s in panel.neighbours([control]) if s[control] not in seen]
            if not new:
                break
            value = new[0]
            seen.add(value)
            start = time.perf_counter()
            panel.controls[control].value = value
            times.append(time.perf_counter() - start)
        return times[1:]  # the first step had no background work before it

    panel.clear_cache()
    return asyncio.run(walk())


def visit_line(kind, times, target):
    median, worst = statistics.median(times), max(times)
    verdict = "ok" if median <= target else "OVER"
    return (
        f"{kind} median {median * 1e3:5.1f} ms, worst {worst * 1e3:5.1f} ms "
        f"({median / target:4.2f}× the {target * 1e3:.0f} ms target, {verdict})"
    )


def bench_widget_redraw(moves=10):
    print(
        "5. Panels: what a learner feels after a control change, with the notebooks' settings "
        "(every Panel subclass; the Playground is in 7). First visit: a setting never seen "
        f"(the panel's cache emptied before each move; target {FIRST_VISIT_TARGET * 1e3:.0f} ms); "
        f"revisit: a setting seen before (target {REVISIT_TARGET * 1e3:.0f} ms); "
        f"median and worst of {moves} moves each"
    )
    panels = panel_classes()
    missing = [panel_class.__name__ for panel_class in panels if panel_class not in PANEL_CASES]
    if missing:
        sys.exit(
            f"no benchmark case for the panel(s) {', '.join(missing)}: "
            "add one to PANEL_CASES in tools/bench.py"
        )
    for panel_class in panels:
        for name, panel, control, pair in PANEL_CASES[panel_class]():
            values = pair * (moves // 2 + moves % 2)
            # a panel without a cache (an older course_lib) computes every move afresh
            forget = getattr(panel, "clear_cache", lambda: None)
            first = timed_moves(panel, control, values[:moves], before_each=forget)
            forget()
            for value in pair:  # both values seen: from here on, revisits
                panel.controls[control].value = value
            revisit = timed_moves(panel, control, values[:moves])
            print(f"   {name}")
            print(f"      {visit_line('first visit', first, FIRST_VISIT_TARGET)}")
            print(f"      {visit_line('revisit    ', revisit, REVISIT_TARGET)}")
            if control in getattr(panel, "prefetch_controls", ()):
                stepped = walk_with_background_work(panel, control, moves)
                line = visit_line("next step  ", stepped, REVISIT_TARGET)
                print(f"      {line}, {len(stepped)} steps after its background work")


def bench_notebooks():
    import nbformat
    from nbclient import NotebookClient

    print("6. Notebooks, top to bottom in a fresh kernel")
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            nb = nbformat.read(copy, as_version=4)
            start = time.perf_counter()
            NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": tmp}},
                # no kernel warning per notebook that its local sockets are unencrypted
                extra_arguments=["--log-level=ERROR"],
            ).execute()
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"   {path.name:42s} {elapsed:6.1f} s (budget 60 s)")
    print(f"   {'all notebooks':42s} {total:6.1f} s (budget 600 s)")


def bench_playground():
    print("7. Playground: redraw, background training of the default network, memory")
    for name, kwargs, control, pair in (
        ("default [2 → 4, 2 → 1], α 0.03 ↔ 0.1", {}, "learning_rate", [0.1, 0.03]),
        (
            "largest [7 → 8×6 → 1], dataset circle ↔ xor",
            {"hidden": (8,) * 6, "features": tuple(FEATURES)},
            "dataset",
            ["xor", "circle"],
        ),
    ):
        pg = Playground(**kwargs)
        moves = timed_moves(pg, control, pair * 5)
        frames = [median_time(pg.redraw, 1) for _ in range(10)]
        print(f"   {name}")
        print(f"      {visit_line('control change + redraw', moves, FIRST_VISIT_TARGET)}")
        print(f"      {visit_line('one frame while playing', frames, FIRST_VISIT_TARGET)}")
    core = PlaygroundCore()
    stepping = median_time(lambda: core.step(100), 5) / 100
    pg = Playground()

    async def play(seconds):
        pg.play()
        await asyncio.sleep(seconds)
        pg.pause()

    start = time.perf_counter()
    asyncio.run(play(5.0))
    playing = pg.core.epoch / (time.perf_counter() - start)
    print(
        f"   default network (circle, m = 500, batch 10): stepped alone {1 / stepping:5.0f} "
        f"epochs/s; playing in the "
        f"background with a redraw every {pg.frame_s:g} s {playing:5.0f} epochs/s "
        f"({playing / 20:.1f}× the 20 epochs/s "
        "target)"
    )
    tracemalloc.start()  # before the core is built: its data, network and history are all counted
    core = PlaygroundCore()
    core.step(1_000)
    after_1000 = tracemalloc.get_traced_memory()[0]
    core.step(9_000)
    after_10000 = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(
        f"   traced memory of the default core: after 1 000 epochs {after_1000 / 1e3:.0f} kB, "
        f"after {core.epoch:,} epochs "
        f"{after_10000 / 1e3:.0f} kB (ratio {after_10000 / after_1000:.3f}, target ≤ 1.05)"
    )


SECTIONS = {
    "training": bench_training_step,
    "adam": bench_adam_epoch,
    "convolution": bench_convolution,
    "blas": bench_blas_threads,
    "panels": bench_widget_redraw,
    "notebooks": bench_notebooks,
    "playground": bench_playground,
}


def parse_arguments(argv=None):
    """The sections to run, from the command line (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="tools/bench.py", description="The workbook's benchmark; prints ratios to compare."
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(SECTIONS),
        metavar="SECTION",
        help=f"run only these sections: {', '.join(SECTIONS)}",
    )
    parser.add_argument("--no-notebooks", action="store_true", help="skip the notebooks' run times")
    arguments = parser.parse_args(argv)
    only = arguments.only or list(SECTIONS)
    return [
        name
        for name in SECTIONS
        if name in only and not (name == "notebooks" and arguments.no_notebooks)
    ]


if __name__ == "__main__":
    sections = parse_arguments()
    print(
        course_lib.setup(),
        f"· torch {torch.__version__} · "
        f"{platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · Python {sys.version.split()[0]}",
    )
    torch.set_num_threads(1)
    for name in sections:
        SECTIONS[name]()
