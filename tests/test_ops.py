"""The op table: course_lib's math functions, each once, and three test families generated from it.

(a) an op's backward equals the numerical gradient (two-sided differences, float64);
(b) its forward (and backward) equal its PyTorch twin's (float64, torch.autograd);
(c) it mutates none of its inputs, and its outputs are new arrays (writing into them changes no
    input).

An op's forward maps inputs to one output; its backward maps (dout, *inputs) to the gradients of
J = Σ dout ⊙ forward(*inputs) with respect to the inputs listed in `wrt`. Where the course's
functions scale a gradient (dW and db carry the 1/m of the cost, dγ and dβ too), the op's backward
undoes it.
"""

import copy
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch_reference import TORCH_FORWARD

from course_lib import activations, batchnorm, conv, dense, losses, regularization
from course_lib.gradcheck import numerical_gradient, relative_difference

# ---- the course_lib functions under test: the one place that names them ------------------------
# (a rename in course_lib is fixed here and nowhere else)
ACTIVATION = {  # name: (g, its backward dZ = dA · g'(Z))
    "sigmoid": (activations.sigmoid, activations.sigmoid_backward),
    "tanh": (activations.tanh, activations.tanh_backward),
    "relu": (activations.relu, activations.relu_backward),
    "leaky_relu": (activations.leaky_relu, activations.leaky_relu_backward),
    # the "linear" key's functions are being renamed (identity, identity_backward): take them from
    # the registry, which has them under either name
    "linear": activations.get_activation("linear"),
    "softmax": (activations.softmax, activations.softmax_backward),
}
linear_forward, linear_backward = dense.linear_forward, dense.linear_backward
linear_activation_forward = dense.linear_activation_forward
linear_activation_backward = dense.linear_activation_backward
compute_cost, squared_error_cost = losses.compute_cost, losses.squared_error_cost
multilabel_cost, multilabel_cost_backward = losses.multilabel_cost, losses.multilabel_cost_backward
batchnorm_forward, batchnorm_backward = batchnorm.batchnorm_forward, batchnorm.batchnorm_backward
CONV = {
    "loop": (conv.conv_forward, conv.conv_backward),
    "fast": (conv.conv_forward_fast, conv.conv_backward_fast),
}
zero_pad = conv.zero_pad
POOL = {
    "loop": (conv.pool_forward, conv.pool_backward),
    "fast": (conv.pool_forward_fast, conv.pool_backward_fast),
}
dropout_forward, dropout_backward = regularization.dropout_forward, regularization.dropout_backward
l2_cost, l1_cost = regularization.l2_cost, regularization.l1_cost
penalty_gradient = regularization.penalty_gradient


@dataclass(frozen=True)
class Op:
    """One function and how to test it; see the module docstring."""

    name: str
    forward: Callable  # forward(*inputs) -> an array or a float
    inputs: Callable  # inputs(rng, case) -> arrays and plain settings (hparameters, keep_prob)
    cases: tuple  # the shapes (and settings) every family runs over
    wrt: tuple = ()  # indices of the inputs that backward differentiates
    backward: Callable | None = None  # backward(dout, *inputs) -> one gradient per index in wrt
    torch: Callable | None = None  # the forward in torch; arrays arrive as float64 tensors
    grad_tol: float = 1e-7  # relative_difference(numerical, backward) must stay below it
    forward_tol: tuple = (1e-12, 1e-14)  # (rtol, atol) against torch
    backward_tol: tuple = (1e-10, 1e-14)


# ---- inputs ------------------------------------------------------------------------------------


def away_from_kink(rng, shape, gap=1e-3):
    """Standard normal entries with |z| ≥ gap, so a ±1e-7 step never crosses the ReLU kink."""
    Z = rng.standard_normal(shape) * 2
    Z[np.abs(Z) < gap] = gap
    return Z


def dense_layer(rng, case, gap=1e-3):
    """A_prev (n_prev, m), W (n, n_prev), b (n, 1), drawn again until no Z = W A_prev + b is within
    gap of 0 (the ReLU kink)."""
    n_prev, n, m = case
    while True:
        A_prev, W = rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev))
        b = rng.standard_normal((n, 1))
        if np.min(np.abs(W @ A_prev + b)) > gap:
            return A_prev, W, b


