"""The framework every check is built on: run the learner's function safely, compare with the
reference, name the usual mistake, print ✓ or raise CheckFailed.

A check builds its cases as [(case description, [mismatch(...) or entry(...), …]), …] from what
call(...) returned, and hands them to run(...).
"""

import inspect

import numpy as np

from course_lib.workbook.copies import unwritten_function


class CheckFailed(AssertionError):
    """The learner's function gave a wrong answer on one of the cases; the message says which and
    why."""


def _describe(value):
    """value for a message: a number to 6 digits, or an array's shape and first and last entries."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return f"{float(value):.6g}"
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=6, threshold=8, edgeitems=2)
        return f"array of shape {value.shape}: {text}"
    return repr(value)


def mismatch(label, got, expected, mistakes=()):
    """None when got ≈ expected; otherwise a sentence saying what differs and, if recognised,
    why."""
    if got is None:
        return f"{label} is None — did you forget a `return`?"
    expected_array = np.asarray(expected, dtype=float)
    try:
        got_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"{label} should be numeric like {_describe(expected)}; got {type(got).__name__}"
    if got_array.shape != expected_array.shape:
        hint = ""
        if got_array.shape == expected_array.shape[::-1]:
            hint = " — it looks transposed (check which factor gets the .T)"
        elif expected_array.ndim == 2 and got_array.ndim == 1:
            hint = (
                " — it is 1-D: keep the second axis (keepdims=True in a sum, or shape "
                f"{expected_array.shape} when you create it)"
            )
        elif expected_array.ndim == 0 and got_array.size == 1:
            hint = " — it should be a plain number: use float(...) or np.squeeze(...)"
        elif (
            expected_array.ndim == 2
            and expected_array.shape[1] == 1
            and got_array.ndim == 2
            and got_array.shape[0] == 1
        ):
            hint = " — sum over the examples, not the units: np.sum(..., axis=1, keepdims=True)"
        elif got_array.size > expected_array.size:
            hint = " — a broadcast made it too big: check the axis of a sum and the shapes you add"
        return f"{label} has shape {got_array.shape}, expected {expected_array.shape}{hint}"
    if np.allclose(got_array, expected_array, rtol=1e-6, atol=1e-9):
        return None
    values = f"expected {_describe(expected_array)}, got {_describe(got_array)}"
    for description, wrong in mistakes:
        if np.shape(wrong) == got_array.shape and np.allclose(
            got_array, wrong, rtol=1e-6, atol=1e-9
        ):
            # the recognised mistake first; the values only where they are short enough to read
            shown = f" ({values})" if got_array.size <= 12 else ""
            return f"{label} is wrong{shown} — that is what you get when {description}"
    return f"{label} is wrong: {values}"


def entry(name, got_dict, key, expected, mistakes=()):
    """mismatch for got_dict[key], saying so when the key is missing rather than None."""
    if key not in got_dict:
        return f'{name}["{key}"] is missing from the dict you return'
    return mismatch(f'{name}["{key}"]', got_dict[key], expected, mistakes)


def run(name, cases):
    """cases: [(case description, [mismatch or None, …]), …]; print ✓ or raise CheckFailed.

    Per case it reports a recognised mistake first, else the first problem in the order given."""
    for description, problems in cases:
        problems = sorted((p for p in problems if p), key=lambda p: "that is what you get" not in p)
        if problems:
            more = (
                f"\n  (and {len(problems) - 1} more wrong value(s) in this case)"
                if len(problems) > 1
                else ""
            )
            raise CheckFailed(f"✗ {name} fails on {description}:\n  {problems[0]}{more}")
    print(f"✓ {name} passes all {len(cases)} cases")


def _shapes(args):
    """The shapes of a call's arguments, for the message about a shape error in the learner's
    code."""

    def shape(a):
        if isinstance(a, dict):
            return "{" + ", ".join(f"{k}: {shape(v)}" for k, v in a.items()) + "}"
        if isinstance(a, (list, tuple)):
            return f"{type(a).__name__} of {len(a)}"
        return str(np.shape(a)) if np.ndim(a) else repr(a)

    return ", ".join(shape(a) for a in args)


def _snapshot(value):
    """A copy of an array or of a dict of arrays, to see afterwards whether the learner's code
    changed it."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict) and all(isinstance(v, np.ndarray) for v in value.values()):
        return {k: v.copy() for k, v in value.items()}
    return None


def _unchanged(value, snapshot):
    """Whether value still equals the _snapshot taken before the call."""
    if isinstance(snapshot, np.ndarray):
        return np.array_equal(value, snapshot, equal_nan=True)
    return value.keys() == snapshot.keys() and all(
        np.array_equal(value[k], snapshot[k], equal_nan=True) for k in snapshot
    )


def call(name, fn, *args):
    """fn(*args), with the learner's exceptions turned into a CheckFailed that says what to look
    at, and a CheckFailed if fn changed one of its array (or dict of arrays) inputs in place."""
    snapshots = [_snapshot(arg) for arg in args]
    try:
        result = fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError as error:
        stub = unwritten_function(error)
        if stub and stub != name:
            raise CheckFailed(
                f"✗ {name} calls your {stub}, which is not written yet: finish the exercise "
                f"`def {stub}` above (and its check) first, then run this check again"
            ) from None
        raise CheckFailed(
            f"✗ {name} is not written yet: replace the `raise NotImplementedError` with your code"
        ) from None
    except Exception as error:
        hint = ""
        text = str(error)
        if "only 0-dimensional" in text or "only length-1" in text or "only size-1" in text:
            hint = (
                "\n  float(x), int(x), math.exp(x) and friends take one number: use x.item() (or "
                "np.squeeze(x)) for an array holding one value such as b (1, 1, 1); on whole "
                "arrays use np.exp, np.log, …"
            )
        elif (
            isinstance(error, TypeError)
            and "positional argument" in text
            and error.__traceback__.tb_next is None  # raised by the call itself: the def line
        ):
            hint = (
                "\n  the check calls it the way the exercise's `def` line reads: keep that line "
                "as given (its arguments, their order, and the `rng` where there is one: the "
                "workbook passes a NumPy Generator instead of seeding np.random)"
            )
        elif isinstance(error, ValueError) and any(
            word in text for word in ("shape", "broadcast", "aligned", "dimension")
        ):
            hint = (
                f"\n  a shape mismatch inside your code; the inputs had shapes {_shapes(args)} — "
                "write each step's shape next to it and compare with the formula"
            )
        raise CheckFailed(f"✗ {name} raised {type(error).__name__}: {error}{hint}") from error
    for position, (arg, snapshot) in enumerate(zip(args, snapshots, strict=True)):
        if snapshot is not None and not _unchanged(arg, snapshot):
            try:
                arg_name = list(inspect.signature(fn).parameters)[position]
            except (TypeError, ValueError, IndexError):
                arg_name = f"argument {position + 1}"
            raise CheckFailed(
                f"✗ {name} changed its input `{arg_name}` in place (as `{arg_name} -= …` or "
                f"`{arg_name}[…] = …` do): compute new arrays instead, so the caller's data stay "
                "as they were"
            )
    return result


def softmax_output_mistakes(logits, name):
    """The two ways a model hides its logits from a cross-entropy loss that takes logits, as
    mistakes=[…] for mismatch: logits is the expected (m, C) torch tensor, name its name."""
    import torch

    why = f"return the logits {name} — the cross-entropy loss applies the log-softmax itself"
    return [
        (f"a softmax is applied to the output: {why}", torch.softmax(logits, dim=1)),
        (f"a log-softmax is applied to the output: {why}", torch.log_softmax(logits, dim=1)),
    ]
