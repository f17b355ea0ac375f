"""The registry's entries for the checks of c2w3 (the exercises of c2w3b batch norm, c2w3c softmax
and c2w3d frameworks; c2w3a has none): the right solutions and the wrong ones a learner plausibly
writes, with the phrases their messages must contain."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from course_lib import batchnorm, checks


def batchnorm_forward_right(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta


def batchnorm_over_units(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


def batchnorm_without_square_root(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / (var + epsilon) + beta


def batchnorm_without_epsilon(Z, gamma, beta, epsilon=1e-5):
    return gamma * (Z - Z.mean(axis=1, keepdims=True)) / Z.std(axis=1, keepdims=True) + beta


def batchnorm_epsilon_outside(Z, gamma, beta, epsilon=1e-5):
    return (
        gamma * (Z - Z.mean(axis=1, keepdims=True)) / (Z.std(axis=1, keepdims=True) + epsilon)
        + beta
    )


def batchnorm_gamma_beta_swapped(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, beta, gamma, epsilon)


def batchnorm_without_gamma_beta(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, np.ones_like(gamma), np.zeros_like(beta), epsilon)


def batchnorm_fixed_epsilon(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, gamma, beta)


def batchnorm_unbiased_variance(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / (Z.shape[1] - 1)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


def batchnorm_backward_right(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    m = dZ_tilde.shape[1]
    dZ_norm = gamma * dZ_tilde
    dZ = (
        inv_std
        / m
        * (
            m * dZ_norm
            - np.sum(dZ_norm, axis=1, keepdims=True)
            - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
        )
    )
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True) / m
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True) / m
    return dZ, dgamma, dbeta


def batchnorm_backward_constant_statistics(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    dZ = gamma * inv_std * dZ_tilde
    return dZ, *batchnorm_backward_right(dZ_tilde, cache)[1:]


def batchnorm_backward_sums_over_units(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    m = dZ_tilde.shape[1]
    dgamma = np.sum(dZ_tilde * Z_norm, axis=0, keepdims=True) / m
    dbeta = np.sum(dZ_tilde, axis=0, keepdims=True) / m
    return batchnorm_backward_right(dZ_tilde, cache)[0], dgamma, dbeta


def batchnorm_backward_without_one_over_m(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    dZ = (
        gamma
        * inv_std
        * (
            dZ_tilde
            - np.sum(dZ_tilde, axis=1, keepdims=True)
            - Z_norm * np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
        )
    )
    return dZ, *batchnorm_backward_right(dZ_tilde, cache)[1:]


def batchnorm_backward_dbeta_times_gamma(dZ_tilde, cache):
    dZ, dgamma, dbeta = batchnorm_backward_right(dZ_tilde, cache)
    return dZ, dgamma, cache[1] * dbeta


def batchnorm_backward_gamma_sums(dZ_tilde, cache):
    dZ, dgamma, dbeta = batchnorm_backward_right(dZ_tilde, cache)
    m = dZ_tilde.shape[1]
    return dZ, m * dgamma, m * dbeta


def batchnorm_backward_divides_by_inverse(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    return batchnorm_backward_right(dZ_tilde, (Z_norm, gamma, 1 / inv_std))


def batchnorm_backward_in_place(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    dgamma = np.mean(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dbeta = np.mean(dZ_tilde, axis=1, keepdims=True)
    gamma *= inv_std  # γ/√(σ² + ε), written into the cache's γ
    dZ = gamma * (dZ_tilde - dbeta - Z_norm * dgamma)
    return dZ, dgamma, dbeta


def batchnorm_backward_returns_list(dZ_tilde, cache):
    return list(batchnorm_backward_right(dZ_tilde, cache))


def softmax_right(Z):
    t = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_over_rows(Z):
    t = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return t / np.sum(t, axis=1, keepdims=True)


def softmax_without_max(Z):
    t = np.exp(Z)
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_global_max(Z):
    t = np.exp(Z - np.max(Z))
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_row_max(Z):
    t = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_not_normalized(Z):
    return np.exp(Z - np.max(Z, axis=0, keepdims=True))


def softmax_in_place(Z):
    Z -= np.max(Z, axis=0, keepdims=True)
    t = np.exp(Z)
    return t / np.sum(t, axis=0, keepdims=True)


def compute_cost_softmax_right(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL)) / m)


def compute_cost_softmax_without_m(AL, Y):
    return float(-np.sum(Y * np.log(AL)))


def compute_cost_softmax_mean_of_all(AL, Y):
    return float(-np.mean(Y * np.log(AL)))


def compute_cost_softmax_binary(AL, Y):
    return float(-np.mean(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=0)))


def compute_cost_softmax_dot(AL, Y):
    return float(-np.sum(np.dot(Y, np.log(AL).T)) / Y.shape[1])


def compute_cost_softmax_losses(AL, Y):
    return -np.sum(Y * np.log(AL), axis=0)


def compute_cost_softmax_positive_sign(AL, Y):
    return float(np.sum(Y * np.log(AL)) / Y.shape[1])


def softmax_cost_backward_right(AL, Y):
    return AL - Y


def softmax_cost_backward_flipped(AL, Y):
    return Y - AL


def softmax_cost_backward_over_m(AL, Y):
    return (AL - Y) / Y.shape[1]


def softmax_cost_backward_dA(AL, Y):
    return -Y / AL


def softmax_cost_backward_labels(AL, Y):
    labels = np.argmax(Y, axis=0)
    return AL - labels


# ---- §4, the framework assignment in PyTorch -----------------------------------------------------


def one_hot_matrix_right(labels, C):
    return F.one_hot(labels, C).float()


def one_hot_matrix_eye(labels, C):
    return torch.eye(C)[labels]


def one_hot_matrix_columns(labels, C):
    return F.one_hot(labels, C).float().T


def one_hot_matrix_classes_from_labels(labels, C):
    return F.one_hot(labels).float()


def one_hot_matrix_integers(labels, C):
    return F.one_hot(labels, C)


def one_hot_matrix_numpy(labels, C):
    return np.eye(C)[labels.numpy()]


class ThreeLayerNet_right(nn.Module):
    def __init__(self, n_x, n_h1, n_h2, n_y):
        super().__init__()
        self.linear1 = nn.Linear(n_x, n_h1)
        self.linear2 = nn.Linear(n_h1, n_h2)
        self.linear3 = nn.Linear(n_h2, n_y)

    def forward(self, X):
        return self.linear3(torch.relu(self.linear2(torch.relu(self.linear1(X)))))


class ThreeLayerNet_modules(ThreeLayerNet_right):  # ReLU modules in attributes: also right
    def __init__(self, n_x, n_h1, n_h2, n_y):
        super().__init__(n_x, n_h1, n_h2, n_y)
        self.relu = nn.ReLU()

    def forward(self, X):
        return self.linear3(self.relu(self.linear2(self.relu(self.linear1(X)))))


class ThreeLayerNet_softmax(ThreeLayerNet_right):
    def forward(self, X):
        return torch.softmax(super().forward(X), dim=1)


class ThreeLayerNet_relu_last(ThreeLayerNet_right):
    def forward(self, X):
        return torch.relu(super().forward(X))


class ThreeLayerNet_missing_relu(ThreeLayerNet_right):
    def forward(self, X):
        return self.linear3(torch.relu(self.linear2(self.linear1(X))))


class ThreeLayerNet_missing_second_relu(ThreeLayerNet_right):
    def forward(self, X):
        return self.linear3(self.linear2(torch.relu(self.linear1(X))))


class ThreeLayerNet_fixed_sizes(ThreeLayerNet_right):
    def __init__(self, n_x, n_h1, n_h2, n_y):
        super().__init__(n_x, 25, 12, 6)


class ThreeLayerNet_swapped(nn.Module):
    def __init__(self, n_x, n_h1, n_h2, n_y):
        super().__init__()
        self.linear1 = nn.Linear(n_h1, n_x)
        self.linear2 = nn.Linear(n_h2, n_h1)
        self.linear3 = nn.Linear(n_y, n_h2)


class ThreeLayerNet_other_names(nn.Module):
    def __init__(self, n_x, n_h1, n_h2, n_y):
        super().__init__()
        self.fc1 = nn.Linear(n_x, n_h1)
        self.fc2 = nn.Linear(n_h1, n_h2)
        self.fc3 = nn.Linear(n_h2, n_y)


class ThreeLayerNet_sequential_inside(nn.Module):
    def __init__(self, n_x, n_h1, n_h2, n_y):
        super().__init__()
        self.linear1 = nn.Sequential(nn.Linear(n_x, n_h1), nn.ReLU())
        self.linear2 = nn.Sequential(nn.Linear(n_h1, n_h2), nn.ReLU())
        self.linear3 = nn.Linear(n_h2, n_y)


def compute_total_loss_right(logits, labels):
    return F.cross_entropy(logits, labels, reduction="sum")


def compute_total_loss_by_hand(logits, labels):  # also right
    return -(labels * torch.log_softmax(logits, dim=1)).sum()


def compute_total_loss_mean(logits, labels):
    return F.cross_entropy(logits, labels)


def compute_total_loss_softmax_first(logits, labels):
    return F.cross_entropy(torch.softmax(logits, dim=1), labels, reduction="sum")


def compute_total_loss_swapped(logits, labels):
    return F.cross_entropy(labels, logits, reduction="sum")


def compute_total_loss_nll(logits, labels):
    return F.nll_loss(logits, labels.argmax(dim=1), reduction="sum")


def compute_total_loss_item(logits, labels):
    return F.cross_entropy(logits, labels, reduction="sum").item()


def compute_total_loss_per_example(logits, labels):
    return F.cross_entropy(logits, labels, reduction="none")


def compute_total_loss_bce(logits, labels):
    return F.binary_cross_entropy_with_logits(logits, labels, reduction="sum")


def compute_total_loss_detached(logits, labels):
    return torch.tensor(F.cross_entropy(logits, labels, reduction="sum").item())


def training_loop(
    X_train,
    Y_train,
    network,
    learning_rate,
    num_epochs,
    minibatch_size,
    seed,
    *,
    zero_grad=True,
    backward=True,
    step=True,
    loss_scale="sum",
    generator="own",
    cost_divisor="m",
    lr=None,
    optimizer_per_epoch=False,
    returns="network, costs",
    keep_tensors=False,
):
    """The right loop, or with one of the mistakes the keyword arguments name."""
    m = X_train.shape[0]
    dataset = torch.utils.data.TensorDataset(X_train, Y_train)

    def loader():
        g = torch.Generator().manual_seed(seed) if generator in ("own", "reseeded") else None
        shuffle = generator != "none"
        return torch.utils.data.DataLoader(dataset, minibatch_size, shuffle=shuffle, generator=g)

    if generator == "global seeded":
        torch.manual_seed(seed)
    batches = loader()
    optimizer = torch.optim.Adam(network.parameters(), lr=lr or learning_rate)
    costs = []
    for _ in range(num_epochs):
        if generator == "reseeded":
            batches = loader()
        if optimizer_per_epoch:
            optimizer = torch.optim.Adam(network.parameters(), lr=learning_rate)
        epoch_total_loss = 0.0
        for X_batch, Y_batch in batches:
            if zero_grad:
                optimizer.zero_grad()
            loss = compute_total_loss_right(network(X_batch), Y_batch)
            if loss_scale in ("mean", "mean backward"):
                loss_for_backward = loss / X_batch.shape[0]
            else:
                loss_for_backward = loss
            if backward:
                loss_for_backward.backward()
            if step:
                optimizer.step()
            recorded = loss_for_backward if loss_scale == "mean" else loss
            epoch_total_loss += recorded if keep_tensors else recorded.item()
        costs.append(epoch_total_loss / (len(batches) if cost_divisor == "batches" else m))
    return (costs, network) if returns == "costs, network" else (network, costs)


def train_model_right(
    X_train, Y_train, network, learning_rate=0.0001, num_epochs=1500, minibatch_size=32, seed=0
):
    return training_loop(X_train, Y_train, network, learning_rate, num_epochs, minibatch_size, seed)


def train_model_wrong(**mistake):
    def train_model(
        X_train, Y_train, network, learning_rate=0.0001, num_epochs=1500, minibatch_size=32, seed=0
    ):
        return training_loop(
            X_train, Y_train, network, learning_rate, num_epochs, minibatch_size, seed, **mistake
        )

    return train_model


def train_model_zero_grad_between(
    X_train, Y_train, network, learning_rate=0.0001, num_epochs=1500, minibatch_size=32, seed=0
):
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(X_train, Y_train),
        minibatch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(seed),
    )
    optimizer = torch.optim.Adam(network.parameters(), lr=learning_rate)
    costs = []
    for _ in range(num_epochs):
        total = 0.0
        for X_batch, Y_batch in loader:
            loss = compute_total_loss_right(network(X_batch), Y_batch)
            loss.backward()
            optimizer.zero_grad()
            optimizer.step()
            total += loss.item()
        costs.append(total / X_train.shape[0])
    return network, costs


CASES = {
    checks.check_batchnorm_forward: (
        batchnorm_forward_right,
        [
            (batchnorm_over_units, ("over the units (axis=0)", "Z of shape (3, 8)")),
            (batchnorm_without_square_root, "divides by σ² + ε instead of √(σ² + ε)"),
            (batchnorm_without_epsilon, "ε is left out"),
            (batchnorm_epsilon_outside, "ε is added outside the square root"),
            (batchnorm_gamma_beta_swapped, "γ and β are swapped"),
            (batchnorm_without_gamma_beta, "γ and β are not applied"),
            (
                batchnorm_fixed_epsilon,
                ("fixed at 1e-5 instead of the epsilon argument", "ε = 0.01"),
            ),
            (batchnorm_unbiased_variance, "divides by m − 1 (ddof=1)"),
            (batchnorm.batchnorm_forward, ("returned a tuple of 4", "return Z̃ alone")),
        ],
    ),
    checks.check_batchnorm_backward: (
        batchnorm_backward_right,
        [
            (
                batchnorm_backward_constant_statistics,
                ("μ and σ² are treated as constants", "Z of shape (3, 8)"),
            ),
            (batchnorm_backward_sums_over_units, "sum over the examples, not the units"),
            (batchnorm_backward_without_one_over_m, "sums over the examples where they must be"),
            (batchnorm_backward_dbeta_times_gamma, "dβ is multiplied by γ"),
            (batchnorm_backward_gamma_sums, "dγ is a sum without the 1/m"),
            (batchnorm_backward_divides_by_inverse, "already 1/√(σ² + ε), so multiply"),
            (batchnorm_backward_in_place, "changed an array of the cache in place"),
            (batchnorm_backward_returns_list, "returned list: return the three arrays"),
        ],
    ),
    checks.check_softmax: (
        softmax_right,
        [
            (softmax_over_rows, ("normalizes over the examples (axis=1", "shape (4, 1)")),
            (softmax_without_max, ("e^z overflows for z near 1000", "large logits")),
            (softmax_global_max, ("each column's own max", "columns far apart")),
            (softmax_row_max, "subtracts each row's max (axis=1)"),
            (softmax_not_normalized, "not divided by its column's sum"),
            (softmax_in_place, "changed its input `Z` in place"),
        ],
    ),
    checks.check_compute_cost_softmax: (
        compute_cost_softmax_right,
        [
            (compute_cost_softmax_without_m, "the 1/m is missing"),
            (compute_cost_softmax_mean_of_all, "divides by C·m"),
            (compute_cost_softmax_binary, "belongs to the binary (sigmoid) cost"),
            (compute_cost_softmax_dot, "use the elementwise product Y * np.log(AL)"),
            (compute_cost_softmax_losses, "those are the 5 losses"),
            (compute_cost_softmax_positive_sign, "the minus sign is missing"),
        ],
    ),
    checks.check_softmax_cost_backward: (
        softmax_cost_backward_right,
        [
            (softmax_cost_backward_flipped, "the sign is flipped"),
            (softmax_cost_backward_over_m, ("divided by m", "dZ is per example")),
            (softmax_cost_backward_dA, "gradient before the softmax"),
            (softmax_cost_backward_labels, "subtracts the class indices"),
        ],
    ),
    checks.check_one_hot_matrix: (
        one_hot_matrix_right,
        [
            (one_hot_matrix_columns, ("our NumPy layout", "(m, C) = (4, 5)")),
            (one_hot_matrix_classes_from_labels, "C is taken from the labels"),
            (one_hot_matrix_integers, ("holds integers", ".float()")),
            (one_hot_matrix_numpy, ("returned a ndarray", "torch ops")),
        ],
    ),
    checks.check_ThreeLayerNet: (
        ThreeLayerNet_right,
        [
            (ThreeLayerNet_softmax, ("a softmax is applied to the output", "log-softmax itself")),
            (ThreeLayerNet_relu_last, "a ReLU follows the last layer"),
            (ThreeLayerNet_missing_relu, "the ReLU after linear1 is missing"),
            (ThreeLayerNet_missing_second_relu, "the ReLU after linear2 is missing"),
            (ThreeLayerNet_fixed_sizes, "take the sizes from the arguments"),
            (ThreeLayerNet_swapped, "nn.Linear(in_features, out_features)"),
            (ThreeLayerNet_other_names, "it has no attribute linear1"),
            (ThreeLayerNet_sequential_inside, "linear1 is a Sequential, not an nn.Linear"),
        ],
    ),
    checks.check_compute_total_loss: (
        compute_total_loss_right,
        [
            (compute_total_loss_mean, ("averages over the examples", "the SUM")),
            (compute_total_loss_softmax_first, "a softmax is applied before F.cross_entropy"),
            (compute_total_loss_swapped, "the arguments are swapped"),
            (compute_total_loss_nll, "F.nll_loss expects log-probabilities"),
            (compute_total_loss_item, ("returned a float", "calls .backward() on it")),
            (compute_total_loss_per_example, "those are the 5 losses"),
            (compute_total_loss_bce, "binary cross-entropy"),
            (compute_total_loss_detached, "cut off from the logits"),
        ],
    ),
    checks.check_train_model: (
        train_model_right,
        [
            (train_model_wrong(zero_grad=False), "call optimizer.zero_grad() before each"),
            (train_model_wrong(step=False), "call optimizer.step() after loss.backward()"),
            (
                train_model_wrong(backward=False),
                ("never changed and hold no gradients", "backward()"),
            ),
            (train_model_zero_grad_between, "not between them"),
            (train_model_wrong(loss_scale="mean backward"), "backward() on the mean loss"),
            (train_model_wrong(loss_scale="mean"), "use compute_total_loss, the sum, for both"),
            (train_model_wrong(cost_divisor="batches"), "divided by the number of mini-batches"),
            (train_model_wrong(generator="none"), "the mini-batches are not shuffled"),
            (train_model_wrong(generator="global"), "shuffles with PyTorch's global random state"),
            (train_model_wrong(generator="global seeded"), "seeded by torch.manual_seed(seed)"),
            (train_model_wrong(generator="reseeded"), "every epoch sees the same mini-batches"),
            (train_model_wrong(lr=0.001), "its default lr = 0.001"),
            (train_model_wrong(optimizer_per_epoch=True), "Adam is created anew every epoch"),
            (train_model_wrong(returns="costs, network"), "return network, costs"),
            (train_model_wrong(keep_tensors=True), "add loss.item()"),
        ],
    ),
}