def probabilities(rng, shape):
    """Sigmoid outputs in (0.05, 0.95) for one row, softmax columns for several."""
    Z = rng.standard_normal(shape)
    return activations.sigmoid(Z) * 0.9 + 0.05 if shape[0] == 1 else activations.softmax(Z)


def labels(rng, shape):
    """0/1 labels for one row, one-hot columns for several."""
    if shape[0] == 1:
        return (rng.random(shape) < 0.5) * 1.0
    return np.eye(shape[0])[:, rng.integers(0, shape[0], shape[1])]


def multilabel_example(rng, shape, missing=0.3):
    AL = activations.sigmoid(rng.standard_normal(shape))
    Y = (rng.random(shape) < 0.5) * 1.0
    Y[rng.random(shape) < missing] = np.nan
    return AL, Y


def bn_layer(rng, case):
    """Z (n, m) with rows of different means and spreads; γ, β away from 1 and 0; ε."""
    (n, m), epsilon = case
    Z = rng.standard_normal((n, m)) * 2 * rng.uniform(0.5, 2, (n, 1)) + rng.standard_normal((n, 1))
    return Z, 1 + 0.5 * rng.standard_normal((n, 1)), 0.3 * rng.standard_normal((n, 1)), epsilon


def conv_layer(rng, case, m=2, n_H=5, n_W=4, n_C_prev=2, n_C=3):
    f, stride, pad = case
    A_prev = rng.standard_normal((m, n_H, n_W, n_C_prev))
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    return A_prev, W, rng.standard_normal((1, 1, 1, n_C)), {"stride": stride, "pad": pad}


def pool_layer(rng, case, shape=(2, 5, 6, 3)):
    """Continuous values (no ties, so max is differentiable) and hparameters {"f", "stride"}."""
    return rng.standard_normal(shape), {"f": case[0], "stride": case[1]}


def weights(rng, shape, away_from_zero):
    """W pushed at least away_from_zero from 0 (L1's kink), λ, m."""
    W = rng.standard_normal(shape)
    return W + away_from_zero * np.sign(W), 0.7, 5


# ---- the ops' backwards in the convention of the module docstring ------------------------------


def activation_backward(name):
    return lambda dA, Z: (ACTIVATION[name][1](dA, Z),)


def dense_backward(dZ, A_prev, W, b):
    dA_prev, dW, db = linear_backward(dZ, linear_forward(A_prev, W, b)[1])
    m = A_prev.shape[1]
    return dA_prev, dW * m, db * m  # the course's dW, db carry the 1/m of J = (1/m) Σ L


def layer_backward(activation):
    def backward(dA, A_prev, W, b):
        cache = linear_activation_forward(A_prev, W, b, activation)[1]
        dA_prev, dW, db = linear_activation_backward(dA, cache, activation)
        m = A_prev.shape[1]
        return dA_prev, dW * m, db * m

    return backward


def bn_backward(dZ_tilde, Z, gamma, beta, epsilon):
    _, cache, _, _ = batchnorm_forward(Z, gamma, beta, epsilon)
    dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, cache)
    m = Z.shape[1]
    return dZ, dgamma * m, dbeta * m  # dγ = (1/m) Σ dZ̃ z_norm, like dW


def conv_backward_of(version):
    forward, backward = CONV[version]
    return lambda dZ, A_prev, W, b, hp: backward(dZ, forward(A_prev, W, b, hp)[1])


def pool_backward_of(version, mode):
    forward, backward = POOL[version]
    return lambda dA, A_prev, hp: (backward(dA, forward(A_prev, hp, mode)[1], mode),)


def dropout_mask(shape, keep_prob, seed):
    """D = (U < keep_prob), U uniform from a fresh Generator of the int seed: the mask
    dropout_forward(A, keep_prob, seed) draws, the same at every evaluation of J."""
    return np.random.default_rng(seed).random(shape) < keep_prob


