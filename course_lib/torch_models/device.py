"""Device choice: the device torch cells use (announced with device_summary), and the one a
model is on.
"""

import torch


def pick_device(float64=False):
    """CUDA if there is an NVIDIA GPU, then Apple's MPS, else the CPU; MPS has no float64, so
    float64=True skips it."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if not float64 and mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def device_summary(device):
    """One line naming the device torch cells run on: "cuda: NVIDIA H100 …", "mps (Apple GPU)" or
    "cpu (no GPU found)"."""
    device = torch.device(device)
    if device.type == "cuda":
        return f"cuda: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "mps (Apple GPU)"
    if device.type == "cpu":
        return (
            "cpu (no GPU found)"
            if pick_device().type == "cpu"
            else "cpu (a GPU exists but was not chosen)"
        )
    return str(device)


def _model_device(model):
    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")
