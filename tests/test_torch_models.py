"""course_lib.torch_models: the torch twin computes our network's outputs and gradients in float64."""
import numpy as np
import pytest
import torch

from course_lib.datasets import one_hot
from course_lib.gradcheck import relative_difference
from course_lib.initializers import initialize_parameters_deep
from course_lib.network import L_model_backward, L_model_forward
from course_lib.torch_models import gradients_from_torch, parameters_from_torch, pick_device, torch_network


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_twin_matches_our_forward_and_backward(hidden):
    rng = np.random.default_rng(0)
    parameters = initialize_parameters_deep([5, 4, 3, 3], rng, "he")
    parameters = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}  # non-zero b
    X, labels = rng.standard_normal((5, 7)), rng.integers(0, 3, 7)
    twin = torch_network(parameters, hidden)
    logits = twin(torch.as_tensor(X.T))
    loss = torch.nn.functional.cross_entropy(logits, torch.as_tensor(labels))
    loss.backward()
    AL, caches = L_model_forward(X, parameters, hidden, "softmax")
    np.testing.assert_allclose(torch.softmax(logits, 1).detach().numpy().T, AL, rtol=1e-12, atol=1e-14)
    grads = L_model_backward(AL, one_hot(labels.reshape(1, -1), 3), caches, hidden)
    for key, grad in gradients_from_torch(twin).items():
        assert grad.shape == grads[key].shape
        assert relative_difference(grad, grads[key]) < 1e-12, key


def test_parameters_round_trip_and_ours_unchanged():
    parameters = initialize_parameters_deep([3, 2, 1], np.random.default_rng(1), "he")
    before = {k: v.copy() for k, v in parameters.items()}
    twin = torch_network(parameters)
    assert twin[0].weight.dtype == torch.float64
    back = parameters_from_torch(twin)
    assert back.keys() == parameters.keys()
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
        np.testing.assert_array_equal(parameters[key], before[key])
    with torch.no_grad():
        twin[0].weight += 1.0
    np.testing.assert_array_equal(parameters["W1"], before["W1"])  # a copy, not a view


def test_refusals_explain():
    bn = {"W1": np.ones((2, 3)), "gamma1": np.ones((2, 1)), "beta1": np.zeros((2, 1)), "W2": np.ones((1, 2)), "b2": np.zeros((1, 1))}
    with pytest.raises(ValueError, match="no gamma/beta"):
        torch_network(bn)
    with pytest.raises(ValueError, match="unknown hidden activation 'softmax'"):
        torch_network({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}, "softmax")
    with pytest.raises(ValueError, match=r"b1 must be \(n\[1\], 1\)"):
        torch_network({"W1": np.ones((2, 3)), "b1": np.zeros((1, 2))})
    twin = torch_network({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))})
    with pytest.raises(ValueError, match="loss.backward"):
        gradients_from_torch(twin)


def test_pick_device_gives_a_device_and_float64_avoids_mps():
    device = pick_device()
    assert isinstance(device, torch.device) and device.type in ("cuda", "mps", "cpu")
    assert pick_device(float64=True).type in ("cuda", "cpu")