def dropout_backward_of_seed(dA, A, keep_prob, seed):
    return (dropout_backward(dA, dropout_mask(A.shape, keep_prob, seed), keep_prob),)


# ---- torch twins -------------------------------------------------------------------------------


def nchw(A):
    return A.permute(0, 3, 1, 2)


def torch_conv(A_prev, W, b, hp):
    Z = F.conv2d(
        nchw(A_prev), W.permute(3, 2, 0, 1), b.reshape(-1), stride=hp["stride"], padding=hp["pad"]
    )
    return Z.permute(0, 2, 3, 1)


def torch_pool(mode):
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    return lambda A_prev, hp: pool(nchw(A_prev), hp["f"], hp["stride"]).permute(0, 2, 3, 1)


def torch_cross_entropy(AL, Y):
    if AL.shape[0] == 1:
        return F.binary_cross_entropy(AL, Y)
    return F.nll_loss(torch.log(AL).T, Y.argmax(dim=0))


def torch_multilabel_cost(AL, Y):
    labelled = ~torch.isnan(Y)
    return (
        F.binary_cross_entropy(AL, torch.nan_to_num(Y), weight=labelled.double(), reduction="sum")
        / Y.shape[1]
    )


def torch_dropout(A, keep_prob, seed):
    return A * torch.from_numpy(dropout_mask(A.shape, keep_prob, seed)) / keep_prob


def torch_batchnorm(Z, gamma, beta, epsilon):  # torch wants (batch, features): examples as rows
    return F.batch_norm(Z.T, None, None, gamma.ravel(), beta.ravel(), training=True, eps=epsilon).T


# ---- the table ---------------------------------------------------------------------------------

CONV_CASES = (
    (3, 1, 0),
    (3, 1, 1),
    (2, 2, 1),
    (3, 2, 2),
    (1, 1, 0),
    (2, 3, 0),
    (3, 2, 0),
    (5, 2, 2),
    (2, 1, 0),
    (3, 3, 1),
)  # (f, stride, pad)
POOL_CASES = ((2, 2), (3, 1), (2, 1), (3, 2), (1, 2), (2, 3))  # (f, stride)
CONV_TOL = {"forward_tol": (1e-12, 1e-12), "backward_tol": (1e-12, 1e-12)}


def activation_op(name):
    return Op(
        name,
        ACTIVATION[name][0],
        inputs=lambda rng, shape: (away_from_kink(rng, shape),),
        cases=((1, 7), (4, 5)),
        wrt=(0,),
        backward=activation_backward(name),
        torch=TORCH_FORWARD[name],
        forward_tol=(1e-12, 1e-15),
    )


def layer_op(name):
    return Op(
        f"linear_activation_forward[{name}]",
        lambda A_prev, W, b: linear_activation_forward(A_prev, W, b, name)[0],
        inputs=dense_layer,
        cases=((3, 4, 5), (5, 4, 7)),
        wrt=(0, 1, 2),
        backward=layer_backward(name),
        torch=lambda A_prev, W, b: TORCH_FORWARD[name](W @ A_prev + b),
    )


def conv_op(version):
    return Op(
        f"conv_forward[{version}]",
        lambda A_prev, W, b, hp: CONV[version][0](A_prev, W, b, hp)[0],
        inputs=conv_layer,
        cases=CONV_CASES,
        wrt=(0, 1, 2),
        backward=conv_backward_of(version),
        torch=torch_conv,
        **CONV_TOL,
    )


def pool_op(version, mode):
    return Op(
        f"pool_forward[{version}, {mode}]",
        lambda A_prev, hp: POOL[version][0](A_prev, hp, mode)[0],
        inputs=pool_layer,
        cases=POOL_CASES,
        wrt=(0,),
        backward=pool_backward_of(version, mode),
        torch=torch_pool(mode),
        **CONV_TOL,
    )


def penalty_op(penalty, cost, torch_cost, away_from_zero):
    return Op(
        f"{penalty}_cost",
        lambda W, lambd, m: cost({"W1": W}, lambd, m),
        inputs=lambda rng, shape: weights(rng, shape, away_from_zero),
        cases=((3, 4), (1, 5)),
        wrt=(0,),
        backward=lambda dout, W, lambd, m: (dout * penalty_gradient(W, lambd, m, penalty),),
        torch=lambda W, lambd, m: lambd / (2 * m) * torch_cost(W),
    )


OPS = [
    *(activation_op(name) for name in ACTIVATION),
    Op(
        "linear_forward",
        lambda A_prev, W, b: linear_forward(A_prev, W, b)[0],
        inputs=dense_layer,
        cases=((4, 3, 6), (1, 2, 1)),
        wrt=(0, 1, 2),
        backward=dense_backward,
        torch=lambda A_prev, W, b: W @ A_prev + b,
    ),
    *(layer_op(name) for name in ACTIVATION),
    Op(
        "compute_cost",
        compute_cost,
        inputs=lambda rng, shape: (probabilities(rng, shape), labels(rng, shape)),
        cases=((1, 7), (3, 6)),
        torch=torch_cross_entropy,
    ),
    Op(
        "squared_error_cost",
        squared_error_cost,
        inputs=lambda rng, shape: (rng.standard_normal(shape), rng.standard_normal(shape)),
        cases=((1, 7), (2, 5)),
        torch=lambda AL, Y: F.mse_loss(AL, Y, reduction="sum") / (2 * Y.shape[1]),
    ),
    Op(
        "multilabel_cost",
        multilabel_cost,
        inputs=multilabel_example,
        cases=((4, 7), (1, 5)),
        wrt=(0,),  # dA[L] is m ∂J/∂A[L]:
        backward=lambda dout, AL, Y: (dout * multilabel_cost_backward(AL, Y) / Y.shape[1],),
        torch=torch_multilabel_cost,
    ),
    Op(
        "batchnorm_forward",
        lambda Z, gamma, beta, epsilon: batchnorm_forward(Z, gamma, beta, epsilon)[0],
        inputs=bn_layer,
        cases=(((4, 7), 1e-5), ((4, 7), 1e-2), ((5, 9), 1e-3), ((3, 6), 1e-5)),
        wrt=(0, 1, 2),
        backward=bn_backward,
        torch=torch_batchnorm,
        forward_tol=(1e-12, 1e-13),
    ),
    Op(
        "zero_pad",
        zero_pad,
        inputs=lambda rng, pad: (rng.standard_normal((2, 3, 4, 2)), pad),
        cases=(0, 1, 2),
        torch=lambda X, pad: F.pad(X, (0, 0, pad, pad, pad, pad)),
        forward_tol=(0, 0),
    ),
    *(conv_op(version) for version in CONV),
    *(pool_op(version, mode) for version in POOL for mode in ("max", "average")),
    Op(
        "dropout_forward",
        lambda A, keep_prob, seed: dropout_forward(A, keep_prob, seed)[0],
        inputs=lambda rng, case: (rng.standard_normal(case[0]), case[1], 7),
        cases=(((4, 9), 0.8), ((3, 6), 0.5)),
        wrt=(0,),
        backward=dropout_backward_of_seed,
        torch=torch_dropout,
    ),
    penalty_op("l2", l2_cost, lambda W: (W**2).sum(), 0.0),
    penalty_op("l1", l1_cost, lambda W: W.abs().sum(), 0.05),  # weights ≥ 0.05 from the kink at 0
]


# ---- the three families ------------------------------------------------------------------------


def cases(ops):
    return [pytest.param(op, case, id=f"{op.name}-{case}") for op in ops for case in op.cases]


def draw(op, case):
    """The op's inputs for a case and a dout shaped like its output, from a seed of the two."""
    rng = np.random.default_rng(zlib.crc32(f"{op.name}{case}".encode()))
    inputs = op.inputs(rng, case)
    return inputs, rng.standard_normal(np.shape(op.forward(*inputs)))


def replaced(inputs, index, value):
    return inputs[:index] + (value,) + inputs[index + 1 :]


@pytest.mark.parametrize(("op", "case"), cases([op for op in OPS if op.backward]))
def test_backward_matches_the_numerical_gradient(op, case):
    inputs, dout = draw(op, case)
    gradients = op.backward(dout, *inputs)
    assert len(gradients) == len(op.wrt)
    for index, gradient in zip(op.wrt, gradients, strict=True):

        def J(x, index=index):
            return float(np.sum(dout * op.forward(*replaced(inputs, index, x))))

        assert np.shape(gradient) == np.shape(inputs[index])
        difference = relative_difference(numerical_gradient(J, inputs[index]), gradient)
        assert difference < op.grad_tol, f"input {index}: difference {difference:.1e}"


def as_tensors(inputs, wrt):
    return tuple(
        torch.tensor(x, dtype=torch.float64, requires_grad=index in wrt)
        if isinstance(x, np.ndarray)
        else x
        for index, x in enumerate(inputs)
    )


@pytest.mark.parametrize(("op", "case"), cases([op for op in OPS if op.torch]))
def test_forward_and_backward_match_torch(op, case):
    inputs, dout = draw(op, case)
    tensors = as_tensors(inputs, op.wrt)
    out = op.torch(*tensors)
    np.testing.assert_allclose(op.forward(*inputs), out.detach().numpy(), *op.forward_tol)
    if op.backward is None:
        return
    out.backward(torch.tensor(dout, dtype=torch.float64))
    for index, gradient in zip(op.wrt, op.backward(dout, *inputs), strict=True):
        np.testing.assert_allclose(
            gradient,
            tensors[index].grad.numpy(),
            *op.backward_tol,
            err_msg=f"gradient of input {index}",
        )


@pytest.mark.parametrize(("op", "case"), cases(OPS))
def test_inputs_are_not_mutated_and_outputs_are_new_arrays(op, case):
    inputs, dout = draw(op, case)
    before = copy.deepcopy((inputs, dout))
    outputs = [op.forward(*inputs), *(op.backward(dout, *inputs) if op.backward else ())]
    for output in outputs:
        if isinstance(output, np.ndarray):
            output[...] = 7.0  # a view of an input would write into it
    for now, then in zip((*inputs, dout), (*before[0], before[1]), strict=True):
        if isinstance(then, np.ndarray):
            np.testing.assert_array_equal(now, then)  # NaN equals NaN here
        else:
            assert now == then


def test_the_table_names_every_activation_the_registry_has():
    assert {name: activations.get_activation(name) for name in ACTIVATION} == ACTIVATION
    assert set(activations.ACTIVATIONS) == set(ACTIVATION)


# ---- the families can fail ---------------------------------------------------------------------


def leaky_by_another_slope(dA, Z):
    return (np.where(Z >= 0, dA, 0.02 * dA),)  # the slope of the forward is 0.01


def view_of_dA(dA, Z):
    return (dA,)  # right for the identity, but a view: a caller writing into dZ changes dA


BROKEN_LEAKY = Op(
    "leaky_relu, wrong slope",
    activations.leaky_relu,
    inputs=lambda rng, shape: (away_from_kink(rng, shape),),
    cases=((3, 4),),
    wrt=(0,),
    backward=leaky_by_another_slope,
    torch=TORCH_FORWARD["leaky_relu"],
)
VIEW_IDENTITY = Op(
    "linear, dZ is dA",
    ACTIVATION["linear"][0],
    inputs=BROKEN_LEAKY.inputs,
    cases=((3, 4),),
    wrt=(0,),
    backward=view_of_dA,
)


def test_a_wrong_backward_fails_the_gradient_check_and_the_torch_parity():
    with pytest.raises(AssertionError, match="input 0: difference"):
        test_backward_matches_the_numerical_gradient(BROKEN_LEAKY, (3, 4))
    with pytest.raises(AssertionError, match="gradient of input 0"):
        test_forward_and_backward_match_torch(BROKEN_LEAKY, (3, 4))


def test_a_backward_that_returns_a_view_of_dout_fails_the_mutation_test():
    test_backward_matches_the_numerical_gradient(VIEW_IDENTITY, (3, 4))  # its values are right
    with pytest.raises(AssertionError):
        test_inputs_are_not_mutated_and_outputs_are_new_arrays(VIEW_IDENTITY, (3, 4))
